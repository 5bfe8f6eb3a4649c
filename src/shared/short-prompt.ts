/** A prompt in one line of at most `max` characters (spaces collapsed, "…" where it was cut): a tab title, a message. */
export function shortPrompt(prompt: unknown, max = 60): string {
  const raw = typeof prompt === "string" ? prompt.trim().replace(/\s+/g, " ") : "";
  return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
}
