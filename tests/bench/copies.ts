import type { BenchOwner } from "./fixtures";

// The sized copies of the fresh webhooks' images are made after each answer, one at a time
// (src/lib/runtime/after-response.ts). The bench waits for the last of them before the next
// stage, so that work neither slows the figures after it nor goes unmeasured: the time from the
// last webhook answer to the last copy recorded is a figure of its own.

type Page = { generations: { status: string; outputs: { variants: unknown[] }[] }[]; nextCursor: string | null };

async function outputsWithoutCopies(appUrl: string, owner: BenchOwner): Promise<{ outputs: number; pending: number }> {
  let cursor: string | null = null;
  let outputs = 0;
  let pending = 0;
  do {
    const query = new URLSearchParams({ limit: "100", ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${appUrl}/api/generations?${query}`, { headers: { cookie: owner.cookie } });
    if (res.status !== 200) throw new Error(`copies: list answered HTTP ${res.status}`);
    const page = (await res.json()) as Page;
    for (const g of page.generations) {
      if (g.status !== "succeeded") continue;
      outputs += g.outputs.length;
      pending += g.outputs.filter((o) => o.variants.length === 0).length;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { outputs, pending };
}

/** Between checks: each lists all of the owner's generations, whose cost counts in the webhook CPU figures. */
const POLL_MS = 1000;

/** Waits (up to 10 minutes) until every succeeded output of `owner` has its copies (measured to within POLL_MS). */
export async function untilCopiesMade(appUrl: string, owner: BenchOwner): Promise<{ outputs: number; drainMs: number }> {
  const started = performance.now();
  for (;;) {
    const { outputs, pending } = await outputsWithoutCopies(appUrl, owner);
    if (pending === 0) return { outputs, drainMs: Math.round(performance.now() - started) };
    if (performance.now() - started > 600_000) throw new Error(`copies: ${pending} of ${outputs} outputs still without copies`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
