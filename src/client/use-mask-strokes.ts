"use client";

import { type KeyboardEvent, type PointerEvent, type RefObject, useRef, useState } from "react";
import type { MaskCanvas } from "./mask-canvas";

const KEYS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

type Options = {
  mask: RefObject<MaskCanvas | null>;
  /** The image's size in pixels (null until it has loaded). */
  size: { width: number; height: number } | null;
  brush: number;
  erase: boolean;
  /** A stroke began: the mask differs from the one used. */
  onStroke: () => void;
};

/**
 * Strokes on the mask canvas from a pointer (mouse, pen, touch) or the keyboard (arrow keys move
 * the brush, Shift faster; Space held paints), in image pixels. `cursor` is where the brush is;
 * `handlers` go on the canvas.
 */
export function useMaskStrokes({ mask, size, brush, erase, onStroke }: Options) {
  const [cursor, setCursor] = useState({ x: 0, y: 0 });
  const painting = useRef(false);

  const toImage = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = (size?.width ?? 1) / rect.width;
    return { x: (event.clientX - rect.left) * scale, y: (event.clientY - rect.top) * scale };
  };
  const begin = (p: { x: number; y: number }) => {
    painting.current = true;
    mask.current?.begin(p.x, p.y, brush, erase);
    onStroke();
  };
  const end = () => {
    painting.current = false;
    mask.current?.end();
  };
  const moveTo = (p: { x: number; y: number }) => {
    setCursor(p);
    if (painting.current) mask.current?.to(p.x, p.y, brush, erase);
  };

  const handlers = {
    onPointerDown: (event: PointerEvent<HTMLCanvasElement>) => {
      event.currentTarget.setPointerCapture(event.pointerId);
      const p = toImage(event);
      setCursor(p);
      begin(p);
    },
    onPointerMove: (event: PointerEvent<HTMLCanvasElement>) => moveTo(toImage(event)),
    onPointerUp: end,
    onPointerCancel: end,
    onKeyDown: (event: KeyboardEvent<HTMLCanvasElement>) => {
      if (!size) return;
      if (event.key === " ") {
        event.preventDefault();
        if (!painting.current) begin(cursor);
        return;
      }
      const move = KEYS[event.key];
      if (!move) return;
      event.preventDefault();
      const step = Math.max(4, brush / 2) * (event.shiftKey ? 4 : 1);
      moveTo({
        x: Math.min(size.width, Math.max(0, cursor.x + move[0] * step)),
        y: Math.min(size.height, Math.max(0, cursor.y + move[1] * step)),
      });
    },
    onKeyUp: (event: KeyboardEvent<HTMLCanvasElement>) => {
      if (event.key === " ") end();
    },
  };
  return { cursor, setCursor, handlers };
}
