"use client";

import { type ReactNode, useEffect, useState } from "react";
import { type AdminFilterValues, emptyFilters } from "@/client/admin-api";
import { statusLabels } from "@/client/status-text";
import { useDebounced } from "@/client/use-debounced";
import { type StatusFilter, statusFilters } from "@/shared/generation-status";
import { ModelOptions } from "../model-options";
import styles from "./admin-filter-bar.module.css";

type Props = {
  value: AdminFilterValues;
  onChange: (next: AdminFilterValues) => void;
  models: { key: string; label: string }[];
};

const statusLabel = (s: StatusFilter) => (s === "active" ? "Running (any)" : statusLabels[s]);

const UTC_DAYS = "Days run from 00:00 to 24:00 UTC, whatever your time zone";
const days = [
  ["from", "From (UTC day)"],
  ["to", "To (UTC day)"],
] as const;

/** One filter: its label above its control. */
function Field(props: { id: string; label: string; title?: string; className?: string | undefined; children: ReactNode }) {
  return (
    <div className={props.className ? `${styles.field} ${props.className}` : styles.field}>
      <label htmlFor={props.id} title={props.title}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}

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
      <Field id="admin-q" label="Prompt" className={styles.search}>
        <input
          id="admin-q"
          type="search"
          className={styles.input}
          placeholder="Search prompts…"
          value={text.q}
          onChange={(e) => setText({ ...text, q: e.target.value })}
        />
      </Field>
      <Field id="admin-status" label="Status">
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
      </Field>
      <Field id="admin-model" label="Model">
        <select id="admin-model" className={styles.input} value={value.model} onChange={(e) => set({ model: e.target.value })}>
          <ModelOptions models={models} anyLabel="All models" />
        </select>
      </Field>
      <Field id="admin-owner" label="Owner" className={styles.wide}>
        <input
          id="admin-owner"
          className={styles.input}
          placeholder="own_…"
          spellCheck={false}
          value={text.owner}
          onChange={(e) => setText({ ...text, owner: e.target.value })}
        />
      </Field>
      {days.map(([name, label]) => (
        <Field key={name} id={`admin-${name}`} label={label} title={UTC_DAYS}>
          <input
            id={`admin-${name}`}
            type="date"
            className={styles.input}
            value={value[name]}
            onChange={(e) => set({ [name]: e.target.value })}
          />
        </Field>
      ))}
      <Field id="admin-deleted" label="Deleted by owner">
        <select
          id="admin-deleted"
          className={styles.input}
          value={value.deleted}
          onChange={(e) => set({ deleted: e.target.value as AdminFilterValues["deleted"] })}
        >
          <option value="">Shown</option>
          <option value="hide">Hidden</option>
          <option value="only">Only deleted</option>
        </select>
      </Field>
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
