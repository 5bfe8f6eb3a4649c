"use client";

import { useState } from "react";
import { promptOf } from "@/client/format";
import type { GalleryFilters } from "@/client/generations-api";
import { useDebounced } from "@/client/use-debounced";
import { useEditSource } from "@/client/use-edit-source";
import { useGenerations } from "@/client/use-generations";
import type { ModelFormSpec } from "@/shared/model-form";
import { GalleryFiltersBar } from "./gallery-filters";
import { GenerationForm } from "./generation-form";
import { GenerationGrid } from "./generation-grid";
import styles from "./studio.module.css";

// The home page: the form on the left, the visitor's gallery on the right (stacked on mobile).
// Both share one list so a new generation shows up the moment the server accepts it.

type Props = { models: ModelFormSpec[]; defaultModel: string; editId: string | null };

export function Studio({ models, defaultModel, editId }: Props) {
  const [filters, setFilters] = useState<GalleryFilters>({});
  // Typed search text waits for a pause; the other filters apply at once.
  const q = useDebounced(filters.q ?? "", 300);
  const list = useGenerations({ ...filters, q });
  const edit = useEditSource(editId, models);
  const source = edit.source;
  return (
    <main className={styles.main}>
      <section className={styles.formColumn} aria-labelledby="new-generation">
        <h1 id="new-generation" className={styles.heading}>
          New generation
        </h1>
        <div role="status" className={styles.editNote}>
          {source && <>Settings of “{promptOf(source.generation)}” loaded: change any, then Generate.</>}
          {editId && edit.error ? "Could not load that generation's settings." : null}
        </div>
        <GenerationForm
          // A new key once the settings arrive: the form starts over from them.
          key={source ? `edit:${source.generation.id}` : "new"}
          models={models}
          defaultModel={defaultModel}
          onCreated={list.upsert}
          initial={source ? { model: source.model, values: source.values } : undefined}
        />
      </section>
      <section className={styles.gridColumn} aria-labelledby="your-generations">
        <h2 id="your-generations" className={styles.heading}>
          Your generations
        </h2>
        <GalleryFiltersBar models={models} value={filters} onChange={setFilters} />
        <GenerationGrid list={list} filtered={Object.values({ ...filters, q }).some(Boolean)} />
      </section>
    </main>
  );
}
