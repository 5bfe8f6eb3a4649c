"use client";

import { type FormEvent, useMemo, useState } from "react";
import {
  carryOver,
  currentValue,
  type FieldValue,
  type FormErrors,
  type FormValues,
  toInput,
  validateAll,
  validateField,
} from "@/client/form-values";
import { ApiError, describeError } from "@/client/http";
import { useCreateGeneration } from "@/client/use-create-generation";
import type { GenerationView } from "@/shared/generation-view";
import type { ModelFormSpec } from "@/shared/model-form";
import { FieldControl } from "./field-control";
import { type AlertContent, FormAlert } from "./form-alert";
import styles from "./generation-form.module.css";
import { MaskPainter } from "./mask-painter";
import { ModelPicker } from "./model-picker";

type Props = {
  models: ModelFormSpec[];
  defaultModel: string;
  initialValues?: FormValues;
  onCreated: (generation: GenerationView) => unknown;
};

/** Splits server field errors into inline ones (by input name) and a message for the top. */
function serverErrors(error: ApiError, model: ModelFormSpec): { fields: FormErrors; unmatched: boolean } {
  const fields: FormErrors = {};
  let unmatched = error.fields.length === 0;
  for (const { path, message } of error.fields) {
    const name = path === "model" ? "model" : path.replace(/^input\./, "");
    if (name === "model" || model.fields.some((f) => f.name === name)) fields[name] = message;
    else unmatched = true;
  }
  return { fields, unmatched };
}

export function GenerationForm({ models, defaultModel, initialValues, onCreated }: Props) {
  const [modelKey, setModelKey] = useState(defaultModel);
  const [values, setValues] = useState<FormValues>(initialValues ?? {});
  const [errors, setErrors] = useState<FormErrors>({});
  // Validation problems no field claims go on top; failures of the request itself go by the button.
  const [topAlert, setTopAlert] = useState<AlertContent | null>(null);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [showAdvanced, setShowAdvanced] = useState(false);
  const { submit, submitting } = useCreateGeneration();
  const model = models.find((m) => m.key === modelKey) ?? models[0];
  const [basic, advanced] = useMemo(
    () => [model?.fields.filter((f) => !f.advanced) ?? [], model?.fields.filter((f) => f.advanced) ?? []],
    [model],
  );
  if (!model) return <p>No models are configured.</p>;

  const setValue = (name: string, value: FieldValue) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    const field = model.fields.find((f) => f.name === name);
    // Once a field shows an error, re-check it as the user types so it clears as soon as it is fixed.
    if (field && errors[name])
      setErrors(({ [name]: _, ...rest }) => ({ ...rest, ...withError(name, validateField(field, value)) }));
  };

  const chooseModel = (key: string) => {
    const next = models.find((m) => m.key === key);
    if (!next) return;
    setModelKey(key);
    setValues((prev) => carryOver(prev, next.fields));
    setErrors({});
    setTopAlert(null);
    setAlert(null);
  };

  const showErrors = (next: FormErrors) => {
    setErrors(next);
    const names = Object.keys(next);
    if (advanced.some((f) => names.includes(f.name))) setShowAdvanced(true);
    const first = model.fields.find((f) => names.includes(f.name));
    // After the render that opens "Advanced", or the input cannot take focus.
    if (first) requestAnimationFrame(() => document.getElementById(`field-${first.name}`)?.focus());
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTopAlert(null);
    setAlert(null);
    const clientErrors = validateAll(model.fields, values);
    showErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    try {
      const generation = await submit(model.key, toInput(model.fields, values));
      if (generation) onCreated(generation);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        const { fields, unmatched } = serverErrors(error, model);
        showErrors(fields);
        if (unmatched) setTopAlert({ message: error.message, retryAfter: null });
      } else {
        const retryAfter = error instanceof ApiError && error.status === 429 ? error.retryAfter : null;
        setAlert({ message: error instanceof Error ? error.message : describeError(error), retryAfter });
      }
    }
  };

  const control = (field: ModelFormSpec["fields"][number]) =>
    field.kind === "image" && field.role === "mask" ? (
      <MaskPainter
        key={`${model.key}:${field.name}`}
        field={field}
        imageUrl={String(values[field.maskOf ?? ""] ?? "")}
        value={String(currentValue(field, values))}
        error={errors[field.name]}
        onChange={(value) => setValue(field.name, value)}
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

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-busy={submitting}>
      {topAlert && <FormAlert alert={topAlert} />}
      <ModelPicker models={models} value={model.key} onChange={chooseModel} error={errors.model} />
      <div className={styles.fields}>{basic.map(control)}</div>
      {advanced.length > 0 && (
        <details className={styles.advanced} open={showAdvanced} onToggle={(e) => setShowAdvanced(e.currentTarget.open)}>
          <summary>Advanced</summary>
          <div className={styles.fields}>{advanced.map(control)}</div>
        </details>
      )}
      {alert && <FormAlert alert={alert} />}
      <div className={styles.actions}>
        <button type="submit" className={styles.submit} disabled={submitting}>
          {submitting && <span className={styles.spinner} aria-hidden="true" />}
          {submitting ? "Generating…" : "Generate"}
        </button>
        <span className={styles.hint} aria-hidden="true">
          Ctrl/⌘ + Enter
        </span>
      </div>
    </form>
  );
}

function withError(name: string, message: string | null): FormErrors {
  return message ? { [name]: message } : {};
}
