// Text PostgreSQL cannot store: NUL (text and jsonb refuse it) and unpaired UTF-16 surrogates
// (no UTF-8 form; JSON.parse makes them from "\ud800"). What clients send is refused with a 400
// (src/lib/http/input-hygiene.ts); what Replicate sends (logs, errors) is cleaned instead, since
// refusing a signed webhook would only make Replicate retry it forever.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Why `text` cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "Must not contain NUL characters";
  if (LONE_SURROGATE.test(text)) return "Must be valid Unicode text (no unpaired surrogates)";
  return null;
}

/** `text` with NUL removed and unpaired surrogates replaced by U+FFFD, so it can be stored. */
export function storableText(text: string): string {
  return textProblem(text) === null ? text : text.replaceAll("\u0000", "").replace(LONE_SURROGATES, "\uFFFD");
}
