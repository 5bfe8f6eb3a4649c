import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The admin password check and the fingerprint sessions are stored under, with ADMIN_PASSWORD
// from the env. The session records themselves (sign-in, sign-out, revocation) are tested over
// HTTP in tests/integration/suites/admin-sign-in.ts.

const dataDir = mkdtempSync(path.join(tmpdir(), "admin-session-"));
type Session = typeof import("@/lib/auth/admin-session");
let session: Session;

beforeAll(async () => {
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: "correct horse battery",
    SESSION_SECRET: "unit-test-session-secret-0123456789abcdef",
  });
  session = await import("@/lib/auth/admin-session");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("admin password and session fingerprint", () => {
  it("accepts exactly ADMIN_PASSWORD, whatever the length of a guess", () => {
    expect(session.isAdminPassword("correct horse battery")).toBe(true);
    for (const guess of ["", "correct horse batter", "correct horse battery ", "x".repeat(5000)]) {
      expect(session.isAdminPassword(guess)).toBe(false);
    }
  });

  it("fingerprints the password with a slow hash: stable, different per password, not the password", () => {
    const current = session.passwordFingerprint();
    expect(current).toBe(session.passwordFingerprint("correct horse battery"));
    expect(current).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.passwordFingerprint("a new password!")).not.toBe(current);
    expect(current).not.toContain("horse");
  });

  it("treats a missing or malformed session cookie as signed out without asking the database", async () => {
    // No database is open in this file: these must answer before any query.
    for (const token of [undefined, "", "Fe26.2*1*sealed", `${"x".repeat(43)}!`, "short"]) {
      expect(await session.isAdminSessionToken(token)).toBe(false);
    }
  });
});
