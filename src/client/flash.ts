import "client-only";

// A message for the next page this tab shows ("Deleted “…”."), handed over in memory across a
// client-side navigation. Taken once; a message nobody took within a few seconds is dropped, so it
// never turns up on some later page.

const FRESH_MS = 10_000;
let pending: { text: string; at: number } | null = null;

export function setFlash(text: string): void {
  pending = { text, at: Date.now() };
}

export function takeFlash(): string | null {
  const taken = pending && Date.now() - pending.at < FRESH_MS ? pending.text : null;
  pending = null;
  return taken;
}
