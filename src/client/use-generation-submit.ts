"use client";

import "client-only";
import { useEffect, useRef, useState } from "react";
import type { GenerationView } from "@/shared/generation-view";
import { fieldsInUse, type ModelFormSpec } from "@/shared/model-form";
import { type FormErrors, type FormValues, toInput, validateAll } from "./form-values";
import { ApiError, describeError } from "./http";
import { usePendingInputs } from "./pending-inputs";
import { type RunOptions, useStartRuns } from "./use-start-runs";

/** What one press of Generate came to, for the form to show. */
export type SubmitOutcome =
  /** Inline errors by field name; `message` also goes on top (a server error no field claims). */
  | { kind: "invalid"; fields: FormErrors; message?: string }
  /** The request failed, or nothing could start: said by the button. */
  | { kind: "failed"; message: string; retryAfter: number | null }
  | { kind: "started"; generations: GenerationView[] }
  /** The form changed under it (another model chosen): nothing to say. */
  | { kind: "dropped" };

/**
 * The generation form's submit: checks the form (with a painted mask as it will be, so nothing is
 * uploaded for a run that cannot start), uploads what controls still hold (pendingInputs), then
 * reads the form as it is by then (edits made meanwhile are what runs), and starts the runs.
 * `modelKey` and `values` are the form's current state.
 */
export function useGenerationSubmit(modelKey: string, values: FormValues) {
  const { start, submitting: starting } = useStartRuns();
  const pending = usePendingInputs();
  const [settling, setSettling] = useState(false);
  const latest = useRef({ modelKey, values });
  useEffect(() => {
    latest.current = { modelKey, values };
  }, [modelKey, values]);

  const submit = async (model: ModelFormSpec, runOptions: RunOptions): Promise<SubmitOutcome> => {
    const before = latest.current.values;
    const previewed = { ...before, ...pending.preview() };
    const early = validateAll(fieldsInUse(model.fields, previewed), previewed);
    if (Object.keys(early).length > 0) return { kind: "invalid", fields: early };
    setSettling(true);
    const settled = await pending.settle().finally(() => setSettling(false));
    // The painter says why, where it may be scrolled away: the button says so too.
    if (!settled) return failed("The mask could not be saved, so nothing was started. See the Mask field.");
    if (latest.current.modelKey !== model.key) return { kind: "dropped" };
    // A mask painted for the image chosen at the press, which another has replaced since.
    if (maskImageChanged(model, before, latest.current.values, settled))
      return failed("The image changed while its mask was being saved, so nothing was started.");
    const submitted = { ...latest.current.values, ...settled };
    const inUse = fieldsInUse(model.fields, submitted);
    const invalid = validateAll(inUse, submitted);
    if (Object.keys(invalid).length > 0) return { kind: "invalid", fields: invalid };
    try {
      return { kind: "started", generations: (await start(model.key, toInput(inUse, submitted), runOptions)) ?? [] };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        const { fields, unmatched } = serverErrors(error, model);
        return { kind: "invalid", fields, ...(unmatched ? { message: error.message } : {}) };
      }
      const retryAfter = error instanceof ApiError && error.status === 429 ? error.retryAfter : null;
      return { kind: "failed", message: error instanceof Error ? error.message : describeError(error), retryAfter };
    }
  };

  return { submit, submitting: starting || settling, registerPending: pending.register };
}

const failed = (message: string): SubmitOutcome => ({ kind: "failed", message, retryAfter: null });

/** Splits server field errors into inline ones (by input name), and whether any is for no field. */
function serverErrors(error: ApiError, model: ModelFormSpec): { fields: FormErrors; unmatched: boolean } {
  const fields: FormErrors = {};
  let unmatched = error.fields.length === 0;
  for (const { path, message } of error.fields) {
    const name = path === "model" ? "model" : path.replace(/^input\./, "");
    if (name === "model" || model.fields.some((f) => f.name === name)) fields[name] = message;
    else unmatched = true;
  }
  return { fields, unmatched };
}

/** A mask settled on submit whose image (its field's `maskOf`) is no longer the one it was painted over. */
function maskImageChanged(model: ModelFormSpec, before: FormValues, now: FormValues, settled: Record<string, string>) {
  return model.fields.some(
    (f) => f.kind === "image" && f.maskOf !== undefined && f.name in settled && before[f.maskOf] !== now[f.maskOf],
  );
}
