"use client";

import { useId } from "react";
import type { ModelFormSpec } from "@/shared/model-form";
import { ChoiceLabel } from "./choice-label";
import styles from "./model-picker.module.css";

type Props = { models: ModelFormSpec[]; value: string; onChange: (key: string) => void; error?: string };

// Radio cards: native radios keep arrow-key navigation and screen-reader semantics for free.
// Two columns of names, and the chosen model's description once below them (the others say
// theirs on hover): one described card each filled a 900 px window, leaving the prompt and
// Generate below the fold.
export function ModelPicker({ models, value, onChange, error }: Props) {
  const chosen = models.find((m) => m.key === value);
  const descriptionId = useId();
  // The chosen radio names its description, so it is read as the arrow keys reach it.
  return (
    <fieldset className={styles.picker} aria-describedby={error ? "model-error" : undefined}>
      <legend className={styles.legend}>Model</legend>
      <div className={styles.options}>
        {models.map(({ key, label, description }) => (
          <ChoiceLabel
            key={key}
            type="radio"
            name="model"
            value={key}
            checked={key === value}
            onChange={() => onChange(key)}
            className={styles.option}
            inputClassName={styles.radio}
            title={key === value ? undefined : description}
            describedBy={key === value && chosen ? descriptionId : undefined}
          >
            <ModelName label={label} />
          </ChoiceLabel>
        ))}
      </div>
      {chosen && (
        <p id={descriptionId} className={styles.description}>
          {chosen.description}
        </p>
      )}
      {error && (
        <p id="model-error" className={styles.error}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "Upscale (Real-ESRGAN)": what it does, and the model that does it below in small type. */
function ModelName({ label }: { label: string }) {
  const split = /^(.+?) \((.+)\)$/.exec(label);
  if (!split) return <span className={styles.name}>{label}</span>;
  return (
    <span className={styles.name}>
      {split[1]} <span className={styles.engine}>({split[2]})</span>
    </span>
  );
}
