"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/client/http";
import { useCreateGeneration } from "@/client/use-create-generation";
import styles from "./run-again-button.module.css";

type Props = { model: string; input: Record<string, unknown> };

/** Starts a new generation with the same model and inputs (same seed too, if one was set). */
export function RunAgainButton({ model, input }: Props) {
  const router = useRouter();
  const { submit, submitting } = useCreateGeneration();
  const [error, setError] = useState<string | null>(null);

  const runAgain = async () => {
    setError(null);
    try {
      const generation = await submit(model, input);
      if (generation) router.push(`/generations/${encodeURIComponent(generation.id)}`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <>
      <button type="button" className={styles.button} onClick={runAgain} disabled={submitting}>
        {submitting ? "Starting…" : "Run again"}
      </button>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
