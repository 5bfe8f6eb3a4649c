"use client";

import { formatUsd } from "@/client/format";
import type { AdminSummaryState } from "@/client/use-admin-data";
import { formatSeconds } from "@/shared/time";
import styles from "./admin-summary-strip.module.css";

/** Running now, today's generations / predict time / estimated cost (per model), failures. */
export function AdminSummaryStrip({ summary }: { summary: AdminSummaryState }) {
  const { data, error } = summary;
  const value = (text: string | number | undefined) => (data ? text : "…");
  const busyModels = data?.today.byModel.filter((m) => m.generations > 0) ?? [];

  return (
    <section className={styles.strip} aria-label="Summary" aria-busy={!data && !error}>
      <dl className={styles.figures}>
        <div className={`${styles.figure} ${data?.runningNow ? styles.live : ""}`}>
          <dt>Running now</dt>
          <dd data-testid="summary-running">{value(data?.runningNow)}</dd>
        </div>
        <div className={styles.figure}>
          <dt>Generations today (UTC)</dt>
          <dd>{value(data?.today.generations)}</dd>
        </div>
        <div className={styles.figure}>
          <dt>Predict time today (UTC)</dt>
          <dd>{value(data && formatSeconds(data.today.predictSeconds))}</dd>
        </div>
        <div className={styles.figure}>
          <dt>Estimated cost today (UTC)</dt>
          <dd>{value(data && formatUsd(data.today.estimatedCostUsd))}</dd>
        </div>
        <div className={`${styles.figure} ${data?.failuresLastHour ? styles.alert : ""}`}>
          <dt>Failures, last hour</dt>
          <dd>{value(data?.failuresLastHour)}</dd>
        </div>
      </dl>
      {busyModels.length > 0 && (
        // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section className={styles.modelsScroll} tabIndex={0} aria-label="Today per model">
          <table className={styles.models}>
            <caption className="visually-hidden">Today per model (UTC day)</caption>
            <thead>
              <tr>
                <th scope="col">Model today</th>
                <th scope="col">Generations</th>
                <th scope="col">Predict time</th>
                <th scope="col">Images</th>
                <th scope="col">Est. cost</th>
              </tr>
            </thead>
            <tbody>
              {busyModels.map((m) => (
                <tr key={m.model}>
                  <th scope="row">{m.label}</th>
                  <td>{m.generations}</td>
                  <td>{formatSeconds(m.predictSeconds)}</td>
                  <td>{m.outputs}</td>
                  <td>{formatUsd(m.estimatedCostUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {error !== undefined && !data && (
        <p className={styles.error} role="alert">
          Could not load the summary.
        </p>
      )}
    </section>
  );
}
