import { z } from "zod";
import { deletedFilters } from "@/shared/admin-views";
import { statusFilters } from "@/shared/generation-status";
import { MAX_INSTANT, parseIsoDate } from "@/shared/iso-date";

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

/**
 * `2025-06-01` (a whole UTC day) or a full ISO timestamp with a zone, checked strictly: a real
 * calendar day within the years 0001-9999 (src/shared/iso-date.ts), so nothing PostgreSQL
 * refuses (February 30, year 0000, year 275760) gets past the 400.
 */
const dateParam = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .max(40, { error: "Must be a date (YYYY-MM-DD) or an ISO timestamp" })
    .transform((v, ctx) => {
      const parsed = parseIsoDate(v);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: "Must be a real date (YYYY-MM-DD) or an ISO timestamp, years 0001-9999" });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
);

const DAY_MS = 86_400_000;

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
    deleted: z.preprocess(
      emptyAsUndefined,
      z.enum(deletedFilters, { error: `Must be one of: ${deletedFilters.join(", ")}` }).optional(),
    ),
    cursor: z.preprocess(emptyAsUndefined, z.string().max(300).optional()),
    limit: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "Must be a number" }).int().min(1).max(100).default(50)),
  })
  .transform(({ from, to, ...rest }) => ({
    ...rest,
    from: from?.at,
    // A bare day in `to` includes that whole day (the last representable day ends at MAX_INSTANT).
    to: to ? new Date(to.wholeDay ? Math.min(to.at.getTime() + DAY_MS, MAX_INSTANT) : to.at.getTime()) : undefined,
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
