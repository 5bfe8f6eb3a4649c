"use client";

import "client-only";
import type { LineageView } from "@/shared/lineage-view";
import { generationUrl } from "./generations-api";
import { requestJson } from "./http";
import { usePolling } from "./use-polling";

const load = (url: string) => requestJson<LineageView>(url);

/**
 * A generation's parent and children, read once (again when the tab comes back). No schedule:
 * while the generation runs it has no outputs, so nothing can have been made from them yet.
 */
export function useLineage(id: string) {
  return usePolling<LineageView>(`${generationUrl(id)}/lineage`, load, { interval: () => 0 });
}
