"use client";

import type { ModelFormSpec } from "@/shared/model-form";
import { ChoiceLabel } from "./choice-label";
import styles from "./model-picker.module.css";

type Props = { models: ModelFormSpec[]; value: string; onChange: (key: string) => void; error?: string };

// Radio cards: native radios keep arrow-key navigation and screen-reader semantics for free.
export function ModelPicker({ models, value, onChange, error }: Props) {
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
          >
            <span className={styles.name}>{label}</span>
            <span className={styles.description}>{description}</span>
          </ChoiceLabel>
        ))}
      </div>
      {error && (
        <p id="model-error" className={styles.error}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
