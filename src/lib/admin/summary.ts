import "server-only";
import type { AdminModelUsage, AdminSummary } from "@/shared/admin-views";
import { startOfUtcDay } from "@/shared/time";
import { getDb } from "../db";
import { countActiveGenerations, countFailuresSince } from "../db/admin-queries";
import { usageToday } from "../db/usage-queries";
import { findModel, models } from "../replicate/models";

// The summary strip: what runs now, what today cost (UTC day, by creation time, priced from the
// catalogue when each generation ended), and how many failed in the last hour. Read from the
// per-day usage record the budget check uses (src/lib/db/usage-queries.ts), never from a scan of
// today's rows; running and failed counts read partial indexes of active and failed rows.

const HOUR_MS = 60 * 60 * 1000;
const roundTo = (n: number, digits: number) => Number(n.toFixed(digits));

export async function adminSummary(now = new Date()): Promise<AdminSummary> {
  const db = await getDb();
  const since = startOfUtcDay(now);
  const [runningNow, { byModel: usage }, failuresLastHour] = await Promise.all([
    countActiveGenerations(db),
    usageToday(db),
    countFailuresSince(db, new Date(now.getTime() - HOUR_MS)),
  ]);

  // Every catalogue model, even idle ones, so the strip keeps its shape; then any retired key.
  const keys = [...models.map((m) => m.key), ...usage.map((u) => u.modelKey).filter((k) => !findModel(k))];
  const byModel: AdminModelUsage[] = keys.map((key) => {
    const used = usage.find((u) => u.modelKey === key);
    const predictSeconds = used?.predictSeconds ?? 0;
    const outputs = used?.outputs ?? 0;
    return {
      model: key,
      label: findModel(key)?.label ?? key,
      generations: used?.generations ?? 0,
      predictSeconds: roundTo(predictSeconds, 6),
      outputs,
      estimatedCostUsd: roundTo(used?.costUsd ?? 0, 6),
    };
  });

  return {
    runningNow,
    today: {
      since: since.toISOString(),
      byModel,
      generations: byModel.reduce((n, m) => n + m.generations, 0),
      predictSeconds: roundTo(
        usage.reduce((n, u) => n + u.predictSeconds, 0),
        6,
      ),
      estimatedCostUsd: roundTo(
        byModel.reduce((n, m) => n + m.estimatedCostUsd, 0),
        6,
      ),
    },
    failuresLastHour,
  };
}
