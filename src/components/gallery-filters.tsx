"use client";

import type { RefObject } from "react";
import { type GalleryFilters, hasGalleryFilters, MAX_GALLERY_QUERY } from "@/shared/gallery-filters";
import type { ModelFormSpec } from "@/shared/model-form";
import styles from "./gallery-filters.module.css";
import { ModelOptions } from "./model-options";

type Props = {
  models: ModelFormSpec[];
  value: GalleryFilters;
  onChange: (next: GalleryFilters) => void;
  /** Clear filters: empties them all (and takes focus somewhere that stays). */
  onClear: () => void;
  searchRef?: RefObject<HTMLInputElement | null>;
};

const statuses = [
  ["", "Any status"],
  ["active", "Running"],
  ["succeeded", "Succeeded"],
  ["failed", "Failed"],
  ["canceled", "Canceled"],
] as const;

/**
 * Search one's own history by prompt, filter by model and status, favourites only, hide failed;
 * "Clear" while any is set.
 */
export function GalleryFiltersBar({ models, value, onChange, onClear, searchRef }: Props) {
  const set = (patch: GalleryFilters) => onChange({ ...value, ...patch });
  return (
    <search className={styles.bar} aria-label="Search your generations">
      <input
        ref={searchRef}
        type="search"
        className={styles.search}
        placeholder="Search prompts"
        aria-label="Search prompts"
        value={value.q ?? ""}
        maxLength={MAX_GALLERY_QUERY}
        onChange={(e) => set({ q: e.target.value })}
      />
      <select
        className={styles.select}
        aria-label="Filter by model"
        value={value.model ?? ""}
        onChange={(e) => set({ model: e.target.value })}
      >
        <ModelOptions models={models} anyLabel="Any model" />
      </select>
      <select
        className={styles.select}
        aria-label="Filter by status"
        value={value.status ?? ""}
        // One status shown: "Hide failed" has nothing to add (or, with Failed, would hide them all).
        onChange={(e) => set({ status: e.target.value, hideFailed: e.target.value ? undefined : value.hideFailed })}
      >
        {statuses.map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <label className={styles.check}>
        <input type="checkbox" checked={value.favourite ?? false} onChange={(e) => set({ favourite: e.target.checked })} />
        Favourites
      </label>
      {/* Beside one status, Hide failed has nothing to add (with Failed it would hide them all): not offered. */}
      {!value.status && (
        <label className={styles.check}>
          <input type="checkbox" checked={value.hideFailed ?? false} onChange={(e) => set({ hideFailed: e.target.checked })} />
          Hide failed
        </label>
      )}
      {hasGalleryFilters(value) && (
        <button type="button" className={styles.clear} onClick={onClear}>
          Clear filters
        </button>
      )}
    </search>
  );
}
