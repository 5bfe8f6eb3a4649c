"use client";

import "client-only";
import type { LineageView } from "@/shared/lineage-view";
import { generationUrl } from "./generations-api";
import { requestJson } from "./http";
import { usePolling } from "./use-polling";

const load = (url: string) => requestJson<LineageView>(url);

/** A generation's parent and children; refetched while `active` so new children show up. */
export function useLineage(id: string, active: boolean) {
  return usePolling<LineageView>(`${generationUrl(id)}/lineage`, load, { interval: () => (active ? 3000 : 0) });
}
