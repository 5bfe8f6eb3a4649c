"use client";

import { formatUsd, promptOf, seedOf, sharedInputText } from "@/client/format";
import { groupDownloadUrl } from "@/client/generations-api";
import { describeError } from "@/client/http";
import { useGroup } from "@/client/use-group";
import { isActive } from "@/shared/generation-status";
import type { GenerationView, GroupView } from "@/shared/generation-view";
import { BackLink } from "./back-link";
import { GenerationCard } from "./generation-card";
import styles from "./group-detail.module.css";

// A group's own page: its generations side by side (a compare group: one per model, in the order
// chosen), each card with its model, predict time and estimated cost, and the group's total.

/** A member's card title: the page's heading is the prompt, so a comparison names each run's model, variations their seed. */
function memberTitle(kind: GroupView["kind"], generation: GenerationView): string {
  const seed = seedOf(generation.input);
  return kind === "variations" && seed !== null ? `Seed ${seed}` : generation.modelLabel;
}

/** `initial`: the group as the server read it (running or ended). */
export function GroupDetail({ id, initial }: { id: string; initial?: GroupView | undefined }) {
  const { group, error, notFound, mutate } = useGroup(id, initial);
  const back = <BackLink className={styles.back} />;
  if (notFound || (!group && error)) {
    return (
      <main className={styles.main}>
        {back}
        {notFound ? (
          <div className={styles.state}>
            <h1 className={styles.title}>Group not found</h1>
            <p>It may have been made in another browser, or the link is wrong.</p>
          </div>
        ) : (
          <p className={styles.state} role="alert">
            {describeError(error)}
          </p>
        )}
      </main>
    );
  }
  if (!group) {
    return (
      <main className={styles.main} aria-busy="true">
        {back}
        <span className="visually-hidden">Loading…</span>
      </main>
    );
  }
  const first = group.generations[0];
  // A run that ended without running (failed or canceled before it started) cost nothing; once
  // none is running, the total is what they used, not a typical run's guess.
  const billed = group.generations.filter((g) => isActive(g.status) || g.predictTime !== null);
  const total = billed.reduce((sum, g) => sum + g.estimatedCostUsd, 0);
  const measured = !group.generations.some((g) => isActive(g.status));
  const update = (next: GenerationView) =>
    mutate((current = group) => ({ ...current, generations: current.generations.map((g) => (g.id === next.id ? next : g)) }));
  return (
    <main className={styles.main}>
      {back}
      <header className={styles.header}>
        <h1 className={styles.title}>
          {group.kind === "compare" ? "Comparison" : "Variations"}
          {first ? `: ${promptOf(first)}` : ""}
        </h1>
        <p className={styles.summary}>
          {group.kind === "compare"
            ? `${group.generations.length} models, ${first ? sharedInputText(first.input) : "the same input"}`
            : `${group.generations.length} seeds of ${first?.modelLabel ?? "one model"}`}
          {" · "}
          {measured ? "total cost" : "estimated total"} ≈ {formatUsd(total)}
        </p>
        {group.generations.some((g) => g.outputs.length > 0) && (
          <p className={styles.actions}>
            {/* Every member's images, each named after its own model and seed. */}
            <a href={groupDownloadUrl(group.id)} className={styles.download} download>
              Download all
            </a>
          </p>
        )}
      </header>
      <ul className={styles.grid} data-testid="group-members" aria-label="Generations in this group">
        {group.generations.map((generation) => (
          <li key={generation.id} className={styles.item}>
            <GenerationCard
              generation={generation}
              onChange={update}
              eager
              // Variations differ by their seed alone, a comparison's runs by their model.
              title={memberTitle(group.kind, generation)}
            />
          </li>
        ))}
      </ul>
      {group.generations.length === 0 && <p className={styles.state}>Every generation of this group was deleted.</p>}
    </main>
  );
}
