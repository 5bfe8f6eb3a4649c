"use client";

import { useCallback, useRef } from "react";

/**
 * A control's work not yet in the form's values (a painted mask not yet uploaded): asked for when
 * the form is submitted. Answers the field's new value, `undefined` when nothing is pending, or
 * null when it failed (the control says why).
 */
export type PendingInput = () => Promise<string | null | undefined>;

/**
 * The form's register of pending inputs. `register` (from a control's effect) answers its own
 * unregistering; `settle` runs each one and answers the new values, or null if any failed.
 */
export function usePendingInputs() {
  const pending = useRef(new Map<string, PendingInput>());
  const register = useCallback((name: string, input: PendingInput) => {
    pending.current.set(name, input);
    return () => {
      if (pending.current.get(name) === input) pending.current.delete(name);
    };
  }, []);
  const settle = useCallback(async (): Promise<Record<string, string> | null> => {
    const settled: Record<string, string> = {};
    // A copy: a control re-registers as it renders during its own work (a Map would visit it again).
    for (const [name, input] of [...pending.current]) {
      const value = await input();
      if (value === null) return null;
      if (value !== undefined) settled[name] = value;
    }
    return settled;
  }, []);
  return { register, settle };
}
