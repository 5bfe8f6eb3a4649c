"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { FieldValue } from "@/client/form-values";
import { type InputField, optionLabel } from "@/shared/model-form";
import styles from "./field-control.module.css";
import { FieldLoading } from "./field-loading";

// Only the image tools have an image input: its code (upload, paste, the picker) loads when one is
// shown, not with the studio. Rendered on the server too (a chained start opens with one), with
// its stylesheet and a preload of its script.
const ImageField = dynamic(() => import("./image-field").then((m) => m.ImageField), { loading: FieldLoading });

type Props = { field: InputField; value: FieldValue; error: string | undefined; onChange: (value: FieldValue) => void };

/**
 * The longest option a select in half a row shows whole (about 123 px of text at 14 px, from
 * 390 px to 1440 px wide): a select with a longer one ("Match input image") takes the whole row.
 */
const HALF_ROW_CHARS = 12;

/** Text fields, and selects with an option too long for half a row, span the form's grid. */
function spansRow(field: InputField): boolean {
  if (field.kind === "text") return true;
  return field.kind === "enum" && field.options.some((option) => optionLabel(field, option).length > HALF_ROW_CHARS);
}

/** Shown from this share of a text limit on, so a long prompt is never cut by surprise. */
const COUNTER_FROM = 0.8;
const count = new Intl.NumberFormat("en");

function showsCounter(field: InputField, text: string): field is InputField & { kind: "text" } {
  return field.kind === "text" && text.length >= field.maxLength * COUNTER_FROM;
}

/** "1,650 / 2,000 characters", or how many to remove once over the limit. */
function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const over = length - max;
  return (
    <p id={`${id}-count`} className={over > 0 ? styles.countOver : styles.count}>
      {count.format(length)} / {count.format(max)} characters
      {over > 0 && ` (${count.format(over)} too many)`}
    </p>
  );
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
  const text = typeof value === "string" ? value : "";
  const counter = showsCounter(field, text);
  const describedBy =
    [field.help && `${id}-help`, counter && `${id}-count`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, name: field.name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };

  if (field.kind === "image") {
    return <ImageField field={field} value={text} error={error} onChange={onChange} />;
  }

  if (field.kind === "boolean") {
    return (
      <div className={styles.checkRow}>
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{field.label}</label>
        <FieldMessages id={id} help={helpText(field)} error={error} />
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
        placeholder={field.placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (field.kind === "text") {
    control = (
      <input
        {...common}
        className={styles.input}
        type="text"
        required={field.required}
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
            {optionLabel(field, option)}
          </option>
        ))}
      </select>
    );
  } else {
    const placeholder = field.kind === "seed" ? "Random" : field.default === undefined ? "Model default" : String(field.default);
    control = (
      // Text with a numeric keyboard, not type="number": a number input hides what was typed
      // ("e", "1,5") behind an empty value, so a mistake would be silently ignored.
      <input
        {...common}
        className={styles.input}
        type="text"
        inputMode={field.kind === "number" ? "decimal" : "numeric"}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }

  return (
    <div className={spansRow(field) ? styles.wide : styles.field}>
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
      {counter && <LengthCounter id={id} length={text.length} max={field.maxLength} />}
      <FieldMessages id={id} help={helpText(field)} error={error} />
    </div>
  );
}

/** The field's help, and the step a value must keep to ("A multiple of 64"), said before a submit refuses it. */
function helpText(field: InputField): string | undefined {
  const step = field.kind === "integer" && field.multipleOf ? `A multiple of ${field.multipleOf}.` : "";
  if (!step) return field.help;
  return field.help ? `${field.help.replace(/\.?\s*$/, ".")} ${step}` : step;
}
