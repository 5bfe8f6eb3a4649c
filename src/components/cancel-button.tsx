"use client";

import { useState } from "react";
import { postGenerationCancel } from "@/client/generations-api";
import { describeError } from "@/client/http";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./cancel-button.module.css";

type Props = { id: string; onCanceled: (generation: GenerationView) => unknown; className?: string };

export function CancelButton({ id, onCanceled, className }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async () => {
    setPending(true);
    setError(null);
    try {
      onCanceled(await postGenerationCancel(id));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <span className={`${styles.wrap} ${className ?? ""}`}>
      <button type="button" className={styles.button} onClick={cancel} disabled={pending}>
        {pending ? "Canceling…" : "Cancel"}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
