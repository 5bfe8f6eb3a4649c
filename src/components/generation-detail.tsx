"use client";

import { useMemo } from "react";
import { aspectRatioOf } from "@/client/aspect-ratio";
import { givenPrompt, imageCount, promptOf, yourImagesAre } from "@/client/format";
import { describeError } from "@/client/http";
import { canceledText } from "@/client/status-text";
import { useCompletionSignal } from "@/client/use-completion-signal";
import { useGeneration } from "@/client/use-generation";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { estimateBeforeRun, imagesAsked, type ModelFormSpec, takesSeed } from "@/shared/model-form";
import type { ModelTiming } from "@/shared/model-timing";
import { BackLink } from "./back-link";
import { CopySettings } from "./copy-settings";
import { CurateActions } from "./curate-actions";
import { GenerationActions } from "./generation-actions";
import styles from "./generation-detail.module.css";
import { GenerationInputs } from "./generation-inputs";
import { GenerationLineage } from "./generation-lineage";
import { GenerationStatusPanel } from "./generation-status-panel";
import { ModelTimingsProvider } from "./model-timings";
import { OutputGallery } from "./output-gallery";
import { RunFacts } from "./run-facts";
import { ShapeSizer } from "./shape-sizer";

type Props = {
  id: string;
  models: ModelFormSpec[];
  timings: readonly ModelTiming[];
  /** The generation as the server read it (ended or running): the page's first paint shows it. */
  initial?: GenerationView | undefined;
};

/** "Your image is on its way…", "Your 3 images are on their way…". */
const onTheirWay = (count: number) => `${yourImagesAre(count)} on ${count === 1 ? "its" : "their"} way…`;

function Preview({ generation }: { generation: GenerationView }) {
  if (generation.status === "succeeded" && generation.outputs.length > 0) {
    return <OutputGallery generation={generation} alt={promptOf(generation)} />;
  }
  if (isActive(generation.status)) {
    // The image's own shape, where it lands: drawn by the shared SVG sizer, not a style attribute
    // (the CSP refuses it in the server's HTML, where a running page is rendered too).
    return (
      <div className={`${styles.placeholder} ${styles.pending} ${styles.shaped}`}>
        <ShapeSizer ratio={aspectRatioOf(generation)} className={styles.shape} />
        <span>{onTheirWay(imageCount(generation))}</span>
      </div>
    );
  }
  // Ended without one: a short box, not a screen of empty frame.
  const text = generation.status === "failed" ? "No image was produced." : canceledText(generation);
  return <div className={`${styles.placeholder} ${styles.ended}`}>{text}</div>;
}

const none: GenerationView[] = [];

export function GenerationDetail({ id, models, timings, initial }: Props) {
  const { generation, error, notFound, isLoading, mutate } = useGeneration(id, initial);
  const watched = useMemo(() => (generation ? [generation] : none), [generation]);
  useCompletionSignal(watched);
  const back = <BackLink className={styles.back} />;

  if (notFound) {
    return (
      <main className={styles.main}>
        {back}
        <div className={styles.state}>
          <h1>Generation not found</h1>
          <p>It may have been made in another browser, or the link is wrong.</p>
        </div>
      </main>
    );
  }
  if (!generation) {
    return (
      <main className={styles.main} aria-busy={isLoading}>
        {back}
        {error ? (
          <p className={styles.alert} role="alert">
            Could not load this generation. {describeError(error)}
          </p>
        ) : (
          <div className={styles.layout}>
            {/* a class, not style={…}: this renders on the server, and the CSP refuses style attributes in HTML */}
            <div className={`${styles.side} ${styles.head} ${styles.sideLoading}`}>
              <span className="visually-hidden">Loading…</span>
            </div>
            <div className={`${styles.preview} ${styles.placeholder} ${styles.pending} ${styles.square}`} />
            <div className={`${styles.side} ${styles.details} ${styles.sideLoading}`} />
          </div>
        )}
      </main>
    );
  }

  const spec = models.find((m) => m.key === generation.model);
  const seeded = spec ? takesSeed(spec) : true;
  // One more run of these settings: what this one cost, once it ran; else a typical run's estimate.
  const ran = generation.status === "succeeded" && generation.predictTime !== null;
  const costUsd = ran
    ? generation.estimatedCostUsd
    : spec
      ? estimateBeforeRun(spec, imagesAsked(spec, generation.input), generation.input)
      : undefined;
  const update = (next: GenerationView) => mutate(next, { revalidate: false });
  return (
    <ModelTimingsProvider timings={timings}>
      <main className={styles.main}>
        {back}
        {/* Status and actions first, then the images, then the details: the order a phone shows
            them in. On a wide screen the images take the left column, the two cards the right. */}
        <div className={styles.layout}>
          <div className={`${styles.side} ${styles.head}`}>
            <div className={styles.titleRow}>
              {/* Named by what was asked for (a tool's run by its model), not by its id. */}
              <h1 className={styles.title} title={promptOf(generation)}>
                {promptOf(generation)}
              </h1>
              {/* A tool run without a prompt is already titled by its model. */}
              {givenPrompt(generation.input) !== null && <p className={styles.id}>{generation.modelLabel}</p>}
            </div>
            <GenerationStatusPanel generation={generation} />
            <RunFacts generation={generation} labelled />
            <GenerationActions generation={generation} seeded={seeded} costUsd={costUsd} onChange={update} />
            <CurateActions generation={generation} onChange={update} />
          </div>
          <section className={styles.preview} aria-label="Images">
            <Preview generation={generation} />
          </section>
          <aside className={`${styles.side} ${styles.details}`}>
            <GenerationLineage id={generation.id} />
            <section aria-labelledby="inputs-heading" className={styles.inputs}>
              <h2 id="inputs-heading" className={styles.subheading}>
                Inputs
              </h2>
              <GenerationInputs modelLabel={generation.modelLabel} input={generation.input} spec={spec} />
              <CopySettings generation={generation} />
              <p className={styles.id}>
                ID <code>{generation.id}</code>
              </p>
            </section>
          </aside>
        </div>
      </main>
    </ModelTimingsProvider>
  );
}
