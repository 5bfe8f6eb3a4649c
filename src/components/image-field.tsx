"use client";

import dynamic from "next/dynamic";
import { type ClipboardEvent, type DragEvent, useCallback, useId, useRef, useState } from "react";
import { useUpload } from "@/client/use-upload";
import type { InputField } from "@/shared/model-form";
import { uploadLimitsText } from "@/shared/upload-limits";
import styles from "./image-field.module.css";
import { ImageFieldLabel } from "./image-field-label";

// The "From my images…" dialog loads when it is first opened.
const OutputPickerDialog = dynamic(() => import("./output-picker-dialog").then((m) => m.OutputPickerDialog), { ssr: false });

type Props = {
  field: InputField & { kind: "image" };
  /** The image's URL (an upload or one of the user's outputs), or "" when none is set. */
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
};

// A file input of a model: drop an image, paste one, pick a file, or pick one of your own outputs.
// Files are uploaded at once (the server checks them), and the field holds the upload's URL.
export function ImageField({ field, value, error, onChange }: Props) {
  const id = `field-${field.name}`;
  const helpId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { busy, error: uploadError, upload: send, clearError } = useUpload("The upload failed. Please try again.");
  const [dragging, setDragging] = useState(false);
  const [picking, setPicking] = useState(false);

  async function upload(file: File | Blob | null | undefined) {
    if (!file) return;
    const url = await send(file, file instanceof File ? file.name : "pasted.png");
    if (url) onChange(url);
  }

  /** A refused upload's reason is brought into view (the form's sticky footer may cover it). */
  const showUploadError = useCallback((node: HTMLParagraphElement | null) => node?.scrollIntoView({ block: "nearest" }), []);

  /** No image, and no upload error: it was about a file that is no longer asked for. */
  function remove() {
    clearError();
    onChange("");
  }

  function onDrop(event: DragEvent<HTMLFieldSetElement>) {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  }

  function onPaste(event: ClipboardEvent<HTMLFieldSetElement>) {
    const item = [...event.clipboardData.items].find((i) => i.kind === "file" && i.type.startsWith("image/"));
    if (!item) return;
    event.preventDefault();
    void upload(item.getAsFile());
  }

  // Both can show: a failed upload says why, and an empty required field says so on Generate.
  const describedBy =
    [field.help && `${helpId}-help`, uploadError && `${helpId}-upload`, error && `${helpId}-error`].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={styles.field} data-image-field={field.name}>
      <ImageFieldLabel id={`${id}-label`} label={field.label} required={field.required} />
      <fieldset
        className={`${styles.drop} ${dragging ? styles.dragging : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        onPaste={onPaste}
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
        aria-busy={busy}
      >
        {value ? (
          // biome-ignore lint/performance/noImgElement: a user's own stored image, shown as is
          <img className={styles.preview} src={value} alt={`${field.label} (chosen)`} />
        ) : (
          <p className={styles.hint}>{busy ? "Uploading…" : `Drop or paste an image (${uploadLimitsText})`}</p>
        )}
        <div className={styles.actions}>
          {/* The field's id is here: Generate focuses it when the field is missing (the file input is hidden). */}
          <button type="button" id={id} className={styles.button} onClick={() => fileInput.current?.click()} disabled={busy}>
            {value ? "Replace…" : "Choose file…"}
          </button>
          <button type="button" className={styles.button} onClick={() => setPicking(true)} disabled={busy}>
            From my images…
          </button>
          {value && (
            <button type="button" className={styles.button} onClick={remove} disabled={busy}>
              Remove
            </button>
          )}
        </div>
        {/* Opened by "Choose file…", so out of the tab order and the accessibility tree (it read as a second button). */}
        <input
          ref={fileInput}
          name={field.name}
          className={styles.fileInput}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </fieldset>
      {field.help && (
        <p id={`${helpId}-help`} className={styles.help}>
          {field.help}
        </p>
      )}
      {uploadError && (
        <p key={uploadError} id={`${helpId}-upload`} ref={showUploadError} className={styles.error} role="alert">
          {uploadError}
        </p>
      )}
      {error && (
        <p id={`${helpId}-error`} className={styles.error} role="alert">
          {error}
        </p>
      )}
      {picking && (
        <OutputPickerDialog
          onPick={(url) => {
            setPicking(false);
            clearError();
            onChange(url);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}
