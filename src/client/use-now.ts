"use client";

import "client-only";
import { useEffect, useState } from "react";
import { useRenderedAt } from "./rendered-at";

/**
 * The current time, re-read every `everyMs` while `running` (a ticking clock for elapsed times).
 * It starts from the server's render time when the page was rendered there, so the HTML and the
 * hydrating browser agree; the first tick, at once after hydration, brings the browser's clock.
 */
export function useNow(running: boolean, everyMs = 1000): number {
  const renderedAt = useRenderedAt();
  const [now, setNow] = useState(() => renderedAt ?? Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}
