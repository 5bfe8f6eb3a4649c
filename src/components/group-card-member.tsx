"use client";

import { useRef } from "react";
import { promptOf } from "@/client/format";
import { noImageText } from "@/client/status-text";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { CancelButton } from "./cancel-button";
import styles from "./group-card.module.css";
import { OutputImage } from "./output-image";
import { ProgressBar } from "./progress-bar";
import { RunFacts } from "./run-facts";
import { RunningTime, useRunningClock } from "./running-time";
import { StatusBadge } from "./status-badge";

type Props = {
  generation: GenerationView;
  /** The model (a comparison) or the seed (variations). */
  label: string;
  eager: boolean;
  onChange: (generation: GenerationView) => unknown;
  onTooLate: (label: string, text: string) => void;
};

/** One member of a group card: its first image, status and, while it runs, its time, progress and Cancel. */
export function GroupCardMember({ generation, label, eager, onChange, onTooLate }: Props) {
  const active = isActive(generation.status);
  const clock = useRunningClock(generation, active);
  const output = generation.status === "succeeded" ? generation.outputs[0] : undefined;
  // Focus lands here after its Cancel (the button goes with the run): focusable from then on
  // only, and never in the Tab order.
  const member = useRef<HTMLLIElement>(null);
  const focusMember = () => {
    member.current?.setAttribute("tabindex", "-1");
    return member.current;
  };
  return (
    <li
      ref={member}
      className={styles.member}
      data-testid="group-member"
      data-status={generation.status}
      // the studio finds a new generation by it, to bring it into view on a phone
      data-generation-id={generation.id}
    >
      <div className={styles.thumb}>
        {output ? (
          <OutputImage
            output={output}
            alt={`${label}: ${promptOf(generation)}`}
            sizes="(max-width: 640px) 50vw, 220px"
            eager={eager}
            className={styles.image}
          />
        ) : (
          <div
            className={`${styles.placeholder} ${active ? styles.pending : generation.status === "failed" ? styles.failed : ""}`}
          >
            {noImageText(generation)}
          </div>
        )}
      </div>
      <p className={styles.label}>{label}</p>
      <StatusBadge generation={generation} coldBoot={clock.coldBoot} />
      {active ? (
        <>
          <RunningTime elapsedMs={clock.elapsedMs} estimate={null} className={styles.time} />
          <ProgressBar value={generation.status === "processing" ? generation.progress : null} label={`Progress of ${label}`} />
          <CancelButton
            id={generation.id}
            onCanceled={onChange}
            onTooLate={(text) => onTooLate(label, text)}
            className={styles.cancel}
            focusAfter={focusMember}
          />
        </>
      ) : (
        <RunFacts generation={generation} />
      )}
    </li>
  );
}
