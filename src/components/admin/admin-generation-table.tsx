"use client";

import type { AdminGenerationRow } from "@/shared/admin-views";
import { isActive } from "@/shared/generation-status";
import styles from "./admin-generation-table.module.css";
import { AdminListRow } from "./admin-list-row";

type Props = {
  rows: AdminGenerationRow[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onOpen: (id: string) => void;
  onCancel: (id: string) => void;
  canceling: ReadonlySet<string>;
  onFilterOwner: (owner: string) => void;
};

// One table at every width. On a wide screen it is a table; on a phone each row becomes a card
// (thumbnail beside prompt, model and owner, status, age and Cancel) and the header keeps only
// its select-all box, shown while something is running. The column headers stay for screen readers.

export function AdminGenerationTable({ rows, selected, onSelect, onOpen, onCancel, canceling, onFilterOwner }: Props) {
  const selectable = rows.filter((r) => isActive(r.status)).map((r) => r.id);
  const allSelected = selectable.length > 0 && selectable.every((id) => selected.has(id));

  return (
    <div className={styles.scroller}>
      <table className={styles.table}>
        <caption className="visually-hidden">Every generation, newest first. Select a row to see its details.</caption>
        <thead className={selectable.length > 0 ? styles.headRunning : styles.head}>
          <tr>
            <th scope="col" className={styles.check}>
              <label className={styles.selectAll}>
                <input
                  type="checkbox"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(e) => onSelect(selectable, e.target.checked)}
                />
                <span className={styles.selectAllText}>Select every running generation shown</span>
              </label>
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
        <tbody className={styles.body}>
          {rows.map((row) => (
            <AdminListRow
              key={row.id}
              row={row}
              selected={selected.has(row.id)}
              onSelect={onSelect}
              onOpen={onOpen}
              onCancel={onCancel}
              canceling={canceling.has(row.id)}
              onFilterOwner={onFilterOwner}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
