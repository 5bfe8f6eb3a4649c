import styles from "./cancel-note.module.css";

/**
 * Why a Cancel did not cancel: the generation had already ended ("Too late to cancel: it had
 * already finished."). Polite: it comes with the generation's final state, which says the rest.
 */
export function CancelNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className={styles.note} role="status">
      {text}
    </p>
  );
}
