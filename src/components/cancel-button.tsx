"use client";

import { useState } from "react";
import { postGenerationCancel } from "@/client/generations-api";
import { describeError } from "@/client/http";
import { tooLateToCancelText } from "@/client/status-text";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./cancel-button.module.css";

type Props = {
  id: string;
  /** The generation as the cancel left it (canceled, still stopping, or as it had already ended). */
  onCanceled: (generation: GenerationView) => unknown;
  /**
   * It had already ended: what to tell the user. The caller shows it (CancelNote), since this
   * button goes away with the generation's end.
   */
  onTooLate: (message: string) => unknown;
  className?: string;
};

export function CancelButton({ id, onCanceled, onTooLate, className }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async () => {
    setPending(true);
    setError(null);
    try {
      const { generation, tooLate } = await postGenerationCancel(id);
      if (tooLate) onTooLate(tooLateToCancelText(generation.status));
      onCanceled(generation);
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
