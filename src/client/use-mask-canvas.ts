"use client";

import { useEffect, useRef, useState } from "react";
import { MaskCanvas } from "./mask-canvas";

type Size = { width: number; height: number };

/**
 * The mask painter's canvas over `imageUrl`: its size once the image has loaded (null before),
 * and the MaskCanvas on it. A mask already in the form when the canvas is made (settings loaded
 * by Edit) is drawn on it, so what is seen is what runs; if it cannot be read, or the image
 * changes (a mask does not fit another picture), `clear` empties the field instead.
 */
export function useMaskCanvas(imageUrl: string, value: string, clear: () => void) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mask = useRef<MaskCanvas | null>(null);
  const [size, setSize] = useState<Size | null>(null);
  const current = useRef({ value, clear });
  current.current = { value, clear };

  const lastImage = useRef(imageUrl);
  useEffect(() => {
    setSize(null);
    mask.current = null;
    if (lastImage.current !== imageUrl) {
      lastImage.current = imageUrl;
      if (current.current.value) current.current.clear();
    }
    if (!imageUrl) return;
    const img = new Image();
    img.onload = () => setSize({ width: img.naturalWidth, height: img.naturalHeight });
    img.src = imageUrl;
  }, [imageUrl]);

  useEffect(() => {
    if (!size || !canvasRef.current) return;
    const canvas = new MaskCanvas(canvasRef.current);
    mask.current = canvas;
    const saved = current.current.value;
    if (!saved) return;
    const img = new Image();
    img.crossOrigin = "anonymous";
    // Not over strokes painted while it loaded.
    img.onload = () => {
      if (mask.current === canvas && !canvas.canUndo()) canvas.load(img);
    };
    img.onerror = () => {
      if (mask.current === canvas && current.current.value === saved) current.current.clear();
    };
    img.src = saved;
  }, [size]);

  return { canvasRef, mask, size };
}
