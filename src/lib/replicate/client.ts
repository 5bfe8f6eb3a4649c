import "server-only";
import Replicate from "replicate";
import { env, replicateBaseUrl } from "../env";

// The one Replicate client. Created lazily (the SDK captures `fetch` when constructed) and
// pointed at the bundled emulator when no REPLICATE_API_TOKEN is set.

const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The SDK re-sends a POST that got 429 or a network error up to five more times at once.
 * For a create that can mean duplicate, paid predictions, so a non-GET request goes out at
 * most once: repeats of the same call (the SDK reuses its `init` object) get the first answer.
 */
export function sendNonGetOnce(inner: typeof fetch): typeof fetch {
  const sent = new WeakMap<object, Promise<Response>>();
  return (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    if (method === "GET" || !init) return inner(input, init);
    const previous = sent.get(init);
    if (previous) return previous;
    const attempt = inner(input, init);
    sent.set(init, attempt);
    return attempt;
  };
}

function createClient(): Replicate {
  const config = env();
  const baseUrl = replicateBaseUrl();
  const noStoreFetch: typeof fetch = (input, init) =>
    globalThis.fetch(input, {
      ...init,
      // Never let Next's fetch cache answer for Replicate.
      cache: "no-store",
      signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  return new Replicate({
    // The emulator accepts any non-empty token.
    auth: config.REPLICATE_API_TOKEN ?? "local-emulator",
    ...(baseUrl ? { baseUrl } : {}),
    fetch: sendNonGetOnce(noStoreFetch),
  });
}

const globalForReplicate = globalThis as typeof globalThis & { __replicate?: Replicate };

export function replicate(): Replicate {
  globalForReplicate.__replicate ??= createClient();
  return globalForReplicate.__replicate;
}
