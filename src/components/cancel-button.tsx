"use client";

import { useEffect, useRef, useState } from "react";
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
  /**
   * Where focus goes when the cancel ends the generation and this button, which had it, goes
   * with it (else the keyboard user is dropped at the page's start).
   */
  focusAfter?: () => HTMLElement | null | undefined;
};

export function CancelButton({ id, onCanceled, onTooLate, className, focusAfter }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Pressed from the keyboard (or with focus on it): when the button goes with the run, now or
  // when a later poll sees the run end, focus moves on, unless the user has put it elsewhere.
  const pressedWithFocus = useRef(false);
  const moveFocus = useRef(focusAfter);
  moveFocus.current = focusAfter;
  const stopListening = useRef<() => void>(() => {});
  useEffect(
    () => () => {
      stopListening.current();
      if (!pressedWithFocus.current) return;
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) moveFocus.current?.()?.focus();
      });
    },
    [],
  );

  const cancel = async () => {
    pressedWithFocus.current = document.activeElement === button.current;
    // Any click or focus elsewhere before the button goes: the user has moved on.
    stopListening.current();
    if (pressedWithFocus.current) {
      const forget = (event: Event) => {
        if (event.target === button.current) return;
        pressedWithFocus.current = false;
        stopListening.current();
      };
      for (const type of ["pointerdown", "focusin"]) document.addEventListener(type, forget, true);
      stopListening.current = () => {
        for (const type of ["pointerdown", "focusin"]) document.removeEventListener(type, forget, true);
      };
    }
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
      <button ref={button} type="button" className={styles.button} onClick={cancel} disabled={pending}>
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
