"use client";

import { useId, useState } from "react";
import { useCreateGroup } from "@/client/use-create-generation";
import { GROUP_SIZES, MAX_GROUP_SIZE } from "@/shared/generation-view";
import { withoutSeed } from "./run-again-button";
import { StartButton } from "./start-button";
import styles from "./variations-button.module.css";

type Props = {
  model: string;
  input: Record<string, unknown>;
  /** One run's estimated cost, when the catalogue prices the model: the total follows the count. */
  costUsd?: number | undefined;
};

/** N more runs of the same settings at once, each with a new seed; opens their group. */
export function VariationsButton({ model, input, costUsd }: Props) {
  const { submit, submitting } = useCreateGroup();
  const [count, setCount] = useState(MAX_GROUP_SIZE);
  const selectId = useId();

  const start = async () => {
    const group = await submit({ kind: "variations", model, count, input: withoutSeed(input) });
    return group ? `/groups/${encodeURIComponent(group.id)}` : null;
  };

  return (
    <StartButton
      label="Variations"
      start={start}
      submitting={submitting}
      className={styles.group}
      buttonClassName={styles.button}
      costUsd={costUsd === undefined ? undefined : costUsd * count}
    >
      <label htmlFor={selectId} className="visually-hidden">
        How many variations
      </label>
      <select id={selectId} className={styles.select} value={count} onChange={(e) => setCount(Number(e.target.value))}>
        {GROUP_SIZES.map((n) => (
          <option key={n} value={n}>
            × {n}
          </option>
        ))}
      </select>
    </StartButton>
  );
}
