"use client";

import { describeError } from "@/client/http";
import { useAdminGeneration } from "@/client/use-admin-data";
import { useModalDialog } from "@/client/use-modal-dialog";
import type { AdminGenerationDetail } from "@/shared/admin-views";
import { isActive } from "@/shared/generation-status";
import type { ModelFormSpec } from "@/shared/model-form";
import { formatDateTime, formatSeconds } from "@/shared/time";
import { GenerationInputs } from "../generation-inputs";
import { StatusBadge } from "../status-badge";
import styles from "./admin-detail-drawer.module.css";
import { DeletedMarker } from "./deleted-marker";

type Props = {
  id: string | null;
  models: ModelFormSpec[];
  onClose: () => void;
  onCancel: (id: string) => void;
  canceling: boolean;
  onFilterOwner: (owner: string) => void;
};

function Facts({ g }: { g: AdminGenerationDetail }) {
  const facts: [string, string][] = [
    ["Generation id", g.id],
    ["Prediction id", g.predictionId ?? "— (not created on Replicate)"],
    ["Owner", g.owner],
    ["Created", formatDateTime(g.createdAt)],
    ["Started", formatDateTime(g.startedAt)],
    ["Completed", formatDateTime(g.completedAt)],
    ["Duration", formatSeconds(g.durationSeconds)],
    ["Predict time", formatSeconds(g.predictSeconds)],
  ];
  if (g.cancelRequestedAt) facts.push(["Cancel requested", formatDateTime(g.cancelRequestedAt)]);
  if (g.canceledBy) facts.push(["Canceled by", g.canceledBy === "admin" ? "An administrator" : "The owner"]);
  if (g.deletedAt) facts.push(["Deleted by its owner", formatDateTime(g.deletedAt)]);
  facts.push(["Version", g.version]);
  return (
    <dl className={styles.facts}>
      {facts.map(([term, value]) => (
        <div key={term} className={term === "Version" ? styles.wideFact : undefined}>
          <dt>{term}</dt>
          <dd className={/id$|Owner|Version/.test(term) ? styles.mono : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AdminDetailDrawer({ id, models, onClose, onCancel, canceling, onFilterOwner }: Props) {
  const dialog = useModalDialog(Boolean(id));
  const { data: g, error } = useAdminGeneration(id);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes; keyboards have Escape and the Close button
    <dialog
      ref={dialog}
      className={styles.drawer}
      aria-labelledby="admin-detail-title"
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && onClose()}
    >
      <div className={styles.panel}>
        <header className={styles.header}>
          <h2 id="admin-detail-title" className={styles.title}>
            Generation details
          </h2>
          <button type="button" className={styles.close} onClick={onClose}>
            Close
          </button>
        </header>
        {!g && !error && <p className={styles.loading}>Loading…</p>}
        {error !== undefined && !g && (
          <p className={styles.errorBox} role="alert">
            {describeError(error)}
          </p>
        )}
        {g && (
          <div className={styles.body}>
            <div className={styles.statusRow}>
              <StatusBadge generation={g} />
              {g.deletedAt && <DeletedMarker deletedAt={g.deletedAt} />}
              <span className={styles.model}>{g.modelLabel}</span>
              {isActive(g.status) && (
                <button type="button" className={styles.cancel} disabled={canceling} onClick={() => onCancel(g.id)}>
                  {canceling ? "Canceling…" : "Cancel generation"}
                </button>
              )}
            </div>
            <p className={styles.prompt}>{g.prompt || "No prompt"}</p>
            {g.deletedAt && (
              <p className={styles.deletedNote}>
                Its owner deleted it: its images are gone and it has left their gallery. The record stays for admins.
              </p>
            )}
            {g.error && (
              <section aria-label="Error" className={styles.errorBox}>
                <h3>Error</h3>
                <p>{g.error}</p>
              </section>
            )}
            {g.outputs.length > 0 && (
              <section aria-label="Images" className={styles.section}>
                <h3>Images</h3>
                <div className={styles.outputs}>
                  {g.outputs.map((o, i) => (
                    <a key={o.url} href={o.url} target="_blank" rel="noreferrer" className={styles.output}>
                      {/* biome-ignore lint/performance/noImgElement: stored outputs are served as-is by our files route */}
                      <img src={o.url} alt={`Output ${i + 1}`} width={o.width ?? undefined} height={o.height ?? undefined} />
                    </a>
                  ))}
                </div>
              </section>
            )}
            <section aria-label="Facts" className={styles.section}>
              <h3>Facts</h3>
              <Facts g={g} />
              <button type="button" className={styles.link} onClick={() => onFilterOwner(g.owner)}>
                Show only this owner&apos;s generations
              </button>
            </section>
            <section aria-label="Inputs" className={styles.section}>
              <h3>Inputs</h3>
              <GenerationInputs modelLabel={g.modelLabel} input={g.input} spec={models.find((m) => m.key === g.model)} />
            </section>
            <section aria-label="Logs" className={styles.section}>
              <h3>Logs (tail)</h3>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
              <pre className={styles.logs} tabIndex={0}>
                {g.logsTail?.trim() || "No logs yet."}
              </pre>
            </section>
          </div>
        )}
      </div>
    </dialog>
  );
}
