import fc from "fast-check";
import type { SchemaProperty } from "../../src/lib/replicate/catalogue/schema-properties";

// fast-check generators read off schemas: values a JSON Schema property accepts (the app's
// published `inputSchema`), and values a model's own schema refuses (its snapshot).

export type JsonSchemaProperty = {
  type?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
};

/** Values the property accepts. Text lengths stay within maxLength in UTF-16 units and in code points. */
export function acceptedValue(p: JsonSchemaProperty): fc.Arbitrary<unknown> {
  if (p.enum) return fc.constantFrom(...p.enum);
  switch (p.type) {
    case "boolean":
      return fc.boolean();
    case "integer": {
      const step = p.multipleOf ?? 1;
      const low = Math.ceil((p.minimum ?? -1e6) / step);
      const high = Math.floor((p.maximum ?? 1e6) / step);
      return fc.oneof(
        fc.constantFrom(low * step, high * step),
        fc.integer({ min: low, max: high }).map((k) => k * step),
      );
    }
    case "number": {
      const min = p.minimum ?? -1e6;
      const max = p.maximum ?? 1e6;
      return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case "string": {
      // File inputs: web URLs (which one is the caller's own is checked at create, not here).
      if (p.format === "uri") return fc.webUrl({ withQueryParameters: true, withFragments: true });
      const max = p.maxLength ?? 200;
      const text = fc.oneof(
        fc.string({ minLength: p.minLength ?? 0, maxLength: max }),
        fc.string({ unit: "grapheme", minLength: p.minLength ?? 0, maxLength: Math.floor(max / 4) }),
      );
      return p.pattern ? text.filter((s) => new RegExp(p.pattern as string, "u").test(s)) : text;
    }
    default:
      throw new Error(`no generator for ${JSON.stringify(p)}`);
  }
}

/** Values the model's own schema refuses for this input: wrong types, out of bounds, not an option. */
export function refusedValue(p: SchemaProperty): fc.Arbitrary<unknown> {
  const wrongType: unknown[] = [[], {}, ...(p.nullable ? [] : [null])];
  if (p.type !== "string") wrongType.push("12", "");
  if (p.type !== "boolean") wrongType.push(true);
  if (p.type === "string" || p.type === "boolean") wrongType.push(3, 0.5);
  if (p.type === "integer") wrongType.push(1.5, -0.25);
  const choices: fc.Arbitrary<unknown>[] = [fc.constantFrom(...wrongType)];
  if (p.kind === "file") choices.push(fc.constantFrom("not a url", "cat.png", "http://exa mple.com/x.png"));
  if (p.kind === "enum") {
    const options = (p.options ?? []).map(String);
    choices.push(fc.string({ maxLength: 12 }).filter((s) => !options.includes(s)));
  }
  if (p.type === "integer" || p.type === "number") {
    const whole = p.type === "integer";
    if (p.minimum !== undefined) {
      choices.push(
        fc.integer({ min: 1, max: 1000 }).map((d) => (whole ? (p.minimum as number) - d : (p.minimum as number) - d / 7)),
      );
    }
    if (p.maximum !== undefined) {
      choices.push(
        fc.integer({ min: 1, max: 1000 }).map((d) => (whole ? (p.maximum as number) + d : (p.maximum as number) + d / 7)),
      );
    }
  }
  return fc.oneof(...choices);
}
