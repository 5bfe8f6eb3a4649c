import "client-only";

// A message for the whole tab ("Deleted “…”."), shown by the one FlashToast in the root layout,
// which stays mounted across client-side navigations: a page can say something and then leave,
// and the message is still read out on the page it goes to. Held in memory; a page that leaves
// for another document (Back from a page opened from the address bar) carries it there through
// the tab's sessionStorage, where the next document takes it once.

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

const CARRIED = "flash";
/** A carried message older than this is stale (its page never loaded): dropped. */
const CARRIED_FOR_MS = 30_000;

/** Keeps the current message for the next document this tab loads. */
export function carryFlashToNextDocument(): void {
  if (!current) return;
  try {
    sessionStorage.setItem(CARRIED, JSON.stringify({ text: current.text, at: Date.now() }));
  } catch {
    // Storage refused (private mode, quota): the message is lost, as before.
  }
}

function takeCarriedFlash(): void {
  try {
    const raw = sessionStorage.getItem(CARRIED);
    if (!raw) return;
    sessionStorage.removeItem(CARRIED);
    const carried = JSON.parse(raw) as { text?: unknown; at?: unknown };
    if (typeof carried.text === "string" && typeof carried.at === "number" && Date.now() - carried.at < CARRIED_FOR_MS) {
      setFlash(carried.text);
    }
  } catch {
    // Unreadable: nothing to say.
  }
}

if (typeof window !== "undefined") {
  takeCarriedFlash();
  // A document restored from the back-forward cache does not run this module again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) takeCarriedFlash();
  });
}
