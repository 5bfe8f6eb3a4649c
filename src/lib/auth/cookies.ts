import { parseCookie, stringifySetCookie } from "cookie";

// Cookie parsing and serialisation via `cookie` (the library iron-session itself uses).

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  return header ? parseCookie(header)[name] : undefined;
}

export type CookieOptions = { maxAge?: number; sameSite: "lax" | "strict"; secure: boolean; path?: string };

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return stringifySetCookie({
    name,
    value,
    path: options.path ?? "/",
    httpOnly: true,
    sameSite: options.sameSite,
    secure: options.secure,
    ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
  });
}

/** Secure cookies only over https, so the local http:// mode still works. */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
