"use client";

import { useCallback, useRef } from "react";

/**
 * A control's work not yet in the form's values (a painted mask not yet uploaded), done when the
 * form is submitted. `settle` answers the field's new value, `undefined` when nothing is pending,
 * or null when it failed (the control says why). `preview` answers at once what `settle` would set:
 * `undefined` for no change, "" for an emptied field, or PENDING_VALUE for a value still to come,
 * so the form is checked before any upload starts.
 */
export type PendingInput = { preview: () => string | undefined; settle: () => Promise<string | null | undefined> };

/** A stand-in for a value a control will supply on submit: not empty, so a required field passes the check. */
export const PENDING_VALUE = "pending:";

/**
 * The form's register of pending inputs. `register` (from a control's effect) answers its own
 * unregistering; `preview` answers what settling would set, without doing it; `settle` runs each
 * one and answers the new values, or null if any failed.
 */
export function usePendingInputs() {
  const pending = useRef(new Map<string, PendingInput>());
  const register = useCallback((name: string, input: PendingInput) => {
    pending.current.set(name, input);
    return () => {
      if (pending.current.get(name) === input) pending.current.delete(name);
    };
  }, []);
  const preview = useCallback((): Record<string, string> => {
    const previewed: Record<string, string> = {};
    for (const [name, input] of pending.current) {
      const value = input.preview();
      if (value !== undefined) previewed[name] = value;
    }
    return previewed;
  }, []);
  const settle = useCallback(async (): Promise<Record<string, string> | null> => {
    const settled: Record<string, string> = {};
    // A copy: a control re-registers as it renders during its own work (a Map would visit it again).
    for (const [name, input] of [...pending.current]) {
      const value = await input.settle();
      if (value === null) return null;
      if (value !== undefined) settled[name] = value;
    }
    return settled;
  }, []);
  return { register, preview, settle };
}
