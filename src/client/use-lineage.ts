"use client";

import "client-only";
import useSWR from "swr";
import type { LineageView } from "@/shared/lineage-view";
import { generationUrl } from "./generations-api";
import { requestJson } from "./http";

/** A generation's parent and children; refetched while `active` so new children show up. */
export function useLineage(id: string, active: boolean) {
  return useSWR<LineageView, unknown>(`${generationUrl(id)}/lineage`, (url: string) => requestJson<LineageView>(url), {
    refreshInterval: active ? 3000 : 0,
  });
}
