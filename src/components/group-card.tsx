"use client";

import Link from "next/link";
import { useState } from "react";
import { formatUsd, promptOf, seedOf } from "@/client/format";
import type { GenerationView, GroupKind } from "@/shared/generation-view";
import { CancelNote } from "./cancel-note";
import styles from "./group-card.module.css";
import { GroupCardMember } from "./group-card-member";

type Props = {
  groupId: string;
  kind: GroupKind;
  members: GenerationView[];
  /** A member's new state (its Cancel's answer). */
  onChange: (generation: GenerationView) => unknown;
  eager?: boolean;
};

/** What tells a member apart from the rest of its group: its model (compare) or its seed (variations). */
function memberLabel(kind: GroupKind, generation: GenerationView, index: number): string {
  if (kind === "compare") return generation.modelLabel;
  const seed = seedOf(generation.input);
  return seed === null ? `Variation ${index + 1}` : `Seed ${seed}`;
}

/**
 * A group's one place in the gallery: each member's first image side by side (a comparison's
 * models, or a prompt's variations), each with its status, and the whole card linking to the group.
 */
export function GroupCard({ groupId, kind, members, onChange, eager = false }: Props) {
  const first = members[0];
  const prompt = first ? promptOf(first) : kind === "compare" ? "Comparison" : "Variations";
  const total = members.reduce((sum, g) => sum + g.estimatedCostUsd, 0);
  // Outlives the member's Cancel button, which goes with its end.
  const [tooLate, setTooLate] = useState<string | null>(null);
  const summary =
    kind === "compare"
      ? `Comparison · ${members.length} models`
      : `Variations · ${members.length} seeds of ${first?.modelLabel ?? "one model"}`;
  return (
    <article className={styles.card} data-testid={`${kind}-card`} data-group={groupId}>
      <ul
        className={`${styles.strip} ${members.length === 4 ? styles.four : ""}`}
        aria-label={kind === "compare" ? "Models compared" : "Variations"}
      >
        {members.map((generation, index) => (
          <GroupCardMember
            key={generation.id}
            generation={generation}
            label={memberLabel(kind, generation, index)}
            eager={eager}
            onChange={onChange}
            onTooLate={(label, text) => setTooLate(`${label}: ${text}`)}
          />
        ))}
      </ul>
      <div className={styles.body}>
        <p className={styles.kind}>
          {summary} · ≈ {formatUsd(total)}
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
