import { beforeAll, describe, expect, it } from "vitest";

// assertSameOrigin compares whole origins (scheme, host and port), not host names.

let assertSameOrigin: (request: Request) => void;

beforeAll(async () => {
  // env() is read once: set APP_URL before anything imports it.
  process.env.APP_URL = "https://studio.example.com";
  ({ assertSameOrigin } = await import("../../src/lib/http/origin"));
});

function verdict(url: string, headers: Record<string, string>): "allowed" | "forbidden" {
  try {
    assertSameOrigin(new Request(url, { method: "POST", headers }));
    return "allowed";
  } catch (error) {
    expect(error).toMatchObject({ code: "forbidden" });
    return "forbidden";
  }
}

describe("the origin check, app reached directly at http://127.0.0.1:3000", () => {
  const direct = (origin: string) => verdict("http://127.0.0.1:3000/api/generations", { host: "127.0.0.1:3000", origin });

  it.each([
    ["http://127.0.0.1:3000", "allowed"],
    ["HTTP://127.0.0.1:3000", "allowed"],
    ["https://127.0.0.1:3000", "forbidden"], // scheme
    ["http://127.0.0.1:3001", "forbidden"], // port
    ["http://127.0.0.1", "forbidden"], // default port is another port
    ["http://localhost:3000", "forbidden"], // host
    ["https://127.0.0.1:3000.evil.example", "forbidden"],
    ["null", "forbidden"],
    ["file://", "forbidden"],
    ["not a url", "forbidden"],
    ["https://studio.example.com", "allowed"], // APP_URL's origin
    ["https://studio.example.com:443", "allowed"], // the same origin, spelled with its default port
    ["http://studio.example.com", "forbidden"], // APP_URL's host over another scheme
    ["https://studio.example.com:8443", "forbidden"], // APP_URL's host on another port
  ])("Origin %s is %s", (origin, expected) => {
    expect(direct(origin)).toBe(expected);
  });

  it("lets non-browser clients (no Origin) through, but not a browser's cross-site request", () => {
    expect(verdict("http://127.0.0.1:3000/api/generations", { host: "127.0.0.1:3000" })).toBe("allowed");
    expect(verdict("http://127.0.0.1:3000/api/generations", { "sec-fetch-site": "cross-site" })).toBe("forbidden");
  });
});

describe("the origin check behind a TLS-terminating proxy", () => {
  // What Next hands a route behind a proxy: its own URL, plus the proxy's X-Forwarded-* headers.
  const proxied = (origin: string, proto = "https") =>
    verdict("http://10.0.0.7:3000/api/generations", {
      host: "10.0.0.7:3000",
      "x-forwarded-host": "images.example.org",
      "x-forwarded-proto": proto,
      origin,
    });

  it.each([
    ["https://images.example.org", "https", "allowed"],
    ["https://images.example.org", "https, http", "allowed"], // the first hop is what the browser used
    ["http://images.example.org", "https", "forbidden"],
    ["https://images.example.org:8443", "https", "forbidden"],
    ["https://images.example.org", "http", "forbidden"],
    ["http://10.0.0.7:3000", "https", "allowed"], // the app's own listening address
    ["https://evil.example", "https", "forbidden"],
  ])("Origin %s with X-Forwarded-Proto %s is %s", (origin, proto, expected) => {
    expect(proxied(origin, proto)).toBe(expected);
  });
});
