"use client";

import "client-only";
import { useCallback, useEffect, useRef, useState } from "react";

// One resource of our API, fetched and then re-fetched on a schedule the caller sets from the
// latest data (0 stops it), plus at once when the tab comes back into view. A small stand-in for
// SWR, which cost the home page about 9 KB of gzip JavaScript for the little used here.
//
// - An answer equal to the data held (a 304's cached body) keeps the same object, so callers can
//   tell "unchanged" by identity (the poll backoff does).
// - `mutate` changes the data locally (an optimistic insert, a cancel's answer) and re-plans the
//   next fetch from it; an answer to a fetch sent before it is dropped, so it cannot undo it.
// - `load` gets the data held only when it was loaded for the same key: with `keepPreviousData`,
//   the previous key's data stays on screen but is never taken as the new key's (its pages,
//   cursors and running items belong to the old filters).
// - While the tab is hidden fetches wait, unless `whenHidden` (the studio's running generations:
//   their end is signalled in a hidden tab).
// - `initial`: the data the server rendered the page with, for this key. It is on screen from the
//   first paint (hydration included), and replaced if the first fetch brings a newer one.

export type PollingOptions<T> = {
  /** Milliseconds from an answer to the next fetch; 0 (or less) stops until data changes. */
  interval: (data: T) => number;
  /** After a failed fetch (attempt 1, 2…): milliseconds until the next try, or null to stop. */
  retryDelay?: (error: unknown, attempt: number) => number | null;
  whenHidden?: boolean;
  /** Keep showing the previous key's data while the new key loads (filters). */
  keepPreviousData?: boolean;
  /** The first key's data, as the server rendered it. */
  initial?: T | undefined;
};

type State<T> = { data: T | undefined; error: unknown; isLoading: boolean };

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const hidden = () => document.visibilityState === "hidden";
const defaultRetry = (_error: unknown, attempt: number) => (attempt > 10 ? null : Math.min(1000 * 2 ** attempt, 30_000));

export function usePolling<T>(
  key: string | null,
  load: (key: string, current: T | undefined) => Promise<T>,
  options: PollingOptions<T>,
) {
  const [state, setState] = useState<State<T>>(() => ({
    data: options.initial,
    error: undefined,
    isLoading: key !== null && options.initial === undefined,
  }));
  const data = useRef<T | undefined>(options.initial);
  /** The key `data` was loaded for. */
  const dataKey = useRef<string | null>(options.initial === undefined ? null : key);
  const latest = useRef({ load, options });
  latest.current = { load, options };
  // The running schedule of the current key: `plan` re-plans it from new data, `fetchNow` fetches.
  const schedule = useRef<{ plan: () => void; fetchNow: () => Promise<void> } | null>(null);
  const version = useRef(0);

  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: undefined, isLoading: false });
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    /** A fetch asked for while one was in flight: it follows, since the answer on its way may predate what prompted it. */
    let queued = false;
    let attempt = 0;
    // This key's data already held: the server's (`initial`), or kept over an effect's re-run.
    const held = dataKey.current === key && data.current !== undefined;
    if (!held && !latest.current.options.keepPreviousData) data.current = undefined;
    setState({ data: data.current, error: undefined, isLoading: data.current === undefined });

    const after = (ms: number) => {
      clearTimeout(timer);
      if (ms > 0 && !stopped) timer = setTimeout(tick, ms);
    };
    const plan = () => {
      if (data.current !== undefined) after(latest.current.options.interval(data.current));
    };
    const fetchNow = async () => {
      if (stopped) return;
      if (inFlight) {
        queued = true;
        return;
      }
      inFlight = true;
      const started = version.current;
      try {
        const next = await latest.current.load(key, dataKey.current === key ? data.current : undefined);
        if (stopped) return;
        attempt = 0;
        // A local change to this key's data while this was in flight wins, and a fetch sent after
        // it follows to bring the server's view. A change to data still held from the previous
        // key (filters just changed) does not: that data is being replaced, and keeping it would
        // show the old filters' list under the new ones for good when nothing more is polled.
        const superseded = version.current !== started && dataKey.current === key;
        if (!superseded && !same(next, data.current)) data.current = next;
        if (!superseded) dataKey.current = key;
        // (Without it, a list that polls no more, nothing running, would keep what it had, the
        // server's `initial` say, for good.)
        if (superseded) queued = true;
        setState({ data: data.current, error: undefined, isLoading: false });
        plan();
      } catch (error) {
        if (stopped) return;
        setState((s) => ({ ...s, error, isLoading: false }));
        const delay = (latest.current.options.retryDelay ?? defaultRetry)(error, ++attempt);
        if (delay !== null) after(delay);
      } finally {
        inFlight = false;
        if (queued && !stopped) {
          queued = false;
          void fetchNow();
        }
      }
    };
    function tick() {
      if (hidden() && !latest.current.options.whenHidden) return; // resumed by onVisible
      void fetchNow();
    }
    const onVisible = () => {
      if (!hidden()) void fetchNow();
    };
    schedule.current = { plan, fetchNow };
    // Fetched even when held: a page restored by Back (Next's router cache) carries the data it
    // was first rendered with, which may be older than the row.
    void fetchNow();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      schedule.current = null;
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key]);

  /** Replaces the data locally (a value or an update of the current one); `revalidate` fetches too. */
  const mutate = useCallback((update?: T | ((current: T | undefined) => T), opts: { revalidate?: boolean } = {}) => {
    if (update !== undefined) {
      version.current += 1;
      data.current = typeof update === "function" ? (update as (current: T | undefined) => T)(data.current) : update;
      setState((s) => ({ ...s, data: data.current }));
      schedule.current?.plan();
    }
    if (update === undefined || opts.revalidate) return schedule.current?.fetchNow() ?? Promise.resolve();
    return Promise.resolve();
  }, []);

  return { ...state, mutate };
}
