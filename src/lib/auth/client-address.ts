import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { env } from "../env";

// The client's network address, from one trusted source, for limits keyed per client (admin
// sign-in throttling; spending limits). A header a client can set is never trusted unless
// something it cannot bypass overwrites it:
//
// 1. TRUSTED_PROXY_HEADER, when the operator names one: the header the proxy in front of the app
//    sets (e.g. nginx `proxy_set_header X-Real-IP $remote_addr`). A list takes its last entry,
//    the one the nearest proxy appended.
// 2. On Vercel (VERCEL=1): `x-vercel-forwarded-for`, which Vercel's edge sets, replacing anything
//    the client sent (its x-forwarded-for and x-real-ip carry the same address, but a proxy in
//    front of Vercel may rewrite x-forwarded-for).
// 3. Otherwise the TCP peer. Route handlers cannot see the socket, and `next start` fills
//    x-forwarded-for only when the client sent none, so a client could forge it. `npm start` and
//    `npm run dev` therefore run Next inside scripts/server.mjs, which replaces SOCKET_HEADER
//    with the socket's address on every request and marks the process (SOCKET_MARK) so this
//    module knows the header is its own. Nothing outside the process can set that mark.
// 4. None of these (e.g. bare `next start`): every client shares the address "unknown", which
//    makes per-address limits act as one global limit: stricter, never forgeable.

export const SOCKET_HEADER = "x-studio-socket-address";
/** Set on globalThis by scripts/server.mjs before Next starts; the same Symbol.for key there. */
export const SOCKET_MARK = Symbol.for("replicate-image-studio.socket-address-header");

export type AddressSource = "proxy-header" | "vercel" | "socket" | "unknown";
export type ClientAddress = {
  /** Normalised: an IPv4 address, or an IPv6 /64 (`2001:db8:1:2::/64`: one subscriber's network), or "unknown". */
  address: string;
  /** A short hash of `address` for keys in the database (22 characters). */
  key: string;
  source: AddressSource;
};

function firstOf(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}

function lastOf(header: string | null): string | undefined {
  return header?.split(",").at(-1)?.trim() || undefined;
}

function rawAddress(request: Request): { raw: string | undefined; source: AddressSource } {
  const { TRUSTED_PROXY_HEADER, VERCEL } = env();
  if (TRUSTED_PROXY_HEADER) return { raw: lastOf(request.headers.get(TRUSTED_PROXY_HEADER)), source: "proxy-header" };
  if (VERCEL) {
    const h = request.headers;
    return {
      raw: firstOf(h.get("x-vercel-forwarded-for")) ?? firstOf(h.get("x-real-ip")) ?? firstOf(h.get("x-forwarded-for")),
      source: "vercel",
    };
  }
  if ((globalThis as Record<symbol, unknown>)[SOCKET_MARK] === true)
    return { raw: request.headers.get(SOCKET_HEADER) ?? undefined, source: "socket" };
  return { raw: undefined, source: "unknown" };
}

let warned = false;

export function clientAddress(request: Request): ClientAddress {
  const { raw, source } = rawAddress(request);
  const address = raw ? normaliseAddress(raw) : null;
  if (!address && !warned && env().NODE_ENV !== "test") {
    warned = true;
    console.warn(
      `[security] no trusted client address (source: ${source}); every client counts as one address. ` +
        "Start the app with `npm start`, or set TRUSTED_PROXY_HEADER to the header your proxy sets.",
    );
  }
  const normalised = address ?? "unknown";
  return { address: normalised, key: addressKey(normalised), source: address ? source : "unknown" };
}

export function addressKey(address: string): string {
  return createHash("sha256").update(address).digest("base64url").slice(0, 22);
}

/**
 * `203.0.113.7`, `203.0.113.7:5123`, `::ffff:203.0.113.7` → `203.0.113.7`;
 * `[2001:db8:1:2:aa::1]:443` → `2001:db8:1:2::/64`. Null for anything that is not an address.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim();
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    if (end < 0) return null;
    text = text.slice(1, end);
  } else if (/^[\d.]+:\d+$/.test(text)) {
    text = text.slice(0, text.lastIndexOf(":"));
  }
  text = text.replace(/%.*$/, ""); // IPv6 zone index
  const version = isIP(text);
  if (version === 4) return text.split(".").map(Number).join(".");
  if (version !== 6) return null;
  const groups = ipv6Groups(text);
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [hi, lo] = [groups[6] as number, groups[7] as number];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  // One subscriber usually gets a whole /64: counting per /64 stops a client from rotating
  // through its own addresses to get fresh allowances.
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing IPv4 part converted). */
function ipv6Groups(text: string): number[] | null {
  let body = text.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4?.[1]) {
    const [a, b, c, d] = v4[1].split(".").map(Number) as [number, number, number, number];
    body = `${body.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = body.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...left, ...Array<number>(missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
