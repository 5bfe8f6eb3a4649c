"use client";

import "client-only";
import { createContext, useContext, useSyncExternalStore } from "react";

// The time the server rendered the page at, so a running clock ("12 s") is drawn from the same
// instant on the server and while the browser hydrates that HTML: the browser's own clock would
// give other text (a hydration error). Set by the root layout (src/components/rendered-at.tsx).

export const RenderedAtContext = createContext<number | null>(null);

const noSubscription = () => () => {};

/**
 * The server's render time while rendering on the server or hydrating its HTML; null in a render
 * of the browser's own (a client navigation, a card added later), which reads its clock.
 */
export function useRenderedAt(): number | null {
  const renderedAt = useContext(RenderedAtContext);
  const fromServer = useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
  return fromServer ? renderedAt : null;
}
