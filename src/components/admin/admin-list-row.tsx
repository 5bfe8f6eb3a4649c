"use client";

import type { MouseEvent } from "react";
import { shortOwner } from "@/client/format";
import type { AdminGenerationRow } from "@/shared/admin-views";
import { isActive } from "@/shared/generation-status";
import { formatDateTime, formatSeconds, timeAgo } from "@/shared/time";
import { StatusBadge } from "../status-badge";
import styles from "./admin-list-row.module.css";
import { DeletedMarker } from "./deleted-marker";

type Props = {
  row: AdminGenerationRow;
  selected: boolean;
  onSelect: (ids: string[], selected: boolean) => void;
  onOpen: (id: string) => void;
  onCancel: (id: string) => void;
  canceling: boolean;
  onFilterOwner: (owner: string) => void;
};

/** A click on a row opens it, unless it landed on one of the row's own controls. */
const onControl = (event: MouseEvent) => (event.target as HTMLElement).closest("button, input, a, label") !== null;

/** One generation of the admin list: a table row on wide screens, a stacked card on a phone (the CSS decides). */
export function AdminListRow({ row, selected, onSelect, onOpen, onCancel, canceling, onFilterOwner }: Props) {
  const active = isActive(row.status);
  const placeholder = row.deletedAt ? styles.thumb_deleted : styles[`thumb_${row.status}`];
  return (
    <tr
      className={styles.row}
      data-testid="admin-row"
      data-entry-key={row.id}
      data-status={row.status}
      data-deleted={row.deletedAt ? "" : undefined}
      onClick={(e) => onControl(e) || onOpen(row.id)}
    >
      <td className={styles.check}>
        {active && (
          <input
            type="checkbox"
            aria-label={`Select: ${row.prompt || row.id}`}
            checked={selected}
            onChange={(e) => onSelect([row.id], e.target.checked)}
          />
        )}
      </td>
      <td className={styles.thumbCell}>
        {row.thumbnailUrl ? (
          // biome-ignore lint/performance/noImgElement: stored outputs are served as-is by our files route
          <img className={styles.thumb} src={row.thumbnailUrl} alt="" loading="lazy" width={40} height={40} />
        ) : (
          <span className={`${styles.thumb} ${placeholder ?? ""}`} aria-hidden="true" />
        )}
      </td>
      <td className={styles.promptCell}>
        <button type="button" className={styles.prompt} onClick={() => onOpen(row.id)} title={row.prompt}>
          {row.prompt || <em>No prompt</em>}
        </button>
        {row.error && <span className={styles.error}>{row.error}</span>}
      </td>
      <td className={styles.model}>{row.modelLabel}</td>
      <td className={styles.ownerCell}>
        <button
          type="button"
          className={styles.owner}
          title={`Show only ${row.owner}'s generations`}
          onClick={() => onFilterOwner(row.owner)}
        >
          {shortOwner(row.owner)}
        </button>
      </td>
      <td className={styles.statusCell}>
        <div className={styles.statusLine}>
          <StatusBadge generation={row} />
          {row.deletedAt && <DeletedMarker deletedAt={row.deletedAt} />}
        </div>
        {row.canceledBy === "admin" && <span className={styles.by}>by admin</span>}
      </td>
      <td className={styles.num}>{formatSeconds(row.durationSeconds)}</td>
      <td className={styles.num}>{formatSeconds(row.predictSeconds)}</td>
      <td className={styles.created}>
        <time dateTime={row.createdAt} title={formatDateTime(row.createdAt)}>
          {timeAgo(row.createdAt)}
        </time>
      </td>
      <td className={styles.actions}>
        {active && (
          <button type="button" className={styles.cancel} disabled={canceling} onClick={() => onCancel(row.id)}>
            {canceling ? "Canceling…" : "Cancel"}
          </button>
        )}
      </td>
    </tr>
  );
}
