import { describe, expect, it } from "vitest";
import {
  createNonce,
  FILE_CSP,
  pageContentSecurityPolicy,
  RESOURCE_CSP,
  responseKind,
} from "../../src/lib/security/content-security-policy";
import { downloadName, storedFileHeaders } from "../../src/lib/security/file-headers";
import { COMMON_HEADERS, HSTS, STATIC_SOURCES, securityHeaderRules } from "../../src/lib/security/static-headers";

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split("; ").map((d) => {
      const [name = "", ...sources] = d.split(" ");
      return [name, sources];
    }),
  );

describe("the page CSP", () => {
  it("runs only scripts carrying this request's nonce, in production with no unsafe-* at all", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc123==", dev: false }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(
      Object.values(policy)
        .flat()
        .filter((s) => s.startsWith("'unsafe-")),
    ).toEqual([]);
    expect(policy).toMatchObject({
      "default-src": ["'self'"],
      "img-src": ["'self'", "data:", "blob:", "https://*.public.blob.vercel-storage.com"],
      "connect-src": ["'self'", "https://vercel.com/api/blob/", "https://*.public.blob.vercel-storage.com"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("adds only what `next dev` needs in development: eval for scripts, inline styles for its overlay", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "n", dev: true }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    // A nonce would make browsers ignore 'unsafe-inline', so the dev style-src has none.
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("gets a fresh 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("which policy a path gets", () => {
  it.each([
    ["/", "page"],
    ["/admin", "page"],
    ["/generations/gen_1", "page"],
    ["/no-such-page", "page"],
    ["/apis", "page"],
    ["/api", "api"],
    ["/api/generations", "api"],
    ["/api/admin/summary", "api"],
    ["/api/files", "file"],
    ["/api/files/generations/g/0.png", "file"],
    ["/api/filesystem", "api"],
  ])("%s → %s", (path, kind) => {
    expect(responseKind(path)).toBe(kind);
  });

  it("lets nothing load from API responses or stored files, and sandboxes the files", () => {
    expect(RESOURCE_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(directives(FILE_CSP)).toMatchObject({ "default-src": ["'none'"], sandbox: [], "frame-ancestors": ["'none'"] });
    expect(FILE_CSP).not.toMatch(/script|allow-/);
  });
});

describe("stored file headers", () => {
  it.each([
    ["generations/gen_AbC-1/0.png", "gen_AbC-1-0.png"],
    ["generations/g/12.webp", "g-12.webp"],
    ['generations/"x"\r\n/0.png', "_x___-0.png"],
    ["../../etc/passwd", "etc-passwd"],
    ["", "image"],
  ])("%j downloads as %j", (key, name) => {
    expect(downloadName(key)).toBe(name);
  });

  it("are inline, sandboxed and never sniffed", () => {
    expect(storedFileHeaders("generations/g/0.png")).toEqual({
      "content-disposition": 'inline; filename="g-0.png"',
      "content-security-policy": FILE_CSP,
      "x-content-type-options": "nosniff",
    });
  });
});

describe("headers for every response (next.config.ts)", () => {
  it("cover every path, give the proxy-skipped static files the resource CSP, HSTS only in production over https", () => {
    const dev = securityHeaderRules({ production: false });
    const prod = securityHeaderRules({ production: true });
    expect(dev.find((r) => r.source === "/:path*" && !r.has)?.headers).toEqual(COMMON_HEADERS);
    expect(dev.flatMap((r) => r.headers).some((h) => h.key === "Strict-Transport-Security")).toBe(false);
    for (const source of STATIC_SOURCES) {
      expect(prod.find((r) => r.source === source)?.headers).toEqual([{ key: "Content-Security-Policy", value: RESOURCE_CSP }]);
    }
    const hsts = prod.find((r) => r.headers.some((h) => h.key === "Strict-Transport-Security"));
    expect(hsts?.headers).toEqual([{ key: "Strict-Transport-Security", value: HSTS }]);
    const condition = new RegExp(`^${hsts?.has?.[0]?.value}$`); // Next anchors `has` values this way
    expect(["https", "https, http", "https,https"].every((v) => condition.test(v))).toBe(true);
    expect(["http", "http, https", "xhttps"].some((v) => condition.test(v))).toBe(false);
    expect(hsts?.has?.[0]?.key).toBe("x-forwarded-proto");
  });

  it("send nosniff, the referrer policy, DENY framing and a restrictive Permissions-Policy", () => {
    const headers = Object.fromEntries(COMMON_HEADERS.map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    const features = (headers["Permissions-Policy"] ?? "").split(", ");
    expect(features).toEqual(expect.arrayContaining(["camera=()", "microphone=()", "geolocation=()", "clipboard-write=(self)"]));
    expect(features.filter((f) => !f.endsWith("=()"))).toEqual(["clipboard-write=(self)"]);
  });
});
