"use client";

import styles from "./image-viewer.module.css";

type Props = {
  /** "2 / 3" */
  position: string;
  /** "Fit" or "1.5×" */
  zoom: string;
  canZoomOut: boolean;
  canZoomIn: boolean;
  /** More than one image: the previous and next buttons are shown. */
  several: boolean;
  onZoom: (step: 1 | -1) => void;
  onGo: (step: 1 | -1) => void;
  onClose: () => void;
};

/** The full-screen viewer's top bar: where we are and how far zoomed (announced), and its buttons. */
export function ImageViewerToolbar({ position, zoom, canZoomOut, canZoomIn, several, onZoom, onGo, onClose }: Props) {
  return (
    <div className={styles.toolbar}>
      <span className={styles.counter} aria-live="polite">
        {/* Relative to the fitted picture: a percentage would read as the image's own pixels, which it is not on a small screen. */}
        {position} · {zoom}
      </span>
      <button type="button" className={styles.tool} onClick={() => onZoom(-1)} disabled={!canZoomOut} aria-label="Zoom out">
        −
      </button>
      <button type="button" className={styles.tool} onClick={() => onZoom(1)} disabled={!canZoomIn} aria-label="Zoom in">
        +
      </button>
      {several && (
        <>
          <button type="button" className={styles.tool} onClick={() => onGo(-1)} aria-label="Previous image">
            ←
          </button>
          <button type="button" className={styles.tool} onClick={() => onGo(1)} aria-label="Next image">
            →
          </button>
        </>
      )}
      <button type="button" className={styles.tool} onClick={onClose} aria-label="Close viewer">
        ✕
      </button>
    </div>
  );
}
