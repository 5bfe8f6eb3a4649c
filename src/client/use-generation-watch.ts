"use client";

import "client-only";
import { useEffect, useRef } from "react";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { generationUrl } from "./generations-api";
import { pollDelay } from "./poll-backoff";

// Watches running generations through the status route's long-poll (GET …/:id?wait=<etag>): the
// server holds each request until the generation changes (or ~25 s pass), so a finished
// generation shows as soon as its row is committed, and an idle watch asks about twice a minute.
// Where the server does not hold polls (x-poll-held: 0, e.g. on Neon) it falls back to the
// short-poll backoff (poll-backoff.ts). Stops at a final status or a 4xx.

/**
 * At most this many generations are watched at once; beyond
 * them the caller polls its list. Each watch holds a connection, and a browser opens only six
 * per host over HTTP/1.1: the rest stay free for images and other calls.
 */
export const MAX_WATCHED = 3;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

async function watch(id: string, signal: AbortSignal, report: (generation: GenerationView) => void) {
  let etag = "";
  let unchanged = 0;
  let failures = 0;
  while (!signal.aborted) {
    try {
      // The first request has no tag to wait on: it answers at once with the current version.
      const url = etag ? `${generationUrl(id)}?wait=${encodeURIComponent(etag)}` : generationUrl(id);
      const res = await fetch(url, { cache: "no-store", signal, headers: { accept: "application/json" } });
      failures = 0;
      if (res.status >= 400 && res.status < 500) return;
      if (res.status === 200) {
        etag = res.headers.get("etag") ?? "";
        const generation = (await res.json()) as GenerationView;
        report(generation);
        if (!isActive(generation.status)) return;
        unchanged = 0;
      } else if (res.status === 304) {
        unchanged += 1;
      } else {
        throw new Error(`HTTP ${res.status}`);
      }
      const held = res.headers.get("x-poll-held") === "1";
      if (etag && !held && url !== generationUrl(id)) await sleep(pollDelay(unchanged), signal);
    } catch {
      if (signal.aborted) return;
      failures += 1;
      await sleep(Math.min(1000 * 2 ** failures, 10_000), signal);
    }
  }
}

/** Long-polls each of `ids` (running generations) and reports every new version to `onChange`. */
export function useGenerationWatch(ids: readonly string[], onChange: (generation: GenerationView) => void): void {
  const report = useRef(onChange);
  report.current = onChange;
  const running = useRef(new Map<string, AbortController>());
  const key = [...ids].sort().join(" ");
  useEffect(() => {
    const wanted = new Set(key ? key.split(" ") : []);
    const map = running.current;
    for (const [id, controller] of map) {
      if (!wanted.has(id)) {
        controller.abort();
        map.delete(id);
      }
    }
    for (const id of wanted) {
      if (map.has(id)) continue;
      const controller = new AbortController();
      map.set(id, controller);
      void watch(id, controller.signal, (g) => report.current(g)).finally(() => {
        if (map.get(id) === controller) map.delete(id);
      });
    }
  }, [key]);
  useEffect(() => {
    const map = running.current;
    return () => {
      for (const controller of map.values()) controller.abort();
      map.clear();
    };
  }, []);
}
