import "server-only";
import { fieldsInUse } from "@/shared/model-form";
import { validationError } from "../errors";
import { inputSchema, type ModelEntry } from "../replicate/models";

/**
 * A model's input as it runs: checked by the model's schema (a 400 naming the field otherwise),
 * its defaults filled in, and without the settings that do not apply with the values chosen (a
 * refiner's with no refiner: `shownWhen`), as the form leaves them out. Inputs the form does not
 * offer are kept as the schema left them.
 */
export function checkedInput(model: ModelEntry, raw: unknown): Record<string, unknown> {
  const schema = inputSchema(model.key);
  if (!schema) throw new Error(`no input schema for ${model.key}`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, "input");
  const offered = new Set(model.fields.map((f) => f.name));
  const inUse = new Set(fieldsInUse(model.fields, parsed.data).map((f) => f.name));
  return Object.fromEntries(Object.entries(parsed.data).filter(([name]) => !offered.has(name) || inUse.has(name)));
}
