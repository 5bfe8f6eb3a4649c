"use client";

import "client-only";
import { type RefObject, useEffect, useRef } from "react";
import type { ScreenPlace } from "./viewer-geometry";

/** Wheel travel (px) per zoom step: one notch of a mouse wheel (100 px in Chromium, 120 on some). */
const STEP_TRAVEL = 50;
/** A pause (ms) this long starts a new gesture: travel left over from the last one is dropped. */
const GESTURE_GAP = 250;

/**
 * Ctrl + wheel over `target` calls `zoom(+1 | −1, where)` instead of zooming the page: a mouse
 * wheel's notch is one step, and a trackpad's pinch (which browsers send as Ctrl + wheel, in many
 * small deltas) steps each time it has travelled as far as a notch. The listener is not passive,
 * so it can cancel the page zoom. `zoom` may change on every render; the newest one is called.
 */
export function useWheelZoom(target: RefObject<HTMLElement | null>, zoom: (step: 1 | -1, at: ScreenPlace) => void) {
  const latest = useRef(zoom);
  useEffect(() => {
    latest.current = zoom;
  });
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    let travel = 0;
    let last = Number.NEGATIVE_INFINITY;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 40 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 800 : 1;
      const delta = event.deltaY * unit;
      if (event.timeStamp - last > GESTURE_GAP || Math.sign(delta) !== Math.sign(travel)) travel = 0;
      last = event.timeStamp;
      travel += delta;
      if (Math.abs(travel) < STEP_TRAVEL) return;
      latest.current(travel < 0 ? 1 : -1, event);
      travel = 0;
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [target]);
}
