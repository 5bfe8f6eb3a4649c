"use client";

import "client-only";
import { useEffect, useRef } from "react";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { promptOf } from "./format";
import { notificationsWanted } from "./notifications";

// Signals generations that end: through `onEnded` always (the page's live region), and, while the
// tab is hidden, with a badge in the tab title ("(2) Replicate Image Studio") and, if the visitor
// opted in, a browser notification. The badge clears when the tab is shown again.

const BADGE = /^\(\d+\) /;

function endedText(generation: GenerationView): string {
  const prompt = promptOf(generation);
  if (generation.status === "succeeded") return `Ready: “${prompt}”`;
  if (generation.status === "failed") return `Failed: “${prompt}”`;
  return `Canceled: “${prompt}”`;
}

function notify(generation: GenerationView): void {
  if (!notificationsWanted()) return;
  try {
    const note = new Notification(generation.status === "succeeded" ? "Your image is ready" : "A generation ended", {
      body: endedText(generation),
      tag: generation.id,
    });
    note.onclick = () => window.focus();
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker: the badge remains.
  }
}

export function useCompletionSignal(generations: readonly GenerationView[], onEnded?: (text: string) => void): void {
  const seen = useRef(new Map<string, GenerationView["status"]>());
  const unseen = useRef(0);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const previous = seen.current;
    for (const generation of generations) {
      const before = previous.get(generation.id);
      previous.set(generation.id, generation.status);
      if (!before || !isActive(before) || isActive(generation.status)) continue;
      ended.current?.(endedText(generation));
      if (document.visibilityState !== "hidden") continue;
      unseen.current += 1;
      document.title = `(${unseen.current}) ${document.title.replace(BADGE, "")}`;
      notify(generation);
    }
  }, [generations]);

  useEffect(() => {
    const clear = () => {
      if (document.visibilityState !== "visible" || unseen.current === 0) return;
      unseen.current = 0;
      document.title = document.title.replace(BADGE, "");
    };
    document.addEventListener("visibilitychange", clear);
    return () => document.removeEventListener("visibilitychange", clear);
  }, []);
}
