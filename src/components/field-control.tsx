"use client";

import type { KeyboardEvent, ReactNode } from "react";
import type { FieldValue } from "@/client/form-values";
import type { InputField } from "@/shared/model-form";
import styles from "./field-control.module.css";
import { ImageField } from "./image-field";

type Props = { field: InputField; value: FieldValue; error: string | undefined; onChange: (value: FieldValue) => void };

// Ctrl/Cmd+Enter submits from the prompt, like most chat and generation tools.
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/** The help and error lines under a control, referenced by its aria-describedby. */
function FieldMessages({ id, help, error }: { id: string; help: string | undefined; error: string | undefined }) {
  return (
    <>
      {help && (
        <p id={`${id}-help`} className={styles.help}>
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
    </>
  );
}

export function FieldControl({ field, value, error, onChange }: Props) {
  const id = `field-${field.name}`;
  const describedBy = [field.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, name: field.name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  const text = typeof value === "string" ? value : "";

  if (field.kind === "image") {
    return <ImageField field={field} value={text} error={error} onChange={onChange} />;
  }

  if (field.kind === "boolean") {
    return (
      <div className={styles.checkRow}>
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{field.label}</label>
        <FieldMessages id={id} help={field.help} error={error} />
      </div>
    );
  }

  let control: ReactNode;
  if (field.kind === "text" && field.multiline) {
    control = (
      <textarea
        {...common}
        className={`${styles.input} ${styles.textarea}`}
        rows={field.required ? 4 : 2}
        required={field.required}
        maxLength={field.maxLength}
        placeholder={field.placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={submitOnModEnter}
      />
    );
  } else if (field.kind === "text") {
    control = (
      <input
        {...common}
        className={styles.input}
        type="text"
        required={field.required}
        maxLength={field.maxLength}
        placeholder={field.placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (field.kind === "enum") {
    control = (
      <select {...common} className={`${styles.input} ${styles.select}`} value={text} onChange={(e) => onChange(e.target.value)}>
        {field.default === undefined && <option value="">{field.required ? "Choose…" : "Model default"}</option>}
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    const step = field.kind === "integer" ? (field.multipleOf ?? 1) : field.kind === "number" ? (field.step ?? "any") : 1;
    const range = { min: field.min, max: field.max, step };
    const placeholder = field.kind === "seed" ? "Random" : field.default === undefined ? "Model default" : String(field.default);
    control = (
      <input
        {...common}
        {...range}
        className={styles.input}
        type="number"
        inputMode={field.kind === "number" ? "decimal" : "numeric"}
        placeholder={placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }

  return (
    <div className={field.kind === "text" ? styles.wide : styles.field}>
      <label htmlFor={id} className={styles.label}>
        {field.label}
        {field.required && (
          <span className={styles.required} aria-hidden="true">
            {" "}
            *
          </span>
        )}
        {(field.kind === "integer" || field.kind === "number") && (
          <span className={styles.range}>
            {field.min}–{field.max}
          </span>
        )}
      </label>
      {control}
      <FieldMessages id={id} help={field.help} error={error} />
    </div>
  );
}
