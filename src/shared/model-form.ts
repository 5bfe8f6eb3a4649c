// What a browser needs to render a model's form, and nothing more (no versions, no prices).
// A model's inputs are declared once as fields (src/lib/replicate/models.ts); the server derives
// its request schema from them (src/lib/replicate/input-fields.ts) and the page its form.

type FieldBase = { name: string; label: string; help?: string; advanced?: boolean };

export type InputField =
  | (FieldBase & { kind: "text"; required?: boolean; maxLength: number; multiline?: boolean; placeholder?: string })
  | (FieldBase & { kind: "enum"; options: readonly string[]; default: string })
  | (FieldBase & { kind: "integer"; min: number; max: number; default: number; step?: number })
  | (FieldBase & { kind: "number"; min: number; max: number; default: number; step: number })
  | (FieldBase & { kind: "boolean"; default: boolean })
  | (FieldBase & { kind: "seed" });

/** The largest seed the models accept (a signed 32-bit integer); seeds start at 1. */
export const MAX_SEED = 2_147_483_647;

export type ModelFormSpec = {
  /** The catalogue key the browser sends. */
  key: string;
  label: string;
  description: string;
  fields: readonly InputField[];
};
