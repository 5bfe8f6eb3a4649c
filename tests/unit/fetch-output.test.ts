import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchOutput, isAllowedOutputUrl, OutputFetchError } from "@/lib/storage/fetch-output";
import { fakePng, type ImageHost, startImageHost } from "../helpers/image-host";

const png = fakePng(64, 32, 5000);
let allowed: ImageHost;
let other: ImageHost;

beforeAll(async () => {
  other = await startImageHost((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(png));
  allowed = await startImageHost((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const hops = url.pathname.match(/^\/hop\/(\d+)$/);
    if (url.pathname === "/ok.png") res.writeHead(200, { "content-type": "image/png; charset=binary" }).end(png);
    else if (url.pathname === "/text") res.writeHead(200, { "content-type": "text/html" }).end("<html>");
    else if (url.pathname === "/declared-big")
      res.writeHead(200, { "content-type": "image/png", "content-length": "9000" }).end(Buffer.alloc(9000));
    else if (url.pathname === "/streamed-big") {
      res.writeHead(200, { "content-type": "image/png" }); // chunked: no content-length
      for (let i = 0; i < 9; i++) res.write(Buffer.alloc(1000));
      res.end();
    } else if (url.pathname === "/slow-body") {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(png.subarray(0, 100)); // then stalls
    } else if (url.pathname === "/slow-headers") {
      // never answers
    } else if (url.pathname === "/to-other") res.writeHead(302, { location: `${other.origin}/ok.png` }).end();
    else if (url.pathname === "/relative") res.writeHead(301, { location: "/ok.png" }).end();
    else if (hops) {
      const n = Number(hops[1]);
      res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : "/ok.png" }).end();
    } else res.writeHead(404, { "content-type": "text/plain" }).end("gone");
  });
});

afterAll(async () => {
  await Promise.all([allowed.close(), other.close()]);
});

// A generous deadline where the host answers at once (a loaded machine must not fail them);
// the stall tests pass a short one.
const options = (timeoutMs = 10_000) => ({ allowedHosts: ["replicate.delivery", allowed.origin], timeoutMs, maxBytes: 6000 });

async function failure(promise: Promise<unknown>): Promise<OutputFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputFetchError);
  return error as OutputFetchError;
}

describe("isAllowedOutputUrl", () => {
  const list = ["replicate.delivery", "http://127.0.0.1:4010"];
  it.each([
    ["https://replicate.delivery/a.png", true],
    ["https://pbxt.replicate.delivery/a/b.png", true],
    ["http://replicate.delivery/a.png", false],
    ["https://replicate.delivery:8443/a.png", false],
    ["https://evilreplicate.delivery/a.png", false],
    ["https://replicate.delivery.evil.com/a.png", false],
    ["https://replicate.delivery@evil.com/a.png", false],
    ["http://127.0.0.1:4010/files/a.png", true],
    ["https://127.0.0.1:4010/files/a.png", false],
    ["http://127.0.0.1:4011/files/a.png", false],
    ["http://localhost:4010/files/a.png", false],
  ])("%s → %s", (url, expected) => {
    expect(isAllowedOutputUrl(new URL(url), list)).toBe(expected);
  });
});

describe("fetchOutput", () => {
  it("streams an image from an allowed origin", async () => {
    const { body, contentType } = await fetchOutput(`${allowed.origin}/ok.png`, options());
    expect(contentType).toBe("image/png");
    expect((await buffer(body)).equals(png)).toBe(true);
  });

  it("never contacts a host that is not allowed", async () => {
    const error = await failure(fetchOutput(`${other.origin}/ok.png`, options()));
    expect(error.reason).toBe("host_not_allowed");
    expect((await failure(fetchOutput("not a url", options()))).reason).toBe("host_not_allowed");
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a redirect to a host that is not allowed, without following it", async () => {
    const error = await failure(fetchOutput(`${allowed.origin}/to-other`, options()));
    expect(error.reason).toBe("redirect_refused");
    expect(other.requests).toHaveLength(0);
  });

  it("follows up to 3 allowed redirects, and refuses a 4th", async () => {
    const { body } = await fetchOutput(`${allowed.origin}/hop/3`, options()); // 3 redirects in all
    expect((await buffer(body)).length).toBe(png.length);
    const relative = await fetchOutput(`${allowed.origin}/relative`, options());
    expect((await buffer(relative.body)).length).toBe(png.length);
    expect((await failure(fetchOutput(`${allowed.origin}/hop/4`, options()))).reason).toBe("redirect_refused");
  });

  it("refuses a response that is not an image", async () => {
    expect((await failure(fetchOutput(`${allowed.origin}/text`, options()))).reason).toBe("not_image");
  });

  it("reports the status of a failed download (404 = expired)", async () => {
    const error = await failure(fetchOutput(`${allowed.origin}/missing.png`, options()));
    expect(error.reason).toBe("http_status");
    expect(error.status).toBe(404);
  });

  it("refuses a declared Content-Length over the limit", async () => {
    expect((await failure(fetchOutput(`${allowed.origin}/declared-big`, options()))).reason).toBe("too_large");
  });

  it("fails the stream when an undeclared body passes the limit", async () => {
    const { body } = await fetchOutput(`${allowed.origin}/streamed-big`, options());
    expect((await failure(buffer(body))).reason).toBe("too_large");
  });

  it("times out waiting for headers", async () => {
    expect((await failure(fetchOutput(`${allowed.origin}/slow-headers`, options(500)))).reason).toBe("timeout");
  });

  it("times out a body that stalls", async () => {
    const { body } = await fetchOutput(`${allowed.origin}/slow-body`, options(500));
    expect((await failure(buffer(body))).reason).toBe("timeout");
  });

  it("reports a refused connection as a network error", async () => {
    const dead = await startImageHost(() => undefined);
    await dead.close();
    const error = await failure(fetchOutput(`${dead.origin}/a.png`, { ...options(), allowedHosts: [dead.origin] }));
    expect(error.reason).toBe("network");
  });
});
