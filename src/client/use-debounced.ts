"use client";

import "client-only";
import { useEffect, useState } from "react";

/** `value` once it has stopped changing for `ms` (typed filter text waits for a pause). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
