"use client";

import { useGenerations } from "@/client/use-generations";
import type { ModelFormSpec } from "@/shared/model-form";
import { GenerationForm } from "./generation-form";
import { GenerationGrid } from "./generation-grid";
import styles from "./studio.module.css";

// The home page: the form on the left, the visitor's gallery on the right (stacked on mobile).
// Both share one list so a new generation shows up the moment the server accepts it.

export function Studio({ models, defaultModel }: { models: ModelFormSpec[]; defaultModel: string }) {
  const list = useGenerations();
  return (
    <main className={styles.main}>
      <section className={styles.formColumn} aria-labelledby="new-generation">
        <h1 id="new-generation" className={styles.heading}>
          New generation
        </h1>
        <GenerationForm models={models} defaultModel={defaultModel} onCreated={list.upsert} />
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
