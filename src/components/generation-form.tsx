"use client";

import dynamic from "next/dynamic";
import { type FormEvent, Fragment, useMemo, useState } from "react";
import { carryOver, currentValue, type FieldValue, type FormErrors, type FormValues, validateField } from "@/client/form-values";
import { submitOnModEnter } from "@/client/submit-shortcut";
import { useGenerationSubmit } from "@/client/use-generation-submit";
import { type RunOptions, singleRun } from "@/client/use-start-runs";
import type { GenerationView } from "@/shared/generation-view";
import { canCompareWith, fieldsInUse, imagesAsked, type ModelFormSpec, takesSeed } from "@/shared/model-form";
import { sizeFieldsOf } from "@/shared/size-shapes";
import { CostEstimate } from "./cost-estimate";
import { FieldControl } from "./field-control";
import { FieldLoading } from "./field-loading";
import { type AlertContent, FormAlert } from "./form-alert";
import styles from "./generation-form.module.css";
import { ModelPicker } from "./model-picker";
import { RunOptionsPicker } from "./run-options";
import { SizeShapes } from "./size-shapes";

// The mask painter (inpainting only) loads when that tool is chosen, not with the studio.
const MaskPainter = dynamic(() => import("./mask-painter").then((m) => m.MaskPainter), { loading: FieldLoading });

type Props = {
  models: ModelFormSpec[];
  defaultModel: string;
  onCreated: (generation: GenerationView) => unknown;
  /** Settings to start from ("Edit" of a generation): its model and every value it ran with. */
  initial?: { model: string; values: FormValues };
};

export function GenerationForm({ models, defaultModel, onCreated, initial }: Props) {
  const [modelKey, setModelKey] = useState(initial?.model ?? defaultModel);
  const [values, setValues] = useState<FormValues>(initial?.values ?? {});
  const [runOptions, setRunOptions] = useState<RunOptions>(singleRun);
  const [errors, setErrors] = useState<FormErrors>({});
  // Validation problems no field claims go on top; failures of the request itself go by the button.
  const [topAlert, setTopAlert] = useState<AlertContent | null>(null);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [showAdvanced, setShowAdvanced] = useState(() => opensAdvanced(models, initial));
  const { submit, submitting, registerPending } = useGenerationSubmit(modelKey, values);
  const model = models.find((m) => m.key === modelKey) ?? models[0];
  // Only the fields that apply with the values chosen (a refiner's settings with that refiner).
  const [basic, advanced] = useMemo(() => {
    const shown = model ? fieldsInUse(model.fields, values) : [];
    return [shown.filter((f) => !f.advanced), shown.filter((f) => f.advanced)];
  }, [model, values]);
  const sizeFields = useMemo(() => (model ? sizeFieldsOf(model.fields) : null), [model]);
  if (!model) return <p>No models are configured.</p>;

  const setValue = (name: string, value: FieldValue) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    const field = model.fields.find((f) => f.name === name);
    // Once a field shows an error, re-check it as the user types so it clears as soon as it is fixed;
    // a number field refuses anything that is not a number at once.
    if (field && (errors[name] || notANumber(field, value)))
      setErrors(({ [name]: _, ...rest }) => ({ ...rest, ...withError(name, validateField(field, value)) }));
  };

  const chooseModel = (key: string) => {
    const next = models.find((m) => m.key === key);
    if (!next) return;
    setModelKey(key);
    setValues((prev) => carryOver(prev, next.fields));
    setRunOptions((prev) => ({
      seeds: takesSeed(next) ? prev.seeds : 1,
      compareWith: prev.compareWith.filter((k) => k !== key && models.some((m) => m.key === k && canCompareWith(next, m))),
    }));
    setErrors({});
    setTopAlert(null);
    setAlert(null);
  };

  const showErrors = (next: FormErrors) => {
    setErrors(next);
    const names = Object.keys(next);
    // From the model's fields, not this render's list: a field may have just come into use.
    if (model.fields.some((f) => f.advanced && names.includes(f.name))) setShowAdvanced(true);
    const first = model.fields.find((f) => names.includes(f.name));
    // After the render that opens "Advanced", or the input cannot take focus.
    if (first) requestAnimationFrame(() => document.getElementById(`field-${first.name}`)?.focus());
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setTopAlert(null);
    setAlert(null);
    const outcome = await submit(model, runOptions);
    if (outcome.kind === "invalid") {
      showErrors(outcome.fields);
      if (outcome.message) setTopAlert({ message: outcome.message, retryAfter: null });
    } else if (outcome.kind === "failed") {
      setErrors({});
      setAlert({ message: outcome.message, retryAfter: outcome.retryAfter });
    } else if (outcome.kind === "started") {
      setErrors({});
      // Newest on top: the first of a group is put there last.
      for (const generation of [...outcome.generations].reverse()) onCreated(generation);
    }
  };

  const fieldControl = (field: ModelFormSpec["fields"][number]) =>
    field.kind === "image" && field.role === "mask" ? (
      <MaskPainter
        key={`${model.key}:${field.name}`}
        field={field}
        imageUrl={String(values[field.maskOf ?? ""] ?? "")}
        value={String(currentValue(field, values))}
        error={errors[field.name]}
        onChange={(value) => setValue(field.name, value)}
        registerPending={registerPending}
      />
    ) : (
      <FieldControl
        key={`${model.key}:${field.name}`}
        field={field}
        value={currentValue(field, values)}
        error={errors[field.name]}
        onChange={(value) => setValue(field.name, value)}
      />
    );

  const control = (field: ModelFormSpec["fields"][number]) =>
    // The shapes go just before the width (and its height beside it).
    sizeFields && field === sizeFields.width ? (
      <Fragment key={`${model.key}:${field.name}`}>
        <SizeShapes
          fields={sizeFields}
          size={{
            width: Number(currentValue(sizeFields.width, values)),
            height: Number(currentValue(sizeFields.height, values)),
          }}
          onChoose={({ width, height }) => {
            setValue(sizeFields.width.name, String(width));
            setValue(sizeFields.height.name, String(height));
          }}
        />
        {fieldControl(field)}
      </Fragment>
    ) : (
      fieldControl(field)
    );

  return (
    <form className={styles.form} onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate aria-busy={submitting}>
      {topAlert && <FormAlert alert={topAlert} />}
      <ModelPicker models={models} value={model.key} onChange={chooseModel} error={errors.model} />
      <div className={styles.fields}>{basic.map(control)}</div>
      {advanced.length > 0 && (
        <details className={styles.advanced} open={showAdvanced} onToggle={(e) => setShowAdvanced(e.currentTarget.open)}>
          <summary>Advanced</summary>
          <div className={styles.fields}>{advanced.map(control)}</div>
        </details>
      )}
      <RunOptionsPicker models={models} model={model.key} value={runOptions} onChange={setRunOptions} />
      {/* Held at the bottom of the form's window while its fields scroll under it. */}
      <div className={styles.footer}>
        <CostEstimate models={models} model={model} images={imagesAsked(model, values)} values={values} options={runOptions} />
        {alert && <FormAlert alert={alert} />}
        <div className={styles.actions}>
          {/* Not `disabled` while busy: that would drop keyboard focus to the page (onSubmit ignores a second press). */}
          <button type="submit" className={styles.submit} aria-disabled={submitting} data-testid="submit-run">
            {submitting && <span className={styles.spinner} aria-hidden="true" />}
            {submitting ? model.action.busy : model.action.label}
          </button>
          <span className={styles.hint} aria-hidden="true">
            Ctrl/⌘ + Enter
          </span>
        </div>
      </div>
    </form>
  );
}

const NUMERIC_KINDS = new Set(["integer", "number", "seed"]);
/** Typed text that can never become a number (a lone "-" or "." may still be on its way to one). */
function notANumber(field: ModelFormSpec["fields"][number], value: FieldValue): boolean {
  if (!NUMERIC_KINDS.has(field.kind) || typeof value !== "string") return false;
  const raw = value.trim();
  return raw !== "" && !/^[-+]?\.?$/.test(raw) && !Number.isFinite(Number(raw));
}

/** "Advanced" starts open when the settings loaded into the form set one of its fields. */
function opensAdvanced(models: ModelFormSpec[], initial: Props["initial"]): boolean {
  const fields = models.find((m) => m.key === initial?.model)?.fields ?? [];
  return fields.some((f) => f.advanced && initial?.values[f.name] !== undefined);
}

function withError(name: string, message: string | null): FormErrors {
  return message ? { [name]: message } : {};
}
