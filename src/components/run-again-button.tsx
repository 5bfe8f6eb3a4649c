"use client";

import { useId, useState } from "react";
import { useCreateGeneration } from "@/client/use-create-generation";
import styles from "./run-again-button.module.css";
import { StartButton } from "./start-button";

type Props = {
  model: string;
  input: Record<string, unknown>;
  /** The model takes a seed: only then can a run keep it ("Same seed"). */
  seeded: boolean;
  /** One run's estimated cost, when the catalogue prices the model. */
  costUsd?: number | undefined;
};

/** The same input without its seed: the server picks a new one, so the run is a re-roll. */
export function withoutSeed(input: Record<string, unknown>): Record<string, unknown> {
  const { seed: _seed, ...rest } = input;
  return rest;
}

/** Starts a new generation with the same model and settings: a new seed, unless "Same seed" is ticked. */
export function RunAgainButton({ model, input, seeded, costUsd }: Props) {
  const { submit, submitting } = useCreateGeneration();
  const [sameSeed, setSameSeed] = useState(false);
  const checkId = useId();

  const start = async () => {
    const generation = await submit(model, sameSeed ? input : withoutSeed(input));
    return generation ? `/generations/${encodeURIComponent(generation.id)}` : null;
  };

  return (
    <StartButton
      label="Run again"
      start={start}
      submitting={submitting}
      className={styles.group}
      buttonClassName={styles.button}
      costUsd={costUsd}
    >
      {seeded && (
        <label className={styles.check} htmlFor={checkId}>
          <input id={checkId} type="checkbox" checked={sameSeed} onChange={(e) => setSameSeed(e.target.checked)} />
          Same seed
        </label>
      )}
    </StartButton>
  );
}
