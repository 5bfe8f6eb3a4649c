import { z } from "zod";
import { statusFilters } from "@/shared/generation-status";

// Request schemas of the admin API. Field names in errors match the query/body names.

export const MAX_ADMIN_BODY_BYTES = 16 * 1024;
export const MAX_CANCEL_IDS = 100;

export const signInBody = z.object(
  { password: z.string({ error: "Required" }).min(1, { error: "Required" }).max(1024, { error: "Too long" }) },
  { error: "Must be a JSON object" },
);

const emptyAsUndefined = (v: unknown) => (v === null || v === "" ? undefined : v);
const text = (max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .max(max, { error: `At most ${max} characters` })
      .optional(),
  );

/** `2025-06-01` (a whole UTC day) or a full ISO timestamp. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateParam = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v)), {
      error: "Must be a date (YYYY-MM-DD) or an ISO timestamp",
    })
    .optional(),
);

export const listAdminGenerationsQuery = z
  .object({
    status: z.preprocess(
      emptyAsUndefined,
      z.enum(statusFilters, { error: `Must be one of: ${statusFilters.join(", ")}` }).optional(),
    ),
    model: text(100),
    owner: text(100),
    q: text(200),
    from: dateParam,
    to: dateParam,
    cursor: z.preprocess(emptyAsUndefined, z.string().max(300).optional()),
    limit: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "Must be a number" }).int().min(1).max(100).default(50)),
  })
  .transform(({ from, to, ...rest }) => ({
    ...rest,
    from: from ? new Date(DAY.test(from) ? `${from}T00:00:00Z` : from) : undefined,
    // A bare day in `to` includes that whole day.
    to: to ? new Date(DAY.test(to) ? Date.parse(`${to}T00:00:00Z`) + 86_400_000 : Date.parse(to)) : undefined,
  }));

const id = z.string().min(1).max(100);

export const cancelAdminGenerationsBody = z
  .strictObject(
    {
      ids: z
        .array(id, { error: "Must be a list of generation ids" })
        .min(1, { error: "Name at least one id" })
        .max(MAX_CANCEL_IDS, { error: `At most ${MAX_CANCEL_IDS} ids at once` })
        .optional(),
      allRunning: z.literal(true, { error: "Must be true" }).optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : "Must be a JSON object",
    },
  )
  .refine((body) => (body.ids === undefined) !== (body.allRunning === undefined), {
    error: 'Send either "ids" or "allRunning": true',
    path: ["ids"],
  });
