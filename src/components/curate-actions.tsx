"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { markDeletedInTab } from "@/client/deleted-generations";
import { carryFlashToNextDocument, setFlash } from "@/client/flash";
import { promptOf } from "@/client/format";
import { downloadAllUrl, patchGenerationFavourite, requestGenerationDelete } from "@/client/generations-api";
import { previousEntryInThisDocument, previousEntryIsOurs } from "@/client/history-back";
import { describeError } from "@/client/http";
import { isTerminal } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { shortPrompt } from "@/shared/short-prompt";
import { ConfirmDialog } from "./admin/confirm-dialog";
import styles from "./curate-actions.module.css";

type Props = { generation: GenerationView; onChange: (next: GenerationView) => unknown };

/** Favourite, download all, and delete (after a confirmation) one's own generation. */
export function CurateActions({ generation, onChange }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggleFavourite = async () => {
    setError(null);
    try {
      onChange(await patchGenerationFavourite(generation.id, !generation.favourite));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await requestGenerationDelete(generation.id);
      markDeletedInTab(generation.id);
      // Said on the page it returns to: the one it came from (the gallery as it was), else the studio.
      setFlash(`Deleted “${shortPrompt(generation.input.prompt) || promptOf(generation)}”.`);
      if (previousEntryIsOurs()) {
        // The page before is another document (this one was opened from the address bar): Back
        // loads it anew, and it takes the message. (After a reload Chromium stays in this one.)
        if (!previousEntryInThisDocument()) carryFlashToNextDocument();
        router.back();
      } else router.push("/");
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <div className={styles.row}>
      <button type="button" className={styles.button} aria-pressed={generation.favourite} onClick={toggleFavourite}>
        <span aria-hidden="true">{generation.favourite ? "★" : "☆"}</span> Favourite
      </button>
      {generation.outputs.length > 0 && (
        <a href={downloadAllUrl(generation.id)} className={styles.button} download>
          Download all
        </a>
      )}
      {isTerminal(generation.status) && (
        <button type="button" className={styles.delete} onClick={() => setConfirming(true)} disabled={busy}>
          {busy ? "Deleting…" : "Delete"}
        </button>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this generation?"
        confirmLabel="Delete"
        dismissLabel="Keep it"
        onConfirm={remove}
        onDismiss={() => setConfirming(false)}
      >
        Its images are removed from storage for good. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
