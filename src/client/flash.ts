import "client-only";

// A message for the whole tab ("Deleted “…”."), shown by the one FlashToast in the root layout,
// which stays mounted across client-side navigations: a page can say something and then leave,
// and the message is still read out on the page it goes to. Held in memory only; a full reload
// drops it.

export type Flash = { id: number; text: string };

let current: Flash | null = null;
let lastId = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function setFlash(text: string): void {
  lastId += 1;
  current = { id: lastId, text };
  emit();
}

/** Clears the message, if it is still the one shown (a newer one stays). */
export function dismissFlash(id: number): void {
  if (current?.id !== id) return;
  current = null;
  emit();
}

export function subscribeFlash(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentFlash(): Flash | null {
  return current;
}
