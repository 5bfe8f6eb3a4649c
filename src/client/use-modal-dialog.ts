"use client";

import "client-only";
import { type RefObject, useEffect, useRef } from "react";

/**
 * Drives a native <dialog> from React state: showModal() when `open` turns true (focus moves in,
 * the page behind goes inert, Escape closes), close() when it turns false. Attach the ref.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);
  return dialog;
}
