import type { EmulatorContext } from "./context";
import { isPredictionSettled } from "./prediction-store";

// Forgetting is what an emulator restart (or, in production, a token or account change) does to
// the product's view of Replicate: GET and cancel answer 404, the list no longer shows the
// prediction, nothing more happens for it (no step, no webhook, no retry of `completed`), its
// files are gone, and connections still open for it (held creates, downloads, deliveries) drop.

export function forgetPrediction(app: EmulatorContext, id: string): boolean {
  if (!app.store.get(id)) return false;
  app.store.remove(id); // first: the sender refuses anything for an unknown prediction from now on
  app.runner.forget(id);
  app.webhooks.forget(id);
  app.scheduler.cancelTagged(id);
  app.sender.abort(id);
  app.heldAnswers.abort(id);
  app.files.discard(id, true);
  return true;
}

/** Forgets every prediction; returns their ids. */
export function forgetAllPredictions(app: EmulatorContext): string[] {
  const ids = app.store.all().map((r) => r.id);
  for (const id of ids) forgetPrediction(app, id);
  return ids;
}

/** What is still going on, for all predictions or one: all zero means nothing more will happen. */
export function activityOf(app: EmulatorContext, id?: string) {
  const records = id === undefined ? app.store.all() : [app.store.get(id)].filter((r) => r !== undefined);
  const pending = {
    timers: app.scheduler.pending(id),
    webhooksInFlight: app.sender.inFlightCount(id),
    heldCreates: app.heldAnswers.count(id),
    waitingRequests: app.store.waiting(id),
    downloadsInFlight: app.files.downloads.count(id),
  };
  return {
    // Every step, webhook and retry is a timer or a request in flight: none of either, nothing to come.
    idle: Object.values(pending).every((n) => n === 0),
    predictions: records.length,
    running: records.filter((r) => !isPredictionSettled(r.status)).length,
    files: app.files.count(id),
    ...pending,
  };
}
