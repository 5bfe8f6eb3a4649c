import "client-only";
import { useCallback, useRef } from "react";

// Polling cadence: about 1 s right after something changed, stretching to 5 s while nothing does.

export const MIN_POLL_MS = 1000;
export const MAX_POLL_MS = 5000;

export function pollDelay(unchangedPolls: number): number {
  return Math.min(MAX_POLL_MS, Math.round(MIN_POLL_MS * 1.4 ** Math.max(0, unchangedPolls)));
}

/**
 * A stable `interval` function for usePolling, which calls it after every poll with the latest
 * data and keeps the previous object when an answer is equal (e.g. a 304), so a new reference
 * means "changed" and resets the backoff. Returns 0 (stop) once `shouldPoll` is false.
 */
export function useBackoffInterval<T>(shouldPoll: (data: T) => boolean): (data: T | undefined) => number {
  const last = useRef<{ data: T | undefined; unchanged: number }>({ data: undefined, unchanged: 0 });
  return useCallback(
    (data: T | undefined) => {
      if (data === undefined) return MIN_POLL_MS;
      if (!shouldPoll(data)) return 0;
      const state = last.current;
      if (data !== state.data) {
        state.data = data;
        state.unchanged = 0;
      } else {
        state.unchanged += 1;
      }
      return pollDelay(state.unchanged);
    },
    // `shouldPoll` must be stable (a module-level function), or the backoff restarts each render.
    [shouldPoll],
  );
}
