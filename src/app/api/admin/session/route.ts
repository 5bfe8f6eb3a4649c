// POST /api/admin/session: sign in with the admin password · DELETE: sign out
import { clearAdminSessionCookie, createAdminSession, isAdminPassword } from "@/lib/auth/admin-session";
import { claimSignInAttempt, clearSignInAttempts } from "@/lib/auth/sign-in-throttle";
import { AppError, validationError } from "@/lib/errors";
import { sameOriginRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { MAX_ADMIN_BODY_BYTES, signInBody } from "../schema";

export const POST = sameOriginRoute(async ({ request }) => {
  const parsed = signInBody.safeParse(await readJsonBody(request, MAX_ADMIN_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error);
  // Counted before the check, so parallel guesses cannot outrun the limit.
  await claimSignInAttempt(request);
  if (!isAdminPassword(parsed.data.password)) {
    throw new AppError("unauthorized", "Wrong password.", { fields: [{ path: "password", message: "Wrong password" }] });
  }
  await clearSignInAttempts(request);
  return json({ signedIn: true }, { headers: { "set-cookie": await createAdminSession(request) } });
});

export const DELETE = sameOriginRoute(async ({ request }) =>
  json({ signedIn: false }, { headers: { "set-cookie": clearAdminSessionCookie(request) } }),
);
