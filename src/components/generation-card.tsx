"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { thumbnailRatio } from "@/client/aspect-ratio";
import { promptOf } from "@/client/format";
import { noImageText } from "@/client/status-text";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { timeAgo } from "@/shared/time";
import { CancelButton } from "./cancel-button";
import { CancelNote } from "./cancel-note";
import { FailureMessage } from "./failure-message";
import styles from "./generation-card.module.css";
import { OutputImage } from "./output-image";
import { ProgressBar } from "./progress-bar";
import { RunFacts } from "./run-facts";
import { RunningTime, useRunningClock } from "./running-time";
import { ShapeSizer } from "./shape-sizer";
import { StatusBadge } from "./status-badge";

type Props = {
  generation: GenerationView;
  onChange: (generation: GenerationView) => unknown;
  /** Cards in the first screenful load their image at once; the rest lazily. */
  eager?: boolean;
  /**
   * What its heading names instead of the prompt, on a page whose own heading (h1) is the prompt
   * (a group's: each run by its model or seed); the card's heading is then an h2.
   */
  title?: string;
};

function Thumbnail({ generation, eager }: { generation: GenerationView; eager: boolean }) {
  const [first, ...more] = generation.outputs;
  if (generation.status === "succeeded" && first) {
    return (
      <>
        <OutputImage
          output={first}
          alt={promptOf(generation)}
          sizes="(max-width: 640px) 100vw, 280px"
          eager={eager}
          className={styles.image}
        />
        {more.length > 0 && <span className={styles.more}>+{more.length}</span>}
      </>
    );
  }
  const kind = isActive(generation.status) ? styles.pending : generation.status === "failed" ? styles.failedThumb : styles.idle;
  const text = noImageText(generation);
  return <div className={`${styles.placeholder} ${kind}`}>{text}</div>;
}

export function GenerationCard({ generation, onChange, eager = false, title }: Props) {
  const active = isActive(generation.status);
  const clock = useRunningClock(generation, active);
  // Outlives the Cancel button, which goes with the generation's end.
  const [tooLate, setTooLate] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const href = `/generations/${encodeURIComponent(generation.id)}`;
  const Heading = title === undefined ? "h3" : "h2";
  return (
    <article
      className={styles.card}
      data-testid="generation-card"
      data-status={generation.status}
      data-generation-id={generation.id}
    >
      <div className={styles.thumb}>
        <ShapeSizer ratio={thumbnailRatio(generation)} />
        <Thumbnail generation={generation} eager={eager} />
        {generation.favourite && (
          <span className={styles.favourite} role="img" aria-label="Favourite" title="Favourite">
            ★
          </span>
        )}
      </div>
      <div className={styles.body}>
        <div className={styles.meta}>
          <StatusBadge generation={generation} coldBoot={clock.coldBoot} />
          {active ? (
            <RunningTime elapsedMs={clock.elapsedMs} estimate={clock.estimate} className={styles.time} />
          ) : (
            // The server's "just now" may be the browser's "1 minute ago" by the time it hydrates.
            <span className={styles.time} suppressHydrationWarning>
              {timeAgo(generation.createdAt)}
            </span>
          )}
        </div>
        <Heading className={styles.prompt}>
          {/* No prefetch: a gallery would otherwise fetch every visible card's page in advance. */}
          <Link ref={link} href={href} prefetch={false} className={styles.link} title={promptOf(generation)}>
            {title ?? promptOf(generation)}
          </Link>
        </Heading>
        {title !== generation.modelLabel && <p className={styles.model}>{generation.modelLabel}</p>}
        <RunFacts generation={generation} className={styles.facts} />
        {active && (
          <div className={styles.progressRow}>
            <ProgressBar
              value={generation.status === "processing" ? generation.progress : null}
              label={`Progress of "${promptOf(generation)}"`}
            />
            <CancelButton
              id={generation.id}
              onCanceled={onChange}
              onTooLate={setTooLate}
              className={styles.cancel}
              focusAfter={() => link.current}
            />
          </div>
        )}
        {generation.status === "failed" && <FailureMessage error={generation.error} compact />}
        <CancelNote text={tooLate} />
      </div>
    </article>
  );
}
