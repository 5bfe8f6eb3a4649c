"use client";

import { describeError } from "@/client/http";
import type { useGenerations } from "@/client/use-generations";
import { GenerationCard } from "./generation-card";
import styles from "./generation-grid.module.css";

type Props = { list: ReturnType<typeof useGenerations> };

export function GenerationGrid({ list }: Props) {
  const { generations, error, isLoading, hasMore, loadingMore, loadMore, upsert } = list;

  if (isLoading && generations.length === 0) {
    return (
      <div className={styles.grid} role="status" aria-busy="true">
        <span className="visually-hidden">Loading your generations…</span>
        {[0, 1, 2].map((i) => (
          <div key={i} className={styles.skeleton} />
        ))}
      </div>
    );
  }

  if (error && generations.length === 0) {
    return (
      <p className={styles.notice} role="alert">
        Could not load your generations. {describeError(error)}
      </p>
    );
  }

  if (generations.length === 0) {
    return (
      <div className={styles.empty}>
        <p className={styles.emptyTitle}>No generations yet</p>
        <p>Write a prompt and press Generate. Your images will appear here and stay yours.</p>
      </div>
    );
  }

  return (
    <>
      <ul className={styles.grid} aria-label="Your generations">
        {generations.map((generation, index) => (
          <li key={generation.id} className={styles.item}>
            <GenerationCard generation={generation} onChange={upsert} eager={index < 6} />
          </li>
        ))}
      </ul>
      {hasMore && (
        <div className={styles.more}>
          <button type="button" className={styles.moreButton} onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
