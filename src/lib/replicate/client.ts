import "server-only";
import Replicate from "replicate";
import { env, replicateBaseUrl } from "../env";

// The one Replicate client. Created lazily (the SDK captures `fetch` when constructed) and
// pointed at the bundled emulator when no REPLICATE_API_TOKEN is set.

/** GETs and cancels; the create has its own deadline (REPLICATE_CREATE_TIMEOUT_SECONDS). */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The SDK repeats a call that got 429 or a network error (and a GET that got a 5xx) up to five
 * more times, back to back: its backoff never sleeps. For a create that can mean duplicate, paid
 * predictions; for the reconciler's GET a burst of six exactly when Replicate struggles. So every
 * call goes out once: repeats of the same call (the SDK reuses its `init` object) get the first
 * answer, and the caller decides when to ask again (the reconciler: next interval).
 */
export function sendEachCallOnce(inner: typeof fetch): typeof fetch {
  const sent = new WeakMap<object, Promise<Response>>();
  return (input, init) => {
    if (!init) return inner(input, init);
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
    fetch: sendEachCallOnce(noStoreFetch),
  });
}

const globalForReplicate = globalThis as typeof globalThis & { __replicate?: Replicate };

export function replicate(): Replicate {
  globalForReplicate.__replicate ??= createClient();
  return globalForReplicate.__replicate;
}
