"use client";

import { outputPickName, promptOf } from "@/client/format";
import { fetchGenerationPage, generationsUrl } from "@/client/generations-api";
import { useModalDialog } from "@/client/use-modal-dialog";
import { usePolling } from "@/client/use-polling";
import { timeAgo } from "@/shared/time";
import { OutputImage } from "./output-image";
import styles from "./output-picker-dialog.module.css";

type Props = { onPick: (url: string) => void; onClose: () => void };

/** Picks one of the visitor's own stored outputs (their newest 48 generations) as an image input. */
export function OutputPickerDialog({ onPick, onClose }: Props) {
  const dialog = useModalDialog(true);
  const { data, error, isLoading } = usePolling(generationsUrl(null, 48), fetchGenerationPage, { interval: () => 0 });
  const now = Date.now();
  // Each tile says what it is (prompt or tool, which image, when), in its name and its caption:
  // a visitor with many images could not tell "SDXL Lightning output 1" from the next.
  const outputs = (data?.generations ?? []).flatMap((g) =>
    g.outputs.map((output, index) => ({
      key: `${g.id}-${index}`,
      output,
      name: outputPickName(g, index, now),
      caption: promptOf(g),
      when: timeAgo(g.createdAt, now),
      which: g.outputs.length > 1 ? `${index + 1} of ${g.outputs.length}` : null,
    })),
  );
  return (
    <dialog ref={dialog} className={styles.dialog} onClose={onClose} aria-labelledby="output-picker-title">
      <div className={styles.head}>
        <h2 id="output-picker-title" className={styles.title}>
          Pick one of your images
        </h2>
        <button type="button" className={styles.close} onClick={onClose}>
          Close
        </button>
      </div>
      {isLoading && <p className={styles.note}>Loading…</p>}
      {error ? <p className={styles.note}>Your images could not be loaded.</p> : null}
      {!isLoading && !error && outputs.length === 0 && <p className={styles.note}>No images yet: generate one first.</p>}
      <ul className={styles.grid}>
        {outputs.map((o) => (
          <li key={o.key}>
            {/* The thumbnail is a sized copy; the pick is the original. */}
            <button
              type="button"
              className={styles.pick}
              onClick={() => onPick(o.output.url)}
              aria-label={o.name}
              title={o.caption}
            >
              <span className={styles.thumb}>
                <OutputImage output={o.output} alt="" sizes="120px" />
              </span>
              <span className={styles.caption}>{o.caption}</span>
              <span className={styles.meta}>
                {o.when}
                {o.which ? ` · ${o.which}` : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </dialog>
  );
}
