"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { describeError } from "@/client/http";
import { useCreateGeneration } from "@/client/use-create-generation";
import styles from "./run-again-button.module.css";

type Props = { model: string; input: Record<string, unknown> };

/** The same input without its seed: the server picks a new one, so the run is a re-roll. */
export function withoutSeed(input: Record<string, unknown>): Record<string, unknown> {
  const { seed: _seed, ...rest } = input;
  return rest;
}

/** Starts a new generation with the same model and settings: a new seed, unless "Same seed" is ticked. */
export function RunAgainButton({ model, input }: Props) {
  const router = useRouter();
  const { submit, submitting } = useCreateGeneration();
  const [sameSeed, setSameSeed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkId = useId();

  const runAgain = async () => {
    setError(null);
    try {
      const generation = await submit(model, sameSeed ? input : withoutSeed(input));
      if (generation) router.push(`/generations/${encodeURIComponent(generation.id)}`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <div className={styles.group}>
      <button type="button" className={styles.button} onClick={runAgain} disabled={submitting}>
        {submitting ? "Starting…" : "Run again"}
      </button>
      <label className={styles.check} htmlFor={checkId}>
        <input id={checkId} type="checkbox" checked={sameSeed} onChange={(e) => setSameSeed(e.target.checked)} />
        Same seed
      </label>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
