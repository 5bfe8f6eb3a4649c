"use client";

import { type KeyboardEvent, type MouseEvent, useLayoutEffect, useRef, useState } from "react";
import { useModalDialog } from "@/client/use-modal-dialog";
import styles from "./image-viewer.module.css";

type Image = { url: string; alt: string; width: number | null; height: number | null };
type Props = { images: Image[]; start: number; onClose: () => void };

const ZOOMS = [1, 1.5, 2, 3] as const;

/**
 * Zoomed: `scale` times the size it is shown at fitted (the screen's size, or its own if it is
 * smaller: a 512 px image at 1.5× is 768 px wide, not 1.5 screens), never stretched.
 */
function zoomedSize(image: Image, scale: number) {
  const aspect = image.width && image.height ? image.width / image.height : 1;
  const own = image.width ? `${image.width}px, ` : "";
  return { width: `calc(min(${own}100vw, 100dvh * ${aspect}) * ${scale})`, height: "auto", maxWidth: "none", maxHeight: "none" };
}

/** A point of the picture, as fractions of its width and height. */
type Point = { x: number; y: number };

/** The point of the picture at the middle of what the stage shows now, or under the pointer. */
function pointOf(stage: HTMLElement, image: HTMLElement, at?: { clientX: number; clientY: number }): Point {
  const view = stage.getBoundingClientRect();
  const picture = image.getBoundingClientRect();
  const x = at ? at.clientX : view.left + stage.clientWidth / 2;
  const y = at ? at.clientY : view.top + stage.clientHeight / 2;
  const within = (v: number) => Math.min(1, Math.max(0, v));
  return { x: within((x - picture.left) / picture.width), y: within((y - picture.top) / picture.height) };
}

/** Scrolls the stage so that `point` of the picture is at its middle. */
function centre(stage: HTMLElement, image: HTMLElement, point: Point) {
  const view = stage.getBoundingClientRect();
  const picture = image.getBoundingClientRect();
  const left = picture.left - view.left + stage.scrollLeft;
  const top = picture.top - view.top + stage.scrollTop;
  stage.scrollLeft = left + point.x * picture.width - stage.clientWidth / 2;
  stage.scrollTop = top + point.y * picture.height - stage.clientHeight / 2;
}

/**
 * Full-screen viewer of the originals (a modal <dialog>): ← and → move between images, + and −
 * (or a click on the image) zoom, 0 fits it again, Escape closes and focus returns to the opener.
 */
export function ImageViewer({ images, start, onClose }: Props) {
  // Opened once and never closed from a cleanup: leaving the DOM ends the modal state.
  const dialog = useModalDialog(true);
  const [index, setIndex] = useState(start);
  const [zoom, setZoom] = useState(0);
  const image = images[index];
  // Zooming keeps the middle of the view in the middle (a click: the point clicked), rather than
  // leaving the view at the picture's top left corner.
  const stage = useRef<HTMLDivElement>(null);
  const keep = useRef<Point>({ x: 0.5, y: 0.5 });
  const picture = useRef<HTMLImageElement>(null);
  useLayoutEffect(() => {
    if (stage.current && picture.current && zoom > 0) centre(stage.current, picture.current, keep.current);
  }, [zoom]);

  const go = (step: number) => {
    setIndex((i) => (i + step + images.length) % images.length);
    setZoom(0);
  };
  const zoomBy = (step: number, at?: MouseEvent) => {
    if (stage.current && picture.current) keep.current = pointOf(stage.current, picture.current, at);
    setZoom(Math.min(ZOOMS.length - 1, Math.max(0, zoom + step)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    const actions: Record<string, () => void> = {
      ArrowRight: () => go(1),
      ArrowLeft: () => go(-1),
      "+": () => zoomBy(1),
      "=": () => zoomBy(1),
      "-": () => zoomBy(-1),
      "0": () => setZoom(0),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  if (!image) return null;
  const scale = ZOOMS[zoom] ?? 1;
  return (
    <dialog
      ref={dialog}
      className={styles.viewer}
      aria-label={`Image ${index + 1} of ${images.length}`}
      onClose={onClose}
      onKeyDown={onKeyDown}
      data-testid="image-viewer"
    >
      <div className={styles.toolbar}>
        <span className={styles.counter} aria-live="polite">
          {/* Relative to the fitted picture: a percentage would read as the image's own pixels, which it is not on a small screen. */}
          {index + 1} / {images.length} · {zoom === 0 ? "Fit" : `${scale}×`}
        </span>
        <button type="button" className={styles.tool} onClick={() => zoomBy(-1)} disabled={zoom === 0} aria-label="Zoom out">
          −
        </button>
        <button
          type="button"
          className={styles.tool}
          onClick={() => zoomBy(1)}
          disabled={zoom === ZOOMS.length - 1}
          aria-label="Zoom in"
        >
          +
        </button>
        {images.length > 1 && (
          <>
            <button type="button" className={styles.tool} onClick={() => go(-1)} aria-label="Previous image">
              ←
            </button>
            <button type="button" className={styles.tool} onClick={() => go(1)} aria-label="Next image">
              →
            </button>
          </>
        )}
        <button type="button" className={styles.tool} onClick={onClose} aria-label="Close viewer">
          ✕
        </button>
      </div>
      <div ref={stage} className={styles.stage} data-zoomed={zoom > 0}>
        {/* biome-ignore lint/performance/noImgElement: the original, as stored, is what the viewer is for */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the click is a mouse shortcut; + and − do the same from the keyboard (the dialog handles keys) */}
        <img
          ref={picture}
          key={image.url}
          src={image.url}
          alt={image.alt}
          width={image.width ?? undefined}
          height={image.height ?? undefined}
          className={styles.image}
          style={zoom > 0 ? zoomedSize(image, scale) : undefined}
          onClick={(event) => (zoom > 0 ? setZoom(0) : zoomBy(1, event))}
          data-testid="viewer-image"
          data-zoom={scale}
        />
      </div>
    </dialog>
  );
}
