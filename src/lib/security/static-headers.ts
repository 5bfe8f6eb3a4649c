import { RESOURCE_CSP } from "./content-security-policy";

// Headers that are the same on every response, set by next.config.ts `headers()`: Next applies
// those before routing, so pages, API routes, static files and 404s all get them, including the
// static files the proxy skips. The per-request CSP comes from the proxy (src/proxy.ts).

type Header = { key: string; value: string };
type HeaderRule = { source: string; has?: { type: "header"; key: string; value: string }[]; headers: Header[] };

/**
 * Powerful features the app never uses, switched off for it and anything it could embed.
 * Only feature names Chromium knows (an unknown one is logged as an error on every page).
 * The UI copies nothing today; clipboard-write stays open to our own origin so a "copy" button
 * would not need a header change, and no other origin or frame gets it.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "clipboard-read=()",
  "clipboard-write=(self)",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Two years, subdomains included; not `preload`, which is a separate, hard-to-undo decision. */
export const HSTS = "max-age=63072000; includeSubDomains";

export const COMMON_HEADERS: Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors (every page's CSP also says 'none').
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
];

/** Paths the proxy skips (its matcher in src/proxy.ts): they get the resource CSP from here. */
export const STATIC_SOURCES = ["/_next/static/:path*", "/favicon.svg"];

/**
 * `production`: the build is for `next start` (HSTS is never sent by `next dev`). HSTS goes only
 * on requests that arrived over HTTPS, which for `next start` means through a TLS-terminating
 * proxy (Vercel included) that sets X-Forwarded-Proto; on plain-HTTP localhost it is left out.
 */
export function securityHeaderRules({ production }: { production: boolean }): HeaderRule[] {
  const rules: HeaderRule[] = [{ source: "/:path*", headers: COMMON_HEADERS }];
  for (const source of STATIC_SOURCES) {
    rules.push({ source, headers: [{ key: "Content-Security-Policy", value: RESOURCE_CSP }] });
  }
  if (production) {
    rules.push({
      source: "/:path*",
      has: [{ type: "header", key: "x-forwarded-proto", value: "https(\\s*,.*)?" }],
      headers: [{ key: "Strict-Transport-Security", value: HSTS }],
    });
  }
  return rules;
}
