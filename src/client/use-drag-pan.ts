"use client";

import "client-only";
import { type MouseEvent, type PointerEvent, type RefObject, useRef, useState } from "react";

/** How far (px) the pointer moves, button down, before a press is a drag rather than a click. */
const DRAG_SLOP = 4;

type Drag = { id: number; x: number; y: number; left: number; top: number; moved: boolean };

/**
 * Dragging the scrolling `stage` with a mouse or pen moves what it shows, like a hand on paper,
 * while `enabled` (zoomed). Touch is left to the browser, whose own scrolling of the stage already
 * follows the finger. A press that moved is a drag, not a click: the click that ends it is
 * swallowed before it reaches the picture (which would zoom). Spread `handlers` on the stage;
 * `dragging` is for the cursor.
 */
export function useDragPan(stage: RefObject<HTMLElement | null>, enabled: boolean) {
  const drag = useRef<Drag | null>(null);
  const dragged = useRef(false);
  const [dragging, setDragging] = useState(false);

  const end = (event: PointerEvent<HTMLElement>) => {
    if (drag.current?.id !== event.pointerId) return;
    drag.current = null;
    setDragging(false);
  };

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    dragged.current = false;
    const el = stage.current;
    if (!enabled || !el || event.pointerType === "touch" || event.button !== 0) return;
    // A press on the stage's own scroll bars is theirs.
    const view = el.getBoundingClientRect();
    if (event.clientX - view.left >= el.clientWidth || event.clientY - view.top >= el.clientHeight) return;
    drag.current = {
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      left: el.scrollLeft,
      top: el.scrollTop,
      moved: false,
    };
  };

  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const now = drag.current;
    const el = stage.current;
    if (!now || !el || now.id !== event.pointerId) return;
    if (event.buttons === 0) return end(event); // released where we did not hear it
    const dx = event.clientX - now.x;
    const dy = event.clientY - now.y;
    if (!now.moved) {
      if (Math.hypot(dx, dy) < DRAG_SLOP) return;
      now.moved = true;
      dragged.current = true;
      // Keeps the drag going when the pointer leaves the window.
      el.setPointerCapture(event.pointerId);
      setDragging(true);
    }
    el.scrollLeft = now.left - dx;
    el.scrollTop = now.top - dy;
  };

  const onClickCapture = (event: MouseEvent<HTMLElement>) => {
    if (!dragged.current) return;
    dragged.current = false;
    event.stopPropagation();
    event.preventDefault();
  };

  return { dragging, handlers: { onPointerDown, onPointerMove, onPointerUp: end, onPointerCancel: end, onClickCapture } };
}
