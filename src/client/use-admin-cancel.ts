"use client";

import "client-only";
import { useState } from "react";
import { cameTooLate, describeCancelResults, postAdminCancel } from "./admin-api";
import { describeError } from "./http";

// Cancels from the console (one row, a selection, or everything running) and says what happened.

export type Notice = { tone: "info" | "error"; text: string } | null;
type CancelRequest = { ids: string[] } | { allRunning: true };

export function useAdminCancel({
  runningIds,
  onSettled,
}: {
  runningIds: string[];
  onSettled: (canceledIds: string[]) => unknown;
}) {
  const [canceling, setCanceling] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);

  const cancel = async (request: CancelRequest) => {
    const ids = "ids" in request ? request.ids : runningIds;
    setCanceling((prev) => new Set([...prev, ...ids]));
    setNotice(null);
    let done: string[] = [];
    try {
      const { results } = await postAdminCancel(request);
      done = results.map((r) => r.id);
      // One that had already ended is not an error: it is said, politely, like the rest.
      const fine = results.every((r) => r.ok || cameTooLate(r));
      setNotice({ tone: fine ? "info" : "error", text: describeCancelResults(results) });
    } catch (error) {
      setNotice({ tone: "error", text: describeError(error) });
    } finally {
      setCanceling((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
      await onSettled(done);
    }
  };

  return { cancel, canceling, notice, dismissNotice: () => setNotice(null) };
}
