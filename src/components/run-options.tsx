"use client";

import type { RunOptions } from "@/client/use-start-runs";
import { GROUP_SIZES, MAX_GROUP_SIZE } from "@/shared/generation-view";
import { canCompareWith, type ModelFormSpec, takesSeed } from "@/shared/model-form";
import { ChoiceLabel } from "./choice-label";
import styles from "./run-options.module.css";

type Props = { models: ModelFormSpec[]; model: string; value: RunOptions; onChange: (next: RunOptions) => void };

// Variations (N seeds at once) or compare (the same prompt on other models too), in one submit.
// Variations only for a model with a seed to vary (not Upscale or Remove background).
export function RunOptionsPicker({ models, model, value, onChange }: Props) {
  const base = models.find((m) => m.key === model);
  // Only models the shared input can run: a prompt alone offers no image tools.
  const others = models.filter((m) => m.key !== model && base !== undefined && canCompareWith(base, m));
  const comparing = value.compareWith.length > 0;
  const varies = base !== undefined && takesSeed(base);
  const toggle = (key: string, on: boolean) => {
    const compareWith = on ? [...value.compareWith, key] : value.compareWith.filter((k) => k !== key);
    onChange({ seeds: 1, compareWith: compareWith.slice(0, MAX_GROUP_SIZE - 1) });
  };
  if (!varies && others.length === 0) return null;
  return (
    <fieldset className={styles.options}>
      <legend className={styles.legend}>Runs</legend>
      {varies && (
        <>
          <label className={styles.seeds}>
            <span>Variations</span>
            <select
              id="run-seeds"
              className={styles.select}
              value={comparing ? 1 : value.seeds}
              disabled={comparing}
              onChange={(e) => onChange({ seeds: Number(e.target.value), compareWith: [] })}
              aria-describedby="run-seeds-help"
            >
              {[1, ...GROUP_SIZES].map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? "None" : `${n} seeds`}
                </option>
              ))}
            </select>
          </label>
          <p id="run-seeds-help" className={styles.help}>
            {comparing ? "Comparing runs one seed on each model." : "Each variation runs with its own random seed."}
          </p>
        </>
      )}
      {others.length > 0 && (
        <fieldset className={styles.compare}>
          <legend className={styles.compareLabel}>Compare with</legend>
          {/* Their own box, so a second row of chips starts under the first, not under the legend. */}
          <div className={styles.chips}>
            {others.map(({ key, label }) => (
              <ChoiceLabel
                key={key}
                type="checkbox"
                name="compare-with"
                value={key}
                checked={value.compareWith.includes(key)}
                onChange={(on) => toggle(key, on)}
                className={styles.chip}
              >
                <span>{label}</span>
              </ChoiceLabel>
            ))}
          </div>
        </fieldset>
      )}
    </fieldset>
  );
}
