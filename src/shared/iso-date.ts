// Strict ISO 8601 dates for query parameters and cursors. `Date.parse` is lenient: it accepts
// February 30 (rolled into March), year 0000 and years up to 275760, none of which PostgreSQL
// takes, so a lenient parse let a bad date reach the database as a 500. Here a date must name a
// real calendar day and an instant both JavaScript and PostgreSQL can represent.

/** The instants any date parameter may name: the years 0001 to 9999, in UTC. */
/** 0001-01-01T00:00:00Z (Date.UTC would read year 1 as 1901). */
export const MIN_INSTANT = -62_135_596_800_000;
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `2025-06-01` as the UTC midnight starting that day; null unless it is a real calendar day. */
export function parseIsoDay(text: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDay(year, month, day)) return null;
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day); // not Date.UTC, which maps years 0-99 to 1900-1999
  return inRange(at);
}

/**
 * `2025-06-01T12:30Z`, `…:45.123456+02:00`: a full timestamp with a zone. Every field must be in
 * its range (no hour 24, no second 60, no offset past ±23:59) and the instant within the years
 * 0001-9999. Fractions beyond milliseconds are accepted and truncated.
 */
export function parseIsoTimestamp(text: string): Date | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isCalendarDay(year as number, month as number, day as number)) return null;
  if ((hour as number) > 23 || (minute as number) > 59 || second > 59) return null;
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const [h, mm] = zone.slice(1).split(":").map(Number) as [number, number];
    if (h > 23 || mm > 59) return null;
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (h * 60 + mm);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const at = new Date(0);
  at.setUTCFullYear(year as number, (month as number) - 1, day as number);
  at.setUTCHours(hour as number, minute as number, second, millis);
  return inRange(new Date(at.getTime() - offsetMinutes * 60_000));
}

/** A bare day or a full timestamp (the admin filters take either). */
export function parseIsoDate(text: string): { at: Date; wholeDay: boolean } | null {
  const day = parseIsoDay(text);
  if (day) return { at: day, wholeDay: true };
  const at = parseIsoTimestamp(text);
  return at ? { at, wholeDay: false } : null;
}

function inRange(at: Date): Date | null {
  const t = at.getTime();
  return Number.isFinite(t) && t >= MIN_INSTANT && t <= MAX_INSTANT ? at : null;
}
