"use client";

import type { ModelFormSpec } from "@/shared/model-form";
import styles from "./model-picker.module.css";

type Props = { models: ModelFormSpec[]; value: string; onChange: (key: string) => void; error?: string };

// Radio cards: native radios keep arrow-key navigation and screen-reader semantics for free.
export function ModelPicker({ models, value, onChange, error }: Props) {
  return (
    <fieldset className={styles.picker} aria-describedby={error ? "model-error" : undefined}>
      <legend className={styles.legend}>Model</legend>
      <div className={styles.options}>
        {models.map((model) => (
          <label key={model.key} className={styles.option}>
            <input
              type="radio"
              name="model"
              value={model.key}
              checked={model.key === value}
              onChange={() => onChange(model.key)}
              className={styles.radio}
            />
            <span className={styles.name}>{model.label}</span>
            <span className={styles.description}>{model.description}</span>
          </label>
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
