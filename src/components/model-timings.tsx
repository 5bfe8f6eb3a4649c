"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { ModelTiming } from "@/shared/model-timing";

// Each model's recent durations (src/lib/generations/model-timings.ts), read by the page on the
// server and handed down here, so a running card can show an estimate without another request.

const TimingsContext = createContext<readonly ModelTiming[]>([]);

export function ModelTimingsProvider({ timings, children }: { timings: readonly ModelTiming[]; children: ReactNode }) {
  return <TimingsContext.Provider value={timings}>{children}</TimingsContext.Provider>;
}

export function useModelTiming(model: string): ModelTiming | undefined {
  return useContext(TimingsContext).find((t) => t.model === model);
}
