"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { CancelButton } from "./cancel-button";
import { CancelNote } from "./cancel-note";
import styles from "./generation-actions.module.css";
import { RunAgainButton } from "./run-again-button";
import { VariationsButton } from "./variations-button";

type Props = {
  generation: GenerationView;
  /** The model takes a seed (Same seed, Variations). */
  seeded: boolean;
  /** One more run's estimated cost, from the catalogue (undefined for a model it no longer has). */
  costUsd: number | undefined;
  onChange: (next: GenerationView) => unknown;
};

/**
 * A generation page's main actions: Cancel while it runs (and why it could not, when it had
 * already ended), Run again, Variations, Edit settings, and its group.
 */
export function GenerationActions({ generation, seeded, costUsd, onChange }: Props) {
  // Kept here, not in the Cancel button: the button goes as soon as the generation has ended.
  const [tooLate, setTooLate] = useState<string | null>(null);
  const row = useRef<HTMLDivElement>(null);
  return (
    <div className={styles.actions}>
      <CancelNote text={tooLate} />
      <div ref={row} className={styles.row}>
        {isActive(generation.status) && (
          <CancelButton
            id={generation.id}
            onCanceled={onChange}
            onTooLate={setTooLate}
            // Run again, the next action, once Cancel has gone with the run.
            focusAfter={() => row.current?.querySelector("button")}
          />
        )}
        <RunAgainButton model={generation.model} input={generation.input} seeded={seeded} costUsd={costUsd} />
      </div>
      <div className={styles.row}>
        {/* Variations vary the seed: a tool without one (upscale, remove background) has none. */}
        {seeded && <VariationsButton model={generation.model} input={generation.input} costUsd={costUsd} />}
        <Link href={`/?edit=${encodeURIComponent(generation.id)}`} className={styles.link}>
          Edit settings
        </Link>
        {generation.group && (
          <Link href={`/groups/${encodeURIComponent(generation.group.id)}`} className={styles.link}>
            {generation.group.kind === "compare" ? "Comparison" : "All variations"}
          </Link>
        )}
      </div>
    </div>
  );
}
