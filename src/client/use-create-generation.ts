"use client";

import "client-only";
import { useCallback } from "react";
import type { CreateGroupBody, GenerationView, GroupView } from "@/shared/generation-view";
import { postGeneration, postGroup } from "./generations-api";
import { useIdempotentSubmit } from "./use-idempotent-submit";

/** Starts one generation (POST /api/generations), safe to resubmit after an unknown outcome. */
export function useCreateGeneration() {
  const { submit: send, submitting } = useIdempotentSubmit(postGeneration);
  const submit = useCallback(
    (model: string, input: Record<string, unknown>): Promise<GenerationView | null> => send({ model, input }),
    [send],
  );
  return { submit, submitting };
}

/** Starts a group (variations or compare: POST /api/groups), safe to resubmit likewise. */
export function useCreateGroup() {
  return useIdempotentSubmit<CreateGroupBody, GroupView>(postGroup);
}
