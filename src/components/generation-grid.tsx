"use client";

import { useRef } from "react";
import { describeError } from "@/client/http";
import { useFocusAfterMore } from "@/client/use-focus-after-more";
import type { useGenerations } from "@/client/use-generations";
import type { GenerationView, GroupKind } from "@/shared/generation-view";
import { GenerationCard } from "./generation-card";
import styles from "./generation-grid.module.css";
import { GroupCard } from "./group-card";
import { LoadMoreButton } from "./load-more-button";

type Props = {
  list: ReturnType<typeof useGenerations>;
  /** Set while filters narrow the list: an empty list then says so and offers to clear them. */
  onClearFilters?: () => void;
};

type Entry =
  | { kind: "one"; generation: GenerationView }
  | { kind: "group"; group: { id: string; kind: GroupKind }; members: GenerationView[] };

/**
 * One entry per generation, except a group (a comparison or variations): one entry, where its
 * first member is. A group with one member in the list (a filter, a delete or the page's end
 * leaves the others out) is a card of its own.
 */
function entriesOf(generations: GenerationView[]): Entry[] {
  const entries: Entry[] = [];
  const groups = new Map<string, GenerationView[]>();
  for (const generation of generations) {
    const group = generation.group;
    if (!group) {
      entries.push({ kind: "one", generation });
      continue;
    }
    const members = groups.get(group.id);
    if (members) {
      members.push(generation);
      continue;
    }
    const first = [generation];
    groups.set(group.id, first);
    entries.push({ kind: "group", group, members: first });
  }
  return entries.map((entry) =>
    entry.kind === "group" && entry.members.length === 1 && entry.members[0]
      ? { kind: "one", generation: entry.members[0] }
      : entry,
  );
}

/** An entry's key: its generation's id, or its group's. */
const keyOf = (entry: Entry) => (entry.kind === "one" ? entry.generation.id : entry.group.id);

export function GenerationGrid({ list, onClearFilters }: Props) {
  const { generations, error, isLoading, hasMore, loadingMore, loadMore, upsert } = list;
  const grid = useRef<HTMLUListElement>(null);
  const entries = entriesOf(generations);
  const last = entries.at(-1);
  const markMore = useFocusAfterMore(grid, last && keyOf(last));

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

  if (generations.length === 0 && onClearFilters) {
    return (
      <div className={styles.empty} data-testid="gallery-empty">
        <p className={styles.emptyTitle}>Nothing matches</p>
        <p>No generation of yours matches these filters.</p>
        <button type="button" className={styles.moreButton} onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
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
      <ul ref={grid} className={styles.grid} aria-label="Your generations">
        {entries.map((entry, index) =>
          entry.kind === "one" ? (
            <li key={keyOf(entry)} className={styles.item} data-entry-key={keyOf(entry)}>
              <GenerationCard generation={entry.generation} onChange={upsert} eager={index < 6} />
            </li>
          ) : (
            <li key={keyOf(entry)} className={`${styles.item} ${styles.wide}`} data-entry-key={keyOf(entry)}>
              <GroupCard
                groupId={entry.group.id}
                kind={entry.group.kind}
                members={entry.members}
                onChange={upsert}
                eager={index < 6}
              />
            </li>
          ),
        )}
      </ul>
      {hasMore && (
        <div className={styles.more}>
          <LoadMoreButton className={styles.moreButton} loading={loadingMore} onPress={markMore} onLoad={loadMore} />
        </div>
      )}
    </>
  );
}
