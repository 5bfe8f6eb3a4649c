"use client";

import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useDragPan } from "@/client/use-drag-pan";
import { useModalDialog } from "@/client/use-modal-dialog";
import { useWheelZoom } from "@/client/use-wheel-zoom";
import {
  keepInView,
  type PicturePoint,
  panByKey,
  pointOf,
  type ScreenPlace,
  type ViewerImage,
  zoomedSize,
} from "@/client/viewer-geometry";
import styles from "./image-viewer.module.css";
import { ImageViewerToolbar } from "./image-viewer-toolbar";

type Props = { images: ViewerImage[]; start: number; onClose: () => void };

const ZOOMS = [1, 1.5, 2, 3] as const;

/** What the keys and the pointer do now (shown, and read as the stage's description). */
function hintFor(zoomed: boolean, several: boolean) {
  if (zoomed)
    return "Drag or arrow keys to move (Shift: further) · Ctrl + wheel or + − to zoom · a click or 0 to fit · Esc to close";
  return `${several ? "← → other images · " : ""}a click, + or Ctrl + wheel to zoom, then drag or arrow keys to move · Esc to close`;
}

/**
 * Full-screen viewer of the originals (a modal <dialog>): ← and → move between images, + and −
 * (or a click on the image, or Ctrl + wheel) zoom, 0 fits it again, Escape closes and focus
 * returns to the opener. Zoomed, the arrows and a drag move around the picture instead.
 */
export function ImageViewer({ images, start, onClose }: Props) {
  // Opened once and never closed from a cleanup: leaving the DOM ends the modal state.
  const dialog = useModalDialog(true);
  const [index, setIndex] = useState(start);
  const [zoom, setZoom] = useState(0);
  const image = images[index];
  const hintId = useId();
  // Zooming keeps the middle of the view in the middle (a click: the point clicked; a wheel: the
  // point under the pointer, where it was), rather than leaving the view at the top left corner.
  const stage = useRef<HTMLElement>(null);
  const keep = useRef<{ point: PicturePoint; at?: ScreenPlace }>({ point: { x: 0.5, y: 0.5 } });
  const picture = useRef<HTMLImageElement>(null);
  useLayoutEffect(() => {
    if (stage.current && picture.current && zoom > 0)
      keepInView(stage.current, picture.current, keep.current.point, keep.current.at);
  }, [zoom]);
  // Focus starts on the stage, described by the keys' instructions. Effects run in the order they
  // are declared: this one after useModalDialog's showModal (a closed dialog's content cannot take focus).
  useEffect(() => stage.current?.focus(), []);

  const go = (step: number) => {
    setIndex((i) => (i + step + images.length) % images.length);
    setZoom(0);
  };
  /** `at`: the point of the picture there is kept (in the middle, or there too if `stay`). */
  const zoomBy = (step: number, at?: ScreenPlace, stay = false) => {
    if (stage.current && picture.current)
      keep.current = { point: pointOf(stage.current, picture.current, at), at: stay ? at : undefined };
    setZoom((z) => Math.min(ZOOMS.length - 1, Math.max(0, z + step)));
  };
  useWheelZoom(dialog, (step, at) => zoomBy(step, at, true));
  const pan = useDragPan(stage, zoom > 0);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Alt + ← is the browser's Back, and so on: modified arrows are left to it.
    if (event.key.startsWith("Arrow") && (event.altKey || event.ctrlKey || event.metaKey)) return;
    // Zoomed, the arrows move around the picture; fitted, ← and → change it.
    if (zoom > 0 && stage.current && panByKey(stage.current, event.key, event.shiftKey)) {
      event.preventDefault();
      return;
    }
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
      <ImageViewerToolbar
        position={`${index + 1} / ${images.length}`}
        zoom={zoom === 0 ? "Fit" : `${scale}×`}
        canZoomOut={zoom > 0}
        canZoomIn={zoom < ZOOMS.length - 1}
        several={images.length > 1}
        onZoom={(step) => zoomBy(step)}
        onGo={go}
        onClose={onClose}
      />
      {/* Focusable (a scrolling region must be), and the keys' target: its description says what they do. */}
      <section
        ref={stage}
        className={styles.stage}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so its keys can be used and described
        tabIndex={0}
        aria-label="Picture"
        aria-describedby={hintId}
        data-zoomed={zoom > 0}
        data-dragging={pan.dragging}
        data-testid="viewer-stage"
        {...pan.handlers}
      >
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
          draggable={false}
          onClick={(event) => (zoom > 0 ? setZoom(0) : zoomBy(1, event))}
          data-testid="viewer-image"
          data-zoom={scale}
        />
      </section>
      <p id={hintId} className={styles.hint} data-testid="viewer-hint">
        {hintFor(zoom > 0, images.length > 1)}
      </p>
    </dialog>
  );
}
