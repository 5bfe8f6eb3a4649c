import { randomInt } from "node:crypto";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadModelCatalogue } from "../../src/emulator/snapshots";
import { fieldErrorsFromZod } from "../../src/lib/errors";
import type { SchemaProperty } from "../../src/lib/replicate/catalogue/schema-properties";
import { inputSchema, type ModelEntry, modelSpecViews, models } from "../../src/lib/replicate/models";
import { acceptedValue, type JsonSchemaProperty, refusedValue } from "../helpers/schema-arbitraries";

// Property-based: inputs generated from each model's schemas are accepted or refused alike by the
// app (its zod validation, and the JSON Schema GET /api/models publishes) and by the emulator
// (Ajv against the pinned version's own schema, as Replicate validates). Values the app's
// overlay tightens are the one intended difference: the app refuses them, naming the field, and
// the model would have accepted them. PROPERTY_SEED replays a run; the seed is printed.

const seed = Number(process.env.PROPERTY_SEED ?? randomInt(2 ** 31));
console.log(`validation parity: PROPERTY_SEED=${seed}`);
const runs = { seed, numRuns: 150 };

const catalogue = loadModelCatalogue();
const published = new Map(modelSpecViews().map((v) => [v.key, v.inputSchema]));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv, ["uri"]);

type Choice = { kind: "omit" } | { kind: "ok"; value: unknown } | { kind: "bad"; value?: unknown };

function judges(model: ModelEntry) {
  const target = model.target;
  const served = catalogue.find(target.owner, target.name);
  if (!served) throw new Error(`the emulator does not serve ${target.owner}/${target.name}`);
  const schema = inputSchema(model.key);
  const publishedSchema = published.get(model.key) as Record<string, unknown>;
  const checkPublished = ajv.compile(publishedSchema);
  return {
    publishedSchema,
    app(input: Record<string, unknown>) {
      const result = schema?.safeParse(input);
      const names = result?.success
        ? []
        : fieldErrorsFromZod(result?.error as never, "input").map((f) => f.path.replace(/^input\.?/, ""));
      return { ok: result?.success === true, data: result?.success ? result.data : {}, names: [...new Set(names)].sort() };
    },
    published: (input: Record<string, unknown>) => checkPublished(structuredClone(input)),
    emulator(input: Record<string, unknown>) {
      const result = served.validateInput(input);
      if (result.ok) return { ok: true, values: result.values, names: [] as string[] };
      const names = result.fields.map((f) =>
        f.type === "required" ? (f.description.split(" ")[0] ?? "") : f.field.replace(/^input\./, ""),
      );
      return { ok: false, values: {}, names: [...new Set(names)].sort() };
    },
  };
}

/** Per offered input: left out, a value the app accepts, or one the model's own schema refuses. */
function inputs(model: ModelEntry, publishedSchema: Record<string, unknown>) {
  const props = publishedSchema.properties as Record<string, JsonSchemaProperty>;
  const required = new Set(publishedSchema.required as string[]);
  const shape: Record<string, fc.Arbitrary<Choice>> = {};
  for (const field of model.fields) {
    const property = model.properties.find((p) => p.name === field.name) as SchemaProperty;
    const options: fc.WeightedArbitrary<Choice>[] = [
      { arbitrary: acceptedValue(props[field.name] ?? {}).map((value) => ({ kind: "ok" as const, value })), weight: 6 },
      { arbitrary: refusedValue(property).map((value) => ({ kind: "bad" as const, value })), weight: 1 },
    ];
    // Left out: fine unless required; a refusal on both sides when the model itself requires it.
    if (!required.has(field.name)) options.push({ arbitrary: fc.constant({ kind: "omit" as const }), weight: 2 });
    else if (property.required) options.push({ arbitrary: fc.constant({ kind: "bad" as const }), weight: 1 });
    shape[field.name] = fc.oneof(...options);
  }
  return fc.record(shape).map((choices) => {
    const input: Record<string, unknown> = {};
    const bad: string[] = [];
    for (const [name, choice] of Object.entries(choices)) {
      if (choice.kind === "bad") bad.push(name);
      if (choice.kind !== "omit" && !(choice.kind === "bad" && !("value" in choice))) input[name] = choice.value;
    }
    return { input, bad: bad.sort() };
  });
}

/** A change the model accepts but the app's overlay does not (`value` undefined: leave the input out). */
type Tightened = { name: string; value?: unknown; path: string };

function tightened(model: ModelEntry): fc.Arbitrary<Tightened> {
  const cases: fc.Arbitrary<Tightened>[] = [];
  const set = (name: string, value: fc.Arbitrary<unknown>) =>
    cases.push(value.map((v) => ({ name, value: v, path: `input.${name}` })));
  for (const field of model.fields) {
    const p = model.properties.find((x) => x.name === field.name) as SchemaProperty;
    if (field.kind === "integer" || field.kind === "seed" || field.kind === "number") {
      const whole = field.kind !== "number";
      const below = p.minimum === undefined ? field.min - 1000 : p.minimum;
      const above = p.maximum === undefined ? field.max + 1000 : p.maximum;
      if (below < field.min) set(field.name, whole ? fc.integer({ min: below, max: field.min - 1 }) : fc.constant(below));
      if (above > field.max) set(field.name, whole ? fc.integer({ min: field.max + 1, max: above }) : fc.constant(above));
    }
    if (field.kind === "integer" && field.multipleOf) {
      const { min, max, multipleOf } = field;
      set(
        field.name,
        fc.integer({ min, max }).filter((v) => v % multipleOf !== 0),
      );
    }
    if (field.kind === "text") {
      set(
        field.name,
        fc.integer({ min: 1, max: 50 }).map((extra) => "x".repeat(field.maxLength + extra)),
      );
      if (field.required) set(field.name, fc.constantFrom(" ", "\n\t ", ""));
      if (field.required && !p.required) cases.push(fc.constant({ name: field.name, path: `input.${field.name}` }));
    }
    // An image tool needs its image although the model alone would run without one.
    if (field.kind === "image" && field.required && !p.required) {
      cases.push(fc.constant({ name: field.name, path: `input.${field.name}` }));
    }
  }
  // Inputs the overlay hides, and names the model does not have: refused whole ("Unknown input").
  for (const name of model.hidden) {
    const p = model.properties.find((x) => x.name === name) as SchemaProperty;
    const fallback = p.type === "string" ? "x" : p.type === "boolean" ? true : p.type === "integer" ? 1 : 0.5;
    cases.push(
      fc.constant({ name, value: p.kind === "file" ? "https://example.com/in.png" : (p.default ?? fallback), path: "input" }),
    );
  }
  cases.push(fc.constant({ name: "secret_knob", value: 1, path: "input" }));
  return fc.oneof(...cases);
}

describe.each(models.map((m) => [m.key, m] as const))("%s", (_key, model) => {
  const judge = judges(model);

  it("app, published schema and emulator accept and refuse alike, naming the same fields", () => {
    fc.assert(
      fc.property(inputs(model, judge.publishedSchema), ({ input, bad }) => {
        const app = judge.app(input);
        const emulator = judge.emulator(input);
        expect(judge.published(input)).toBe(app.ok);
        expect({ app: app.ok, emulator: emulator.ok }).toEqual({ app: bad.length === 0, emulator: bad.length === 0 });
        expect(app.names).toEqual(bad);
        expect(emulator.names).toEqual(bad);
        // Accepted: the defaults the app fills in are the model's own.
        for (const [name, value] of Object.entries(app.data)) expect(emulator.values[name], name).toEqual(value);
      }),
      runs,
    );
  });

  it("what the overlay tightens, only the app refuses (naming the field); the model would accept it", () => {
    const valid = inputs(model, judge.publishedSchema).filter(({ bad }) => bad.length === 0);
    fc.assert(
      fc.property(valid, tightened(model), ({ input }, { name, value, path }) => {
        const changed = structuredClone(input);
        if (value === undefined) delete changed[name];
        else changed[name] = value;
        const app = judge.app(changed);
        expect(app.ok).toBe(false);
        expect(app.names.map((n) => (n ? `input.${n}` : "input"))).toContain(path);
        expect(judge.published(changed)).toBe(false);
        expect(judge.emulator(changed).ok).toBe(true);
      }),
      runs,
    );
  });
});
