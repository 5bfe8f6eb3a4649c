import "server-only";
import { env } from "../env";
import { reconcileStaleGenerations } from "./reconcile";

// In a long-running server (local and self-hosted modes) the reconciler runs on a timer;
// on Vercel the cron route calls it instead. One timer per process, never overlapping runs.

const globalForTimer = globalThis as typeof globalThis & { __reconcileTimer?: NodeJS.Timeout };

export function startReconcileTimer(): () => void {
  if (globalForTimer.__reconcileTimer) return stop;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await reconcileStaleGenerations();
      if (report.checked > 0) console.log(JSON.stringify({ event: "reconcile.run", ...report }));
    } catch (error) {
      console.error("[reconcile] run failed", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  globalForTimer.__reconcileTimer = setInterval(tick, env().RECONCILE_INTERVAL_SECONDS * 1000);
  globalForTimer.__reconcileTimer.unref();
  return stop;
}

function stop(): void {
  if (globalForTimer.__reconcileTimer) clearInterval(globalForTimer.__reconcileTimer);
  globalForTimer.__reconcileTimer = undefined;
}
