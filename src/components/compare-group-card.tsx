"use client";

import Link from "next/link";
import { useState } from "react";
import { formatUsd, promptOf } from "@/client/format";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { CancelButton } from "./cancel-button";
import { CancelNote } from "./cancel-note";
import styles from "./compare-group-card.module.css";
import { OutputImage } from "./output-image";
import { RunFacts } from "./run-facts";
import { StatusBadge } from "./status-badge";

type Props = {
  groupId: string;
  members: GenerationView[];
  /** A member's new state (its Cancel's answer). */
  onChange: (generation: GenerationView) => unknown;
  eager?: boolean;
};

/** A compare group's one place in the gallery: each model's first image side by side, linking to the group. */
export function CompareGroupCard({ groupId, members, onChange, eager = false }: Props) {
  const first = members[0];
  const prompt = first ? promptOf(first) : "Comparison";
  const total = members.reduce((sum, g) => sum + g.estimatedCostUsd, 0);
  // Outlives the member's Cancel button, which goes with its end.
  const [tooLate, setTooLate] = useState<string | null>(null);
  return (
    <article className={styles.card} data-testid="compare-card" data-group={groupId}>
      <ul className={styles.strip} aria-label="Models compared">
        {members.map((g) => {
          const output = g.status === "succeeded" ? g.outputs[0] : undefined;
          return (
            <li key={g.id} className={styles.member}>
              <div className={styles.thumb}>
                {output ? (
                  <OutputImage
                    output={output}
                    alt={`${g.modelLabel}: ${promptOf(g)}`}
                    sizes="(max-width: 640px) 50vw, 140px"
                    eager={eager}
                    className={styles.image}
                  />
                ) : (
                  <div className={`${styles.placeholder} ${isActive(g.status) ? styles.pending : ""}`} />
                )}
              </div>
              <p className={styles.model}>{g.modelLabel}</p>
              <StatusBadge generation={g} />
              <RunFacts generation={g} />
              {isActive(g.status) && (
                <CancelButton
                  id={g.id}
                  onCanceled={onChange}
                  onTooLate={(text) => setTooLate(`${g.modelLabel}: ${text}`)}
                  className={styles.cancel}
                />
              )}
            </li>
          );
        })}
      </ul>
      <div className={styles.body}>
        <p className={styles.kind}>
          Comparison · {members.length} models · ≈ {formatUsd(total)}
        </p>
        <h3 className={styles.prompt}>
          <Link href={`/groups/${encodeURIComponent(groupId)}`} prefetch={false} className={styles.link} title={prompt}>
            {prompt}
          </Link>
        </h3>
        <CancelNote text={tooLate} />
      </div>
    </article>
  );
}
