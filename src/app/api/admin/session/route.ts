// POST /api/admin/session: sign in with the admin password · DELETE: sign out
import { createAdminSession, endAdminSession, isAdminPassword } from "@/lib/auth/admin-session";
import { deviceSetCookie } from "@/lib/auth/device-token";
import { claimSignInAttempt, clearSignInAttempts } from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";
import { sameOriginRoute } from "@/lib/http/admin-route";
import { parseJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { MAX_ADMIN_BODY_BYTES, signInBody } from "../schema";

export const POST = sameOriginRoute(async ({ request }) => {
  const { password } = await parseJsonBody(request, MAX_ADMIN_BODY_BYTES, signInBody);
  // Counted before the check, so parallel guesses cannot outrun the limit.
  const claim = await claimSignInAttempt(request);
  if (!isAdminPassword(password)) {
    throw new AppError("unauthorized", "Wrong password.", { fields: [{ path: "password", message: "Wrong password" }] });
  }
  await clearSignInAttempts(claim);
  const headers = new Headers();
  headers.append("set-cookie", await createAdminSession(request));
  // This browser is now a known device: its next sign-ins are throttled apart from strangers'.
  headers.append("set-cookie", deviceSetCookie(request, claim.kind === "device" ? claim.deviceId : null));
  return json({ signedIn: true }, { headers });
});

// Ends the session server-side: a copy of the cookie taken before this stops working too.
export const DELETE = sameOriginRoute(async ({ request }) =>
  json({ signedIn: false }, { headers: { "set-cookie": await endAdminSession(request) } }),
);
