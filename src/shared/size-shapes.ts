import type { InputField } from "./model-form";

// Picture shapes for a model that takes a width and a height: one press sets both to a size the
// model takes (within its limits, a multiple of its step) with about the pixels of its default
// size, so a wide or tall picture costs and takes about what a square one does.

export type SizeShape = { label: string; name: string; across: number; down: number };

/** From the tallest to the widest, the square in the middle. */
export const SIZE_SHAPES: readonly SizeShape[] = [
  { label: "9:16", name: "Tall 9:16", across: 9, down: 16 },
  { label: "2:3", name: "Portrait 2:3", across: 2, down: 3 },
  { label: "4:5", name: "Portrait 4:5", across: 4, down: 5 },
  { label: "1:1", name: "Square 1:1", across: 1, down: 1 },
  { label: "5:4", name: "Landscape 5:4", across: 5, down: 4 },
  { label: "3:2", name: "Landscape 3:2", across: 3, down: 2 },
  { label: "16:9", name: "Wide 16:9", across: 16, down: 9 },
];

type Dimension = Extract<InputField, { kind: "integer" }>;
export type SizeFields = { width: Dimension; height: Dimension };
export type Size = { width: number; height: number };

/** The model's width and height fields, when it has both as whole numbers. */
export function sizeFieldsOf(fields: readonly InputField[]): SizeFields | null {
  const find = (name: string) => fields.find((f): f is Dimension => f.name === name && f.kind === "integer");
  const width = find("width");
  const height = find("height");
  return width && height ? { width, height } : null;
}

/** The nearest value the field takes: within its limits and a multiple of its step. */
function snap(field: Dimension, value: number): number {
  const step = field.multipleOf ?? 1;
  const least = Math.ceil(field.min / step) * step;
  const most = Math.floor(field.max / step) * step;
  return Math.min(most, Math.max(least, Math.round(value / step) * step));
}

/** The size for a shape: about the default's pixel count, both sides as the model takes them. */
export function sizeFor(shape: SizeShape, { width, height }: SizeFields): Size {
  const pixels = (width.default ?? 1024) * (height.default ?? 1024);
  const ratio = shape.across / shape.down;
  let w = Math.sqrt(pixels * ratio);
  let h = Math.sqrt(pixels / ratio);
  // A side past its limit: shrink both, so the shape holds rather than the pixel count.
  const over = Math.max(w / width.max, h / height.max, 1);
  w /= over;
  h /= over;
  return { width: snap(width, w), height: snap(height, h) };
}

/** The shape whose size the form holds now, if any. */
export function shapeOf(size: Size, fields: SizeFields): SizeShape | null {
  return (
    SIZE_SHAPES.find((shape) => {
      const s = sizeFor(shape, fields);
      return s.width === size.width && s.height === size.height;
    }) ?? null
  );
}
