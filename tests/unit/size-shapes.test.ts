import { randomInt } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputSchema, models } from "../../src/lib/replicate/models";
import type { InputField } from "../../src/shared/model-form";
import { SIZE_SHAPES, type SizeFields, shapeOf, sizeFieldsOf, sizeFor } from "../../src/shared/size-shapes";

// The form's Shape buttons: each sets a width and height the model's own schema accepts, close to
// the shape asked for and to the default's pixel count, and the form can tell which shape it
// holds. PROPERTY_SEED replays the random part; the seed is printed.

const seed = Number(process.env.PROPERTY_SEED ?? randomInt(2 ** 31));
console.log(`size shapes: PROPERTY_SEED=${seed}`);

type Dimension = SizeFields["width"];
const sized = models.flatMap((m) => {
  const fields = sizeFieldsOf(m.fields);
  return fields ? [[m.key, fields] as const] : [];
});

function expectTakes(field: Dimension, value: number) {
  expect(Number.isInteger(value), `${field.name} ${value}`).toBe(true);
  expect(value).toBeGreaterThanOrEqual(field.min);
  expect(value).toBeLessThanOrEqual(field.max);
  if (field.multipleOf) expect(value % field.multipleOf, `${field.name} ${value}`).toBe(0);
}

describe("shapes for the catalogue's models", () => {
  it("are offered to every model with a width and a height, and to no other", () => {
    expect(sized.map(([key]) => key).sort()).toEqual(
      models
        .filter((m) => m.fields.some((f) => f.name === "width" && !f.advanced))
        .map((m) => m.key)
        .sort(),
    );
    expect(sized.length).toBeGreaterThan(0);
  });

  it.each(sized)("%s: every shape is a size its schema accepts, near the shape and the default's pixels", (key, fields) => {
    const schema = inputSchema(key);
    const pixels = (fields.width.default ?? 1024) * (fields.height.default ?? 1024);
    const seen = new Set<string>();
    for (const shape of SIZE_SHAPES) {
      const size = sizeFor(shape, fields);
      expectTakes(fields.width, size.width);
      expectTakes(fields.height, size.height);
      expect(schema?.safeParse({ prompt: "p", width: size.width, height: size.height }).success, shape.label).toBe(true);
      const ratio = size.width / size.height / (shape.across / shape.down);
      expect(Math.abs(Math.log(ratio)), `${shape.label}: ${size.width}×${size.height}`).toBeLessThan(0.1);
      expect(size.width * size.height).toBeLessThanOrEqual(pixels * 1.1);
      expect(size.width * size.height).toBeGreaterThanOrEqual(pixels * 0.6);
      expect(shapeOf(size, fields), shape.label).toBe(shape); // each shape its own size
      seen.add(`${size.width}x${size.height}`);
    }
    expect(seen.size).toBe(SIZE_SHAPES.length);
    // The model's default size is the square.
    expect(shapeOf({ width: fields.width.default ?? 0, height: fields.height.default ?? 0 }, fields)?.label).toBe("1:1");
    expect(shapeOf({ width: Number.NaN, height: 1024 }, fields)).toBeNull();
  });
});

describe("shapes for any limits", () => {
  const dimension = (name: string) =>
    fc
      .record({
        step: fc.constantFrom(1, 8, 16, 32, 64),
        min: fc.integer({ min: 64, max: 512 }),
        span: fc.integer({ min: 256, max: 4096 }),
        base: fc.integer({ min: 256, max: 2048 }),
      })
      .map(({ step, min, span, base }): Dimension => {
        const max = min + span;
        return { kind: "integer", name, label: name, min, max, multipleOf: step, default: Math.min(max, Math.max(min, base)) };
      });

  it("always give a whole size within the limits and a multiple of the step", () => {
    fc.assert(
      fc.property(dimension("width"), dimension("height"), fc.constantFrom(...SIZE_SHAPES), (width, height, shape) => {
        const fields: SizeFields = { width, height };
        const size = sizeFor(shape, fields);
        expectTakes(width, size.width);
        expectTakes(height, size.height);
      }),
      { seed, numRuns: 500 },
    );
  });

  it("are not offered without both dimensions as whole numbers", () => {
    const width: InputField = { kind: "integer", name: "width", label: "Width", min: 256, max: 1024 };
    const heightAsText: InputField = { kind: "text", name: "height", label: "Height", maxLength: 4 };
    expect(sizeFieldsOf([width])).toBeNull();
    expect(sizeFieldsOf([width, heightAsText])).toBeNull();
  });
});
