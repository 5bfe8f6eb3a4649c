import { Readable } from "node:stream";
import { mediaType } from "./keys";

// Downloads one prediction output for copying into our storage. The URL comes from a webhook
// body, so it is untrusted: we only ever connect to allow-listed hosts, follow few redirects,
// and bound both the time and the bytes we spend on it.

export type OutputFetchReason =
  | "host_not_allowed"
  | "http_status"
  | "not_image"
  | "too_large"
  | "timeout"
  | "redirect_refused"
  | "network";

export class OutputFetchError extends Error {
  readonly reason: OutputFetchReason;
  /** The HTTP status for `http_status` (404/410 usually mean the file has expired). */
  readonly status?: number;

  constructor(reason: OutputFetchReason, message: string, extra: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = "OutputFetchError";
    this.reason = reason;
    this.status = extra.status;
  }
}

export type FetchOutputOptions = {
  /** `replicate.delivery` (https, that host and its subdomains) or an exact origin (`http://127.0.0.1:4010`). */
  allowedHosts: readonly string[];
  timeoutMs: number;
  maxBytes: number;
};

export type FetchedOutput = { body: Readable; contentType: string };

const MAX_REDIRECTS = 3;

export function isAllowedOutputUrl(url: URL, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    if (entry.includes("://")) return URL.canParse(entry) && new URL(entry).origin === url.origin;
    const host = entry.toLowerCase();
    // A bare host means https on the default port only.
    return url.protocol === "https:" && url.port === "" && (url.hostname === host || url.hostname.endsWith(`.${host}`));
  });
}

export async function fetchOutput(sourceUrl: string, options: FetchOutputOptions): Promise<FetchedOutput> {
  const { allowedHosts, timeoutMs, maxBytes } = options;
  const first = URL.canParse(sourceUrl) ? new URL(sourceUrl) : undefined;
  if (!first || !isAllowedOutputUrl(first, allowedHosts)) {
    throw new OutputFetchError("host_not_allowed", `Output URL host is not allowed: ${sourceUrl}`);
  }
  let url: URL = first;
  // One deadline for connecting, redirects and the whole body, enforced by aborting the fetch.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const networkError = (cause: unknown) =>
    timedOut
      ? new OutputFetchError("timeout", `Output download timed out after ${timeoutMs} ms`, { cause })
      : new OutputFetchError("network", `Output download failed: ${String(cause)}`, { cause });

  try {
    for (let redirects = 0; ; redirects++) {
      let response: Response;
      try {
        // no-store: Next's patched fetch must never cache a download.
        response = await fetch(url, {
          redirect: "manual",
          signal: controller.signal,
          headers: { accept: "image/*" },
          cache: "no-store",
        });
      } catch (error) {
        throw networkError(error);
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get("location");
        const next: URL | undefined = location && URL.canParse(location, url) ? new URL(location, url) : undefined;
        // Checked before the next request, so a redirect can never reach a host we refuse.
        if (!next || redirects >= MAX_REDIRECTS || !isAllowedOutputUrl(next, allowedHosts)) {
          throw new OutputFetchError("redirect_refused", `Refused redirect from ${url} to ${location ?? "(none)"}`);
        }
        url = next;
        continue;
      }
      if (!response.ok || !response.body) {
        throw new OutputFetchError("http_status", `Output download answered ${response.status}`, {
          status: response.status,
        });
      }
      const contentType = mediaType(response.headers.get("content-type") ?? "");
      if (!contentType.startsWith("image/")) {
        throw new OutputFetchError("not_image", `Output is not an image (${contentType || "no content type"})`);
      }
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        throw new OutputFetchError("too_large", `Output is ${declared} bytes, over the ${maxBytes} byte limit`);
      }
      return { body: guardBody(response.body, { maxBytes, controller, timer, networkError }), contentType };
    }
  } catch (error) {
    clearTimeout(timer);
    controller.abort();
    throw error;
  }
}

/**
 * The body as a Node stream that reads only when its consumer does (so it cannot fail before
 * the caller has attached listeners) and fails once past maxBytes or the deadline.
 */
function guardBody(
  body: ReadableStream<Uint8Array>,
  ctx: {
    maxBytes: number;
    controller: AbortController;
    timer: NodeJS.Timeout;
    networkError: (cause: unknown) => Error;
  },
): Readable {
  const reader = body.getReader();
  let seen = 0;
  let ended = false;
  return new Readable({
    read() {
      reader.read().then(
        ({ done, value }) => {
          if (done) {
            ended = true;
            this.push(null);
            return;
          }
          seen += value.byteLength;
          if (seen > ctx.maxBytes) {
            this.destroy(new OutputFetchError("too_large", `Output passed the ${ctx.maxBytes} byte limit while streaming`));
          } else {
            this.push(value);
          }
        },
        (error: unknown) => this.destroy(ctx.networkError(error)),
      );
    },
    // However the stream ends (read fully, failed, or dropped by the consumer), stop the
    // clock and release the connection.
    destroy(error, callback) {
      clearTimeout(ctx.timer);
      if (!ended) {
        ctx.controller.abort();
        reader.cancel().catch(() => undefined);
      }
      callback(error);
    },
  });
}
