import { imageCount, yourImages, yourImagesAre } from "@/client/format";
import { canceledText } from "@/client/status-text";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { ElapsedTime } from "./elapsed-time";
import { FailureMessage } from "./failure-message";
import styles from "./generation-status-panel.module.css";
import { ProgressBar } from "./progress-bar";
import { useRunningClock } from "./running-time";
import { StatusBadge } from "./status-badge";

const sentences: Record<GenerationView["status"], (images: number) => string> = {
  queued: () => "Waiting to be sent to Replicate.",
  starting: () => "Replicate is starting the model.",
  processing: (n) => `Generating ${yourImages(n)}.`,
  succeeded: (n) => `${yourImagesAre(n)} ready.`,
  failed: () => "The generation failed.",
  canceled: () => "",
};

export function GenerationStatusPanel({ generation }: { generation: GenerationView }) {
  const active = isActive(generation.status);
  const clock = useRunningClock(generation, active);
  const saving = generation.status === "processing" && generation.progress >= 1;
  const images = imageCount(generation);
  const sentence =
    generation.status === "canceled"
      ? `${canceledText(generation)}.`
      : saving
        ? `Saving ${yourImages(images)}.`
        : clock.coldBoot
          ? "The model is starting from cold on Replicate; this can take a minute or more."
          : sentences[generation.status](images);
  return (
    <div className={styles.panel}>
      <div className={styles.row}>
        <StatusBadge generation={generation} coldBoot={clock.coldBoot} />
        <span className={styles.sentence} role="status">
          {sentence}
        </span>
      </div>
      {active && (
        <ProgressBar value={generation.status === "processing" ? generation.progress : null} label="Generation progress" />
      )}
      <p className={styles.elapsed}>
        {active ? "Running for " : "Took "}
        <ElapsedTime generation={generation} running={active} />
        {active && clock.estimate && ` (${clock.estimate})`}
      </p>
      {generation.status === "failed" && (
        <div className={styles.error}>
          <p className={styles.errorTitle}>What went wrong</p>
          <FailureMessage error={generation.error} />
        </div>
      )}
    </div>
  );
}
