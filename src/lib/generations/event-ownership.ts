import "server-only";
import type { GenerationState } from "../db/queries";
import { findModel } from "../replicate/models";
import type { Prediction } from "../replicate/prediction";

// An event reaches a generation by the `?generation=` of its webhook URL, which anyone who can
// replay a signed body can choose. So a prediction is accepted for a generation only when it is
// that generation's recorded prediction or, while none is recorded yet (its create answer has not
// arrived, or was lost), when it is visibly the prediction this generation's own create started:
// the same model and exactly the input we sent, seed included. Recording it then also requires
// that no other generation owns it (linkPrediction).

/** Same JSON value, whatever the key order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sameModel(state: Pick<GenerationState, "modelKey">, prediction: Prediction): boolean {
  const target = findModel(state.modelKey)?.target;
  if (!target) return false;
  if (prediction.model && prediction.model !== `${target.owner}/${target.name}`) return false;
  if (target.kind === "version" && prediction.version && prediction.version !== target.version) return false;
  return true;
}

/** Whether `prediction` is the one this generation's own create started (see above). */
export function isOwnCreate(state: Pick<GenerationState, "modelKey" | "input">, prediction: Prediction): boolean {
  const input = prediction.input;
  // After an hour Replicate empties the input: nothing left to prove it by.
  if (!input || Object.keys(input).length === 0) return false;
  return sameModel(state, prediction) && sameValue(state.input, input);
}
