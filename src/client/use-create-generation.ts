"use client";

import "client-only";
import { useCallback, useRef, useState } from "react";
import type { GenerationView } from "@/shared/generation-view";
import { postGeneration } from "./generations-api";
import { ApiError, NetworkError } from "./http";

// Submits a generation with an idempotency key. The key is kept only while the outcome is
// unknown (no answer, or a 500): resubmitting the same thing then reuses it, so the server hands
// back the generation it may already have started instead of paying for a second one.

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); plain-http LAN hosts lack it.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const outcomeUnknown = (error: unknown) => error instanceof NetworkError || (error instanceof ApiError && error.status === 500);

export function useCreateGeneration() {
  const pendingKey = useRef<{ payload: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = useCallback(async (model: string, input: Record<string, unknown>): Promise<GenerationView | null> => {
    // A second click before React re-renders the disabled button must not send a second request.
    if (inFlight.current) return null;
    inFlight.current = true;
    setSubmitting(true);
    const payload = JSON.stringify({ model, input });
    const key = pendingKey.current?.payload === payload ? pendingKey.current.key : newKey();
    pendingKey.current = { payload, key };
    try {
      const generation = await postGeneration({ model, input, idempotencyKey: key });
      pendingKey.current = null;
      return generation;
    } catch (error) {
      if (!outcomeUnknown(error)) pendingKey.current = null;
      throw error;
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }, []);

  return { submit, submitting };
}
