import { randomBytes } from "node:crypto";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../e2e/harness";
import { StudioPage } from "../e2e/pages";
import type { Latency } from "./measure";

// Completion → visible, measured in Chromium: generations made through the studio's form one
// after another, each timed from the emulator's `completed_at` (the prediction finished on
// "Replicate") to the `load` event of its image in the page (both clocks are this machine's).
// Between the two: the webhook, the output copy, the commit, the page's poll, React, the image.

type Prediction = { input?: { prompt?: string }; completed_at?: string | null };

async function completedAt(emulatorUrl: string, prompt: string): Promise<number> {
  let next: string | null = `${emulatorUrl}/v1/predictions`;
  while (next) {
    const res = await fetch(next, { headers: { authorization: "Bearer bench" } });
    const page = (await res.json()) as { next: string | null; results: Prediction[] };
    const found = page.results.find((p) => p.input?.prompt === prompt);
    if (found?.completed_at) return Date.parse(found.completed_at);
    next = page.next;
  }
  throw new Error(`no completed prediction for "${prompt}"`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export type VisibleLatency = Latency & { p95: number; samples: number[] };

export async function completionToVisible(appUrl: string, emulatorUrl: string, count = 20): Promise<VisibleLatency> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Every image's load time, by its alt text (the prompt), in the page's own clock.
    await context.addInitScript(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __imageLoads: Record<string, number> }).__imageLoads = seen;
      document.addEventListener(
        "load",
        (event) => {
          const img = event.target;
          if (img instanceof HTMLImageElement && img.alt && !(img.alt in seen)) seen[img.alt] = Date.now();
        },
        true,
      );
    });
    const page = await context.newPage();
    const studio = new StudioPage(page, appUrl);
    await studio.open();
    const run = randomBytes(3).toString("hex");
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const prompt = `bench visible ${run} ${i}`;
      await studio.generate(prompt);
      await page.waitForFunction(
        (alt) => (window as unknown as { __imageLoads: Record<string, number> }).__imageLoads[alt] !== undefined,
        prompt,
        { timeout: 60_000 },
      );
      const visibleAt = await page.evaluate(
        (alt) => (window as unknown as { __imageLoads: Record<string, number> }).__imageLoads[alt] as number,
        prompt,
      );
      samples.push(visibleAt - (await completedAt(emulatorUrl, prompt)));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      n: samples.length,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p95: percentile(sorted, 0.95),
      samples,
    };
  } finally {
    await browser.close();
  }
}
