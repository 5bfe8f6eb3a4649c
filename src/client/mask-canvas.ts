import "client-only";

// The inpainting mask as the painter keeps it: one canvas the size of the image, strokes in
// opaque white on transparent (erasing clears back to transparent), an undo stack of snapshots.
// Exported, it is what SDXL expects: the same size as the image, white = repaint, black = keep.

const UNDO_LIMIT = 30;

export class MaskCanvas {
  private readonly undo: ImageData[] = [];
  private last: { x: number; y: number } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  private get ctx(): CanvasRenderingContext2D {
    // Every stroke reads the canvas back (its undo step): a CPU-backed canvas reads fast.
    const ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2D canvas");
    return ctx;
  }

  /** Starts a stroke (an undo step) with a dot at (x, y), in image pixels. */
  begin(x: number, y: number, size: number, erase: boolean): void {
    const { width, height } = this.canvas;
    this.undo.push(this.ctx.getImageData(0, 0, width, height));
    if (this.undo.length > UNDO_LIMIT) this.undo.shift();
    this.last = { x, y };
    this.to(x, y, size, erase);
  }

  /** Continues the stroke to (x, y). */
  to(x: number, y: number, size: number, erase: boolean): void {
    const ctx = this.ctx;
    const from = this.last ?? { x, y };
    ctx.globalCompositeOperation = erase ? "destination-out" : "source-over";
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = size;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(x + 0.01, y); // a zero-length line draws no round cap in some browsers
    ctx.stroke();
    this.last = { x, y };
  }

  end(): void {
    this.last = null;
  }

  canUndo(): boolean {
    return this.undo.length > 0;
  }

  undoLast(): void {
    const previous = this.undo.pop();
    if (previous) this.ctx.putImageData(previous, 0, 0);
  }

  clear(): void {
    const { width, height } = this.canvas;
    this.undo.push(this.ctx.getImageData(0, 0, width, height));
    this.ctx.clearRect(0, 0, width, height);
  }

  /**
   * Paints a saved mask (white = repaint, black = keep, as toPng makes it) as the starting state:
   * its brightness becomes the strokes' opacity. An undo step, like any edit.
   */
  load(mask: CanvasImageSource): void {
    const { width, height } = this.canvas;
    const ctx = this.ctx;
    this.undo.push(ctx.getImageData(0, 0, width, height));
    ctx.globalCompositeOperation = "source-over";
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(mask, 0, 0, width, height);
    const pixels = ctx.getImageData(0, 0, width, height);
    const { data } = pixels;
    for (let i = 0; i < data.length; i += 4) {
      const light = Math.max(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0);
      data[i] = 255;
      data[i + 1] = 255;
      data[i + 2] = 255;
      data[i + 3] = Math.round((light * (data[i + 3] ?? 255)) / 255);
    }
    ctx.putImageData(pixels, 0, 0);
  }

  /** Whether anything is painted (any pixel not fully transparent). */
  isEmpty(): boolean {
    const { data } = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
    return true;
  }

  /** The mask as a PNG: black background, the painted strokes white. */
  toPng(): Promise<Blob> {
    const out = document.createElement("canvas");
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const ctx = out.getContext("2d");
    if (!ctx) return Promise.reject(new Error("no 2D canvas"));
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(this.canvas, 0, 0);
    return new Promise((resolve, reject) =>
      out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("could not encode the mask"))), "image/png"),
    );
  }
}
