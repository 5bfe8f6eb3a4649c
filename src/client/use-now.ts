"use client";

import "client-only";
import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs` while `running` (a ticking clock for elapsed times). */
export function useNow(running: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}
