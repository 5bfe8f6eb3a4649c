// Postgres' unique_violation (23505), whichever driver raised it and however drizzle wrapped it.
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const err = e as { code?: unknown; cause?: unknown };
    if (err.code === "23505") return true;
    e = err.cause;
  }
  return false;
}
