"use client";

import type { ReactNode } from "react";
import { useModalDialog } from "@/client/use-modal-dialog";
import styles from "./confirm-dialog.module.css";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  dismissLabel: string;
  onConfirm: () => void;
  onDismiss: () => void;
};

/** A modal question (native <dialog>: focus starts on the safe choice, stays inside, Escape dismisses). */
export function ConfirmDialog({ open, title, children, confirmLabel, dismissLabel, onConfirm, onDismiss }: Props) {
  const dialog = useModalDialog(open);

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby="confirm-title" onClose={onDismiss}>
      <h2 id="confirm-title" className={styles.title}>
        {title}
      </h2>
      <div className={styles.body}>{children}</div>
      <div className={styles.actions}>
        <button type="button" className={styles.secondary} onClick={onDismiss}>
          {dismissLabel}
        </button>
        <button type="button" className={styles.danger} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
