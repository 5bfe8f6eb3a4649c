import { z } from "zod";
import { modelKeys } from "@/lib/replicate/models";
import { type CreateGroupBody, MAX_GROUP_SIZE } from "@/shared/generation-view";

export const MAX_CREATE_GROUP_BODY_BYTES = 32 * 1024;

const model = z.enum(modelKeys, { error: `Must be one of: ${modelKeys.join(", ")}` });
const input = z.record(z.string(), z.unknown(), { error: "Must be an object" });
const idempotencyKey = z
  .string({ error: "Must be text" })
  .regex(/^[A-Za-z0-9_-]{8,120}$/, { error: "Must be 8-120 letters, digits, - or _" })
  .optional();
const strict = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys?.join(", ")}` : "Must be a JSON object",
};

export const createGroupBody = z.discriminatedUnion(
  "kind",
  [
    z.strictObject(
      {
        kind: z.literal("variations"),
        model,
        count: z
          .number({ error: "Must be a number" })
          .int({ error: "Must be a whole number" })
          .min(2, { error: "Must be at least 2" })
          .max(MAX_GROUP_SIZE, { error: `Must be at most ${MAX_GROUP_SIZE}` }),
        input,
        idempotencyKey,
      },
      strict,
    ),
    z.strictObject(
      {
        kind: z.literal("compare"),
        models: z
          .array(model, { error: "Must be a list of models" })
          .min(2, { error: "Choose at least 2 models" })
          .max(MAX_GROUP_SIZE, { error: `Choose at most ${MAX_GROUP_SIZE} models` })
          .refine((keys) => new Set(keys).size === keys.length, { error: "Each model at most once" }),
        input,
        idempotencyKey,
      },
      strict,
    ),
  ],
  { error: 'Must be "variations" or "compare"' },
) satisfies z.ZodType<CreateGroupBody>;
