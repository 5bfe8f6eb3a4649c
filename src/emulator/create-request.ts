import type { InvalidField } from "./errors";
import { isPlainObject, jsonTypeOf } from "./http-utils";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./prediction-store";

// Checks the top-level body of a create call the way Replicate's JSON schema does: unknown keys
// are rejected, and a bad webhook or events filter is a 422 like any other field.

export type CreateBody = {
  version: string | null;
  input: unknown;
  webhook: string | null;
  events: ReadonlySet<WebhookEvent>;
};

const ENUM_TEXT = WEBHOOK_EVENTS.map((e) => JSON.stringify(e)).join(", ");
const isEvent = (value: unknown): value is WebhookEvent => WEBHOOK_EVENTS.includes(value as WebhookEvent);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function parseCreateBody(
  body: unknown,
  withVersion: boolean,
): { ok: true; body: CreateBody } | { ok: false; fields: InvalidField[] } {
  if (!isPlainObject(body)) {
    const description = `Invalid type. Expected: object, given: ${jsonTypeOf(body)}`;
    return { ok: false, fields: [{ type: "invalid_type", field: "(root)", description }] };
  }
  const fields: InvalidField[] = [];
  const add = (type: string, field: string, description: string) => fields.push({ type, field, description });
  const allowed = ["input", "webhook", "webhook_events_filter", "stream"];
  if (withVersion) allowed.push("version");
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      add("additional_property_not_allowed", "(root)", `Additional property ${key} is not allowed`);
    }
  }
  const required = withVersion ? ["version", "input"] : ["input"];
  for (const key of required) {
    if (body[key] === undefined) add("required", "(root)", `${key} is required`);
  }
  const { version, webhook, webhook_events_filter: filter, stream } = body;
  if (version !== undefined && typeof version !== "string") {
    add("invalid_type", "version", `Invalid type. Expected: string, given: ${jsonTypeOf(version)}`);
  }
  if (webhook !== undefined && (typeof webhook !== "string" || !isHttpUrl(webhook))) {
    add("format", "webhook", "Does not match format 'uri'");
  }
  if (filter !== undefined && !Array.isArray(filter)) {
    add("invalid_type", "webhook_events_filter", `Invalid type. Expected: array, given: ${jsonTypeOf(filter)}`);
  }
  if (Array.isArray(filter)) {
    filter.forEach((value, i) => {
      const field = `webhook_events_filter.${i}`;
      if (!isEvent(value)) add("enum", field, `${field} must be one of the following: ${ENUM_TEXT}`);
    });
  }
  if (stream !== undefined && typeof stream !== "boolean") {
    add("invalid_type", "stream", `Invalid type. Expected: boolean, given: ${jsonTypeOf(stream)}`);
  }
  if (fields.length > 0) return { ok: false, fields };
  return {
    ok: true,
    body: {
      version: typeof version === "string" ? version : null,
      input: body.input,
      webhook: typeof webhook === "string" ? webhook : null,
      // Replicate's default when no filter is sent is undocumented; we send every event.
      events: new Set(Array.isArray(filter) ? filter.filter(isEvent) : WEBHOOK_EVENTS),
    },
  };
}

/** `Prefer: wait` → 60 s, `Prefer: wait=N` → N s (1-60); null when the caller does not wait. */
export function preferWaitSeconds(header: string | undefined): number | null {
  const match = /(?:^|[\s,;])wait(?:=(\d+))?(?:$|[\s,;])/i.exec(header ?? "");
  if (!match) return null;
  const seconds = match[1] === undefined ? 60 : Number(match[1]);
  return Math.min(60, Math.max(1, seconds));
}
