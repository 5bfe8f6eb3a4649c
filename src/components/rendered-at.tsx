"use client";

import type { ReactNode } from "react";
import { RenderedAtContext } from "@/client/rendered-at";

/** Hands the server's render time to the page's clocks (src/client/rendered-at.ts). */
export function RenderedAt({ at, children }: { at: number; children: ReactNode }) {
  return <RenderedAtContext value={at}>{children}</RenderedAtContext>;
}
