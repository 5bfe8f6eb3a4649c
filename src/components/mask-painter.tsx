"use client";

import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react";
import { MaskCanvas } from "@/client/mask-canvas";
import type { PendingInput } from "@/client/pending-inputs";
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

const KEYS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

// Paints the inpainting mask over the image: by pointer (mouse, pen, touch) or keyboard (arrow
// keys move the brush, Space paints; Shift moves faster). "Use this mask" uploads it as an image
// the size of the picture, white where it should be repainted and black elsewhere; Generate does
// the same with what was painted since, so pressing it first is never needed.
export function MaskPainter({ field, imageUrl, value, error, onChange, registerPending }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mask = useRef<MaskCanvas | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [brush, setBrush] = useState(48);
  const [erase, setErase] = useState(false);
  const [cursor, setCursor] = useState({ x: 0, y: 0 });
  const [dirty, setDirty] = useState(false);
  const { busy, error: saveError, upload, clearError } = useUpload("The mask could not be saved. Please try again.");
  const [status, setStatus] = useState<string | null>(null);
  const painting = useRef(false);
  // The mask in the form now. One there when the canvas is made (settings loaded by Edit) is
  // drawn on it, so what is seen is what runs.
  const shown = useRef(value);
  shown.current = value;
  const clearValue = useRef(() => onChange(""));
  clearValue.current = () => onChange("");

  // A new image: a blank mask of its size (a mask used with the image before does not fit it).
  const lastImage = useRef(imageUrl);
  useEffect(() => {
    setSize(null);
    setDirty(false);
    if (lastImage.current !== imageUrl) {
      lastImage.current = imageUrl;
      if (shown.current) clearValue.current();
    }
    if (!imageUrl) return;
    const img = new Image();
    img.onload = () => {
      setSize({ width: img.naturalWidth, height: img.naturalHeight });
      setCursor({ x: Math.round(img.naturalWidth / 2), y: Math.round(img.naturalHeight / 2) });
      setBrush(Math.max(8, Math.round(Math.min(img.naturalWidth, img.naturalHeight) / 12)));
    };
    img.src = imageUrl;
  }, [imageUrl]);
  useEffect(() => {
    if (!size || !canvasRef.current) return;
    const canvas = new MaskCanvas(canvasRef.current);
    mask.current = canvas;
    if (!shown.current) return;
    const saved = new Image();
    saved.crossOrigin = "anonymous";
    saved.onload = () => {
      if (mask.current === canvas) canvas.load(saved);
    };
    saved.src = shown.current;
  }, [size]);

  // Painted since the last use (and not all undone): Generate uploads it first. Registered
  // anew each render, so it sees this render's state.
  useEffect(() =>
    registerPending(field.name, async () => (dirty && mask.current && !mask.current.isEmpty() ? save() : undefined)),
  );

  if (!imageUrl) return <MaskPlaceholder field={field} error={error} />;

  const changed = () => {
    setDirty(true);
    setStatus(null);
    clearError();
  };
  // The tool buttons that edit the mask as a whole (each makes it unsaved).
  const edits = [
    ["Undo", () => mask.current?.undoLast()],
    ["Clear", () => mask.current?.clear()],
  ] as const;
  const toImage = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = (size?.width ?? 1) / rect.width;
    return { x: (event.clientX - rect.left) * scale, y: (event.clientY - rect.top) * scale };
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const p = toImage(event);
    painting.current = true;
    mask.current?.begin(p.x, p.y, brush, erase);
    setCursor(p);
    changed();
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const p = toImage(event);
    setCursor(p);
    if (painting.current) mask.current?.to(p.x, p.y, brush, erase);
  };
  const onPointerUp = () => {
    painting.current = false;
    mask.current?.end();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (!size) return;
    if (event.key === " ") {
      event.preventDefault();
      if (!painting.current) {
        painting.current = true;
        mask.current?.begin(cursor.x, cursor.y, brush, erase);
        changed();
      }
      return;
    }
    const move = KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    const step = Math.max(4, brush / 2) * (event.shiftKey ? 4 : 1);
    const next = {
      x: Math.min(size.width, Math.max(0, cursor.x + move[0] * step)),
      y: Math.min(size.height, Math.max(0, cursor.y + move[1] * step)),
    };
    setCursor(next);
    if (painting.current) mask.current?.to(next.x, next.y, brush, erase);
  };
  const onKeyUp = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.key === " ") onPointerUp();
  };

  const save = async (): Promise<string | null> => {
    const current = mask.current;
    if (!current) return null;
    if (current.isEmpty()) {
      clearError();
      setStatus("Paint over the part to change first.");
      return null;
    }
    setStatus(null);
    const url = await upload(current.toPng(), "mask.png");
    if (!url) return null;
    onChange(url);
    setDirty(false);
    setStatus("Mask saved.");
    return url;
  };

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
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown}
            onKeyUp={onKeyUp}
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
