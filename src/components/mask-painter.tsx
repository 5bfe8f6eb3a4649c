"use client";

import { useEffect, useRef, useState } from "react";
import type { MaskCanvas } from "@/client/mask-canvas";
import { PENDING_VALUE, type PendingInput } from "@/client/pending-inputs";
import { useMaskCanvas } from "@/client/use-mask-canvas";
import { useMaskStrokes } from "@/client/use-mask-strokes";
import { useUpload } from "@/client/use-upload";
import type { InputField } from "@/shared/model-form";
import styles from "./mask-painter.module.css";
import { MaskPlaceholder } from "./mask-placeholder";

type Props = {
  field: InputField & { kind: "image" };
  /** The image the mask is painted over (the URL of the `maskOf` input), or "" when none yet. */
  imageUrl: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  /** Hands the form what to do on Generate with a mask painted but not yet used: upload it. */
  registerPending: (name: string, input: PendingInput) => () => void;
};

// Paints the inpainting mask over the image: by pointer (mouse, pen, touch) or keyboard (arrow
// keys move the brush, Space paints; Shift moves faster). "Use this mask" uploads it as an image
// the size of the picture, white where it should be repainted and black elsewhere; Generate does
// the same with what was painted since, so pressing it first is never needed.
export function MaskPainter({ field, imageUrl, value, error, onChange, registerPending }: Props) {
  const { canvasRef, mask, size } = useMaskCanvas(imageUrl, value, () => onChange(""));
  const [brush, setBrush] = useState(48);
  const [erase, setErase] = useState(false);
  const [dirty, setDirty] = useState(false);
  const { busy, error: saveError, upload, clearError } = useUpload("The mask could not be saved. Please try again.");
  const [status, setStatus] = useState<string | null>(null);
  // An upload on its way ("Use this mask", or Generate's): asked again, it is the same one.
  const saving = useRef<Promise<string | null> | null>(null);

  const changed = () => {
    setDirty(true);
    setStatus(null);
    clearError();
  };
  const { cursor, setCursor, handlers } = useMaskStrokes({ mask, size, brush, erase, onStroke: changed });

  // A new image: a blank, unchanged mask, the brush in its middle and sized to it.
  useEffect(() => {
    setDirty(false);
    if (imageUrl === "" || !size) return;
    setCursor({ x: Math.round(size.width / 2), y: Math.round(size.height / 2) });
    setBrush(Math.max(8, Math.round(Math.min(size.width, size.height) / 12)));
  }, [imageUrl, size, setCursor]);

  const uploadMask = async (current: MaskCanvas): Promise<string | null> => {
    const url = await upload(current.toPng(), "mask.png");
    if (!url) return null;
    onChange(url);
    setDirty(false);
    setStatus("Mask saved.");
    return url;
  };
  const save = (): Promise<string | null> => {
    const current = mask.current;
    if (!current) return Promise.resolve(null);
    if (current.isEmpty()) {
      clearError();
      setStatus("Paint over the part to change first.");
      return Promise.resolve(null);
    }
    setStatus(null);
    saving.current ??= uploadMask(current).finally(() => {
      saving.current = null;
    });
    return saving.current;
  };

  // Changed since the last use: Generate uploads it first; all of it undone or cleared, the old
  // mask no longer applies and the field is emptied (Generate then says a mask is required).
  // Registered anew each render, so it sees this render's state.
  useEffect(() =>
    registerPending(field.name, {
      preview: () => {
        if (saving.current) return PENDING_VALUE;
        if (!dirty || !mask.current) return undefined;
        return mask.current.isEmpty() ? "" : PENDING_VALUE;
      },
      settle: async () => {
        if (saving.current) return saving.current;
        if (!dirty || !mask.current) return undefined;
        if (!mask.current.isEmpty()) return save();
        if (value) onChange("");
        return "";
      },
    }),
  );

  if (!imageUrl) return <MaskPlaceholder field={field} error={error} />;

  // The tool buttons that edit the mask as a whole (each makes it unsaved).
  const edits = [
    ["Undo", () => mask.current?.undoLast()],
    ["Clear", () => mask.current?.clear()],
  ] as const;
  const note =
    saveError ?? status ?? (dirty && value ? "Changed since it was used: Generate (or Use this mask) takes the new one." : null);
  const helpId = `mask-${field.name}-help`;
  const pct = (v: number, of: number | undefined) => `${(v / (of ?? 1)) * 100}%`;
  return (
    <div className={styles.painter} data-mask-painter={field.name}>
      <span className={styles.label}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
      </span>
      <div className={styles.stage}>
        {/* biome-ignore lint/performance/noImgElement: the user's own image, under the mask */}
        <img src={imageUrl} alt="" className={styles.image} />
        {size && (
          <canvas
            ref={canvasRef}
            width={size.width}
            height={size.height}
            className={styles.canvas}
            tabIndex={0}
            role="img"
            aria-label={`${field.label}: paint over the image. Arrow keys move the brush, Space paints.`}
            aria-describedby={helpId}
            {...handlers}
          />
        )}
        {size && (
          <span
            className={styles.cursor}
            aria-hidden="true"
            ref={(el) => {
              // Positioned through the CSSOM: the CSP refuses style attributes in server HTML.
              if (!el) return;
              el.style.left = pct(cursor.x, size.width);
              el.style.top = pct(cursor.y, size.height);
              el.style.width = pct(brush, size.width);
            }}
          />
        )}
      </div>
      <div className={styles.tools}>
        <label className={styles.brush}>
          Brush
          <input type="range" min={4} max={256} value={brush} onChange={(e) => setBrush(Number(e.target.value))} />
        </label>
        <button type="button" className={styles.button} aria-pressed={!erase} onClick={() => setErase(false)}>
          Paint
        </button>
        <button type="button" className={styles.button} aria-pressed={erase} onClick={() => setErase(true)}>
          Erase
        </button>
        {edits.map(([label, edit]) => (
          <button
            key={label}
            type="button"
            className={styles.button}
            onClick={() => {
              edit();
              changed();
            }}
          >
            {label}
          </button>
        ))}
        <button type="button" className={styles.save} onClick={() => void save()} disabled={busy || (!dirty && value !== "")}>
          {busy ? "Saving…" : "Use this mask"}
        </button>
      </div>
      <p id={helpId} className={styles.note}>
        White is repainted, the rest is kept. Keyboard: focus the picture, move with the arrow keys (Shift: faster), hold Space to
        paint.
      </p>
      {note && (
        <p className={styles.note} role="status">
          {note}
        </p>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
