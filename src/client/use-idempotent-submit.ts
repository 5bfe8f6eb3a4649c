"use client";

import "client-only";
import { useCallback, useRef, useState } from "react";
import { ApiError, NetworkError } from "./http";

// Submits a create with an idempotency key. The key is kept only while the outcome is unknown
// (no answer, or a 500): resubmitting the same thing then reuses it, so the server hands back
// what it may already have started instead of paying for it twice.

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); plain-http LAN hosts lack it.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const outcomeUnknown = (error: unknown) => error instanceof NetworkError || (error instanceof ApiError && error.status === 500);

export function useIdempotentSubmit<Body extends object, Result>(
  post: (body: Body & { idempotencyKey: string }) => Promise<Result>,
) {
  const pendingKey = useRef<{ payload: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = useCallback(
    async (body: Body): Promise<Result | null> => {
      // A second click before React re-renders the disabled button must not send a second request.
      if (inFlight.current) return null;
      inFlight.current = true;
      setSubmitting(true);
      const payload = JSON.stringify(body);
      const key = pendingKey.current?.payload === payload ? pendingKey.current.key : newKey();
      pendingKey.current = { payload, key };
      try {
        const result = await post({ ...body, idempotencyKey: key });
        pendingKey.current = null;
        return result;
      } catch (error) {
        if (!outcomeUnknown(error)) pendingKey.current = null;
        throw error;
      } finally {
        inFlight.current = false;
        setSubmitting(false);
      }
    },
    [post],
  );

  return { submit, submitting };
}
