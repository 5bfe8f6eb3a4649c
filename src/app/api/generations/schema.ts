import { z } from "zod";
import { modelKeys } from "@/lib/replicate/models";
import { MAX_GALLERY_QUERY } from "@/shared/gallery-filters";
import { statusFilters } from "@/shared/generation-status";
import type { CreateGenerationBody } from "@/shared/generation-view";

export const MAX_CREATE_BODY_BYTES = 32 * 1024;

export const createGenerationBody = z.strictObject(
  {
    model: z.enum(modelKeys, { error: `Must be one of: ${modelKeys.join(", ")}` }),
    input: z.record(z.string(), z.unknown(), { error: "Must be an object" }),
    idempotencyKey: z
      .string({ error: "Must be text" })
      .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: "Must be 8-128 letters, digits, - or _" })
      .optional(),
  },
  {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : "Must be a JSON object"),
  },
) satisfies z.ZodType<CreateGenerationBody>;

const emptyAsUndefined = (value: unknown) => (value === null || value === "" ? undefined : value);
const flag = z.preprocess(emptyAsUndefined, z.enum(["true", "false"], { error: "Must be true or false" }).optional());

export const listGenerationsQuery = z
  .object({
    cursor: z.string().max(200).nullable(),
    limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(100).default(24),
    q: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .trim()
        .max(MAX_GALLERY_QUERY, { error: `Must be at most ${MAX_GALLERY_QUERY} characters` })
        .optional(),
    ),
    model: z.preprocess(emptyAsUndefined, z.enum(modelKeys, { error: `Must be one of: ${modelKeys.join(", ")}` }).optional()),
    status: z.preprocess(
      emptyAsUndefined,
      z.enum(statusFilters, { error: `Must be one of: ${statusFilters.join(", ")}` }).optional(),
    ),
    favourite: flag,
    hideFailed: flag,
  })
  // A status already says which to show, so hideFailed counts only without one, as in the gallery's
  // address (src/shared/gallery-filters.ts): `status=failed&hideFailed=true` lists the failures.
  .transform(({ cursor, limit, favourite, hideFailed, q, ...filters }) => ({
    cursor,
    limit,
    filters: {
      ...filters,
      q: q || undefined,
      favourite: favourite === "true",
      hideFailed: hideFailed === "true" && !filters.status,
    },
  }));

/** GET /api/generations/:id?wait=<etag>: hold the answer until the generation's ETag differs. */
export const pollQuery = z.object({
  wait: z.string().min(1, { error: "Must be an ETag" }).max(100, { error: "Must be an ETag" }).optional(),
});

/** GET /api/generations's query from its parameters (the route's, or the studio page's own first read). */
export function listQueryFrom(params: URLSearchParams) {
  return listGenerationsQuery.safeParse({
    cursor: params.get("cursor"),
    limit: params.get("limit") ?? undefined,
    q: params.get("q"),
    model: params.get("model"),
    status: params.get("status"),
    favourite: params.get("favourite"),
    hideFailed: params.get("hideFailed"),
  });
}
