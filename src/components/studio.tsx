"use client";

import { useGenerations } from "@/client/use-generations";
import type { ModelFormSpec } from "@/shared/model-form";
import { GenerationForm } from "./generation-form";
import { GenerationGrid } from "./generation-grid";
import styles from "./studio.module.css";

// The home page: the form on the left, the visitor's gallery on the right (stacked on mobile).
// Both share one list so a new generation shows up the moment the server accepts it.

type Props = {
  models: ModelFormSpec[];
  defaultModel: string;
  /** Chaining: the tool to open and its image (from `/?tool=…&image=…`). */
  initial?: { model: string; values: Record<string, string> };
};

export function Studio({ models, defaultModel, initial }: Props) {
  const list = useGenerations();
  return (
    <main className={styles.main}>
      <section className={styles.formColumn} aria-labelledby="new-generation">
        <h1 id="new-generation" className={styles.heading}>
          New generation
        </h1>
        <GenerationForm
          // A new chained start (another tool or image) starts a fresh form.
          key={initial ? `${initial.model}:${Object.values(initial.values).join()}` : "default"}
          models={models}
          defaultModel={initial?.model ?? defaultModel}
          initialValues={initial?.values}
          onCreated={list.upsert}
        />
      </section>
      <section className={styles.gridColumn} aria-labelledby="your-generations">
        <h2 id="your-generations" className={styles.heading}>
          Your generations
        </h2>
        <GenerationGrid list={list} />
      </section>
    </main>
  );
}
