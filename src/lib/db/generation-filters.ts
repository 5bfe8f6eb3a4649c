import { eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import { activeStatuses, type StatusFilter } from "@/shared/generation-status";
import { generations } from "./schema";

// The conditions an owner's list (owner-list-queries.ts) and the admin list (admin-queries.ts) both narrow
// generations by, spelled once so both stay served by the same indexes.

/** The prompt, spelled as the trigram index generations_prompt_trgm is built on. */
export const promptText = sql<string | null>`${generations.input}->>'prompt'`;

/** LIKE pattern text matching `text` literally (its %, _ and \ escaped). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The prompt contains `q` (case-insensitive, literal). */
export const promptContains = (q: string): SQL => ilike(promptText, `%${escapeLike(q)}%`);

/** One status, or "active": any status not yet ended. */
export const statusIs = (filter: StatusFilter): SQL =>
  filter === "active" ? inArray(generations.status, [...activeStatuses]) : eq(generations.status, filter);
