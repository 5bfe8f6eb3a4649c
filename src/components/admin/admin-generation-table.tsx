"use client";

import type { MouseEvent } from "react";
import { shortOwner } from "@/client/format";
import type { AdminGenerationRow } from "@/shared/admin-views";
import { isActive } from "@/shared/generation-status";
import { formatDateTime, formatSeconds, timeAgo } from "@/shared/time";
import { StatusBadge } from "../status-badge";
import styles from "./admin-generation-table.module.css";

type Props = {
  rows: AdminGenerationRow[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onOpen: (id: string) => void;
  onCancel: (id: string) => void;
  canceling: ReadonlySet<string>;
  onFilterOwner: (owner: string) => void;
};

/** A click on a row opens it, unless it landed on one of the row's own controls. */
const onControl = (event: MouseEvent) => (event.target as HTMLElement).closest("button, input, a, label") !== null;

export function AdminGenerationTable({ rows, selected, onSelect, onOpen, onCancel, canceling, onFilterOwner }: Props) {
  const selectable = rows.filter((r) => isActive(r.status)).map((r) => r.id);
  const allSelected = selectable.length > 0 && selectable.every((id) => selected.has(id));

  return (
    <div className={styles.scroller}>
      <table className={styles.table}>
        <caption className="visually-hidden">Every generation, newest first. Select a row to see its details.</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.check}>
              <input
                type="checkbox"
                aria-label="Select every running generation shown"
                checked={allSelected}
                disabled={selectable.length === 0}
                onChange={(e) => onSelect(selectable, e.target.checked)}
              />
            </th>
            <th scope="col" className={styles.thumbCol}>
              <span className="visually-hidden">Image</span>
            </th>
            <th scope="col">Prompt</th>
            <th scope="col">Model</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.num}>
              Duration
            </th>
            <th scope="col" className={styles.num}>
              Predict
            </th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const active = isActive(row.status);
            return (
              <tr
                key={row.id}
                className={styles.row}
                data-testid="admin-row"
                data-status={row.status}
                onClick={(e) => onControl(e) || onOpen(row.id)}
              >
                <td className={styles.check}>
                  {active && (
                    <input
                      type="checkbox"
                      aria-label={`Select: ${row.prompt || row.id}`}
                      checked={selected.has(row.id)}
                      onChange={(e) => onSelect([row.id], e.target.checked)}
                    />
                  )}
                </td>
                <td className={styles.thumbCol}>
                  {row.thumbnailUrl ? (
                    // biome-ignore lint/performance/noImgElement: stored outputs are served as-is by our files route
                    <img className={styles.thumb} src={row.thumbnailUrl} alt="" loading="lazy" width={40} height={40} />
                  ) : (
                    <span className={`${styles.thumb} ${styles[`thumb_${row.status}`] ?? ""}`} aria-hidden="true" />
                  )}
                </td>
                <td className={styles.promptCell}>
                  <button type="button" className={styles.prompt} onClick={() => onOpen(row.id)} title={row.prompt}>
                    {row.prompt || <em>No prompt</em>}
                  </button>
                  {row.error && <span className={styles.error}>{row.error}</span>}
                </td>
                <td className={styles.model}>{row.modelLabel}</td>
                <td>
                  <button
                    type="button"
                    className={styles.owner}
                    title={`Show only ${row.owner}'s generations`}
                    onClick={() => onFilterOwner(row.owner)}
                  >
                    {shortOwner(row.owner)}
                  </button>
                </td>
                <td>
                  <StatusBadge generation={row} />
                  {row.canceledBy === "admin" && <span className={styles.by}>by admin</span>}
                </td>
                <td className={styles.num}>{formatSeconds(row.durationSeconds)}</td>
                <td className={styles.num}>{formatSeconds(row.predictSeconds)}</td>
                <td className={styles.muted}>
                  <time dateTime={row.createdAt} title={formatDateTime(row.createdAt)}>
                    {timeAgo(row.createdAt)}
                  </time>
                </td>
                <td className={styles.actions}>
                  {active && (
                    <button
                      type="button"
                      className={styles.cancel}
                      disabled={canceling.has(row.id)}
                      onClick={() => onCancel(row.id)}
                    >
                      {canceling.has(row.id) ? "Canceling…" : "Cancel"}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
