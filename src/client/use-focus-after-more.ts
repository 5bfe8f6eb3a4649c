"use client";

import { type RefObject, useEffect, useRef } from "react";

/**
 * "Load more" from the keyboard: once the next page is in, focus goes to the first entry it
 * brought (its first link or control), so the user reads on from there; on the last page the
 * button goes away, and focus would otherwise drop to the page's start. Entries carry
 * `data-entry-key` (in `container`, or anywhere in the page when it
 * is null); `lastKey` is the last one's. Call the answer with the button when it is
 * pressed: focus moves only if the button had it.
 */
export function useFocusAfterMore(container: RefObject<HTMLElement | null> | null, lastKey: string | undefined) {
  const after = useRef<{ key: string; button: HTMLElement } | null>(null);
  useEffect(() => {
    const key = after.current?.key;
    const list = container ? container.current : document;
    if (!key || !list || key === lastKey) return;
    // Only while focus is still on the button, or was dropped with it: not from where the user
    // has put it since (typing a search, say).
    const active = document.activeElement;
    if (active !== after.current?.button && active !== document.body && active !== null) {
      after.current = null;
      return;
    }
    const entries = [...list.querySelectorAll<HTMLElement>("[data-entry-key]")];
    const at = entries.findIndex((el) => el.dataset.entryKey === key);
    // Not yet in (or the old last entry is gone): wait for the next change of the last key.
    const next = at >= 0 ? entries[at + 1] : undefined;
    if (!next) return;
    after.current = null;
    next.querySelector<HTMLElement>("a[href], button, input")?.focus();
  }, [container, lastKey]);
  return (button: HTMLElement) => {
    after.current = document.activeElement === button && lastKey ? { key: lastKey, button } : null;
  };
}
