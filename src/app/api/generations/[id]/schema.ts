import { z } from "zod";

export const MAX_PATCH_BODY_BYTES = 1024;

export const patchGenerationBody = z.strictObject(
  { favourite: z.boolean({ error: "Must be true or false" }) },
  {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : "Must be a JSON object"),
  },
);
