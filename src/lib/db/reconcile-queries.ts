import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { GenerationStatus } from "@/shared/generation-status";
import type { Executor } from "./types";

export type ReconcileCandidate = {
  id: string;
  status: GenerationStatus;
  predictionId: string | null;
  modelKey: string;
  createdAt: Date;
  cancelPending: boolean;
  settleFailures: number;
};

export type ClaimOptions = {
  /** Seconds of silence after which a running generation of each model gets a check. */
  thresholds: readonly { modelKey: string; seconds: number }[];
  /** For models not listed. */
  defaultSeconds: number;
  /** A queued generation with no prediction is failed after this long (its create gave up). */
  queuedTimeoutSeconds: number;
  /** Every generation still running after this long is ended. */
  maxAgeSeconds: number;
  /** At most one check (GET or cancel) per generation per interval. */
  intervalSeconds: number;
  limit: number;
};

const secs = (n: number) => sql`make_interval(secs => ${n})`;

/**
 * Claims up to `limit` generations that need Replicate asked about them, stamping them in the same
 * statement: running ones silent for their model's threshold (since their last news or their
 * last check), queued ones whose create gave up, ones past the age bound, and ones whose
 * prediction still has to be canceled. SKIP LOCKED plus the stamp means concurrent reconcilers
 * (many instances) never claim one row twice in an interval: at most one call per prediction per
 * interval.
 */
export async function claimGenerationsToReconcile(db: Executor, o: ClaimOptions): Promise<ReconcileCandidate[]> {
  const rows: SQL[] = o.thresholds.map((t) => sql`(${t.modelKey}::text, ${Math.ceil(t.seconds)}::int)`);
  const thresholds = rows.length > 0 ? sql.join(rows, sql`, `) : sql`(''::text, 0::int)`;
  const result = await db.execute(sql`
    update generations set reconciled_at = now()
    where id in (
      select g.id from generations g
      left join (values ${thresholds}) as t(model_key, after_secs) on t.model_key = g.model_key
      where (g.reconciled_at is null or g.reconciled_at < now() - ${secs(o.intervalSeconds)})
        and (
          (g.status in ('queued', 'starting', 'processing') and (
            (g.prediction_id is not null
              and greatest(g.updated_at, g.reconciled_at) < now() - make_interval(secs => coalesce(t.after_secs, ${o.defaultSeconds})))
            or (g.prediction_id is null and g.created_at < now() - ${secs(o.queuedTimeoutSeconds)})
            or g.created_at < now() - ${secs(o.maxAgeSeconds)}))
          or (g.prediction_cancel_requested_at > now() - interval '1 day' and g.prediction_cancel_confirmed_at is null)
        )
      order by coalesce(g.reconciled_at, g.updated_at)
      limit ${o.limit}
      for update of g skip locked
    )
    returning id, status, prediction_id, model_key, created_at, settle_failures,
      (prediction_cancel_requested_at is not null and prediction_cancel_confirmed_at is null) as cancel_pending`);
  // pglite, node-postgres and neon all answer { rows }.
  const { rows: claimed } = result as unknown as {
    rows: {
      id: string;
      status: GenerationStatus;
      prediction_id: string | null;
      model_key: string;
      created_at: string | Date;
      cancel_pending: boolean;
      settle_failures: number;
    }[];
  };
  return claimed.map((r) => ({
    id: r.id,
    status: r.status,
    predictionId: r.prediction_id,
    modelKey: r.model_key,
    createdAt: new Date(r.created_at),
    cancelPending: Boolean(r.cancel_pending),
    settleFailures: Number(r.settle_failures),
  }));
}
