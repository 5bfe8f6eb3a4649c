"use client";

import { useEffect, useState } from "react";
import { type AdminFilterValues, emptyFilters } from "@/client/admin-api";
import { statusLabels } from "@/client/status-text";
import { useDebounced } from "@/client/use-debounced";
import { type StatusFilter, statusFilters } from "@/shared/generation-status";
import styles from "./admin-filter-bar.module.css";

type Props = {
  value: AdminFilterValues;
  onChange: (next: AdminFilterValues) => void;
  models: { key: string; label: string }[];
};

const statusLabel = (s: StatusFilter) => (s === "active" ? "Running (any)" : statusLabels[s]);

export function AdminFilterBar({ value, onChange, models }: Props) {
  const [text, setText] = useState({ owner: value.owner, q: value.q });
  // Typed text (owner, prompt search) waits for a pause before it filters.
  const settled = useDebounced(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typed text feeds back; selects call onChange directly
  useEffect(() => {
    if (settled.owner !== value.owner || settled.q !== value.q) onChange({ ...value, ...settled });
  }, [settled]);

  const set = (patch: Partial<AdminFilterValues>) => onChange({ ...value, ...patch });
  const active = Object.entries(value).some(([, v]) => v !== "");

  return (
    <search className={styles.bar} aria-label="Filter generations">
      <div className={`${styles.field} ${styles.search}`}>
        <label htmlFor="admin-q">Prompt</label>
        <input
          id="admin-q"
          type="search"
          className={styles.input}
          placeholder="Search prompts…"
          value={text.q}
          onChange={(e) => setText({ ...text, q: e.target.value })}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="admin-status">Status</label>
        <select
          id="admin-status"
          className={styles.input}
          value={value.status}
          onChange={(e) => set({ status: e.target.value as AdminFilterValues["status"] })}
        >
          <option value="">All statuses</option>
          {statusFilters.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="admin-model">Model</label>
        <select id="admin-model" className={styles.input} value={value.model} onChange={(e) => set({ model: e.target.value })}>
          <option value="">All models</option>
          {models.map((m) => (
            <option key={m.key} value={m.key}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="admin-owner">Owner</label>
        <input
          id="admin-owner"
          className={styles.input}
          placeholder="own_…"
          spellCheck={false}
          value={text.owner}
          onChange={(e) => setText({ ...text, owner: e.target.value })}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="admin-from" title="Days run from 00:00 to 24:00 UTC, whatever your time zone">
          From (UTC day)
        </label>
        <input
          id="admin-from"
          type="date"
          className={styles.input}
          value={value.from}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="admin-to" title="Days run from 00:00 to 24:00 UTC, whatever your time zone">
          To (UTC day)
        </label>
        <input
          id="admin-to"
          type="date"
          className={styles.input}
          value={value.to}
          onChange={(e) => set({ to: e.target.value })}
        />
      </div>
      <button
        type="button"
        className={styles.clear}
        disabled={!active}
        onClick={() => {
          setText({ owner: "", q: "" });
          onChange(emptyFilters);
        }}
      >
        Clear filters
      </button>
    </search>
  );
}
