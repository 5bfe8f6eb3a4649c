import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, type SessionSecret } from "../env";

// In the embedded mode (no env at all) secrets are generated on first start and kept under
// DATA_DIR, so cookies survive restarts. With a shared database they must come from the env
// (env.ts enforces that): many instances cannot share a file.

export type LocalSecrets = { sessionSecret: string; adminPassword: string };

let cached: LocalSecrets | undefined;

function file(): string {
  return path.join(env().DATA_DIR, "secrets.json");
}

export function localSecrets(): LocalSecrets {
  if (cached) return cached;
  try {
    const parsed = JSON.parse(readFileSync(file(), "utf8")) as Partial<LocalSecrets>;
    if (parsed.sessionSecret && parsed.adminPassword) {
      cached = { sessionSecret: parsed.sessionSecret, adminPassword: parsed.adminPassword };
      return cached;
    }
  } catch {
    // First start (or an unreadable file): generate below.
  }
  const fresh: LocalSecrets = {
    sessionSecret: randomBytes(32).toString("base64url"),
    adminPassword: randomBytes(12).toString("base64url"),
  };
  mkdirSync(env().DATA_DIR, { recursive: true });
  // `wx` loses a race to another process cleanly: re-read what it wrote.
  try {
    writeFileSync(file(), `${JSON.stringify(fresh, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file(), 0o600);
    cached = fresh;
    return fresh;
  } catch {
    cached = JSON.parse(readFileSync(file(), "utf8")) as LocalSecrets;
    return cached;
  }
}

/** SESSION_SECRET's secrets, newest first (env.ts parses the rotation list), else the generated one. */
export function sessionSecrets(): SessionSecret[] {
  return env().SESSION_SECRET ?? [{ id: 1, secret: localSecrets().sessionSecret }];
}
