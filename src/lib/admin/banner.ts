import "server-only";
import path from "node:path";
import { localSecrets } from "../auth/local-secrets";
import { env } from "../env";

// In the embedded mode (no ADMIN_PASSWORD, no DATABASE_URL) the admin password is generated on
// first start; this prints it once with where to use it and where it is kept.

const printed = globalThis as typeof globalThis & { __adminBannerPrinted?: boolean };

export function printLocalAdminBanner({ port }: { port: string | undefined }): void {
  const { ADMIN_PASSWORD, DATABASE_URL, APP_URL, DATA_DIR } = env();
  if (ADMIN_PASSWORD || DATABASE_URL || printed.__adminBannerPrinted) return;
  printed.__adminBannerPrinted = true;
  const { adminPassword } = localSecrets();
  const origin = APP_URL ? new URL(APP_URL).origin : `http://localhost:${port ?? "3000"}`;
  const lines = [
    "Admin console",
    `  URL:       ${origin}/admin`,
    `  Password:  ${adminPassword}`,
    `  Kept in:   ${path.resolve(DATA_DIR, "secrets.json")} (set ADMIN_PASSWORD to choose your own)`,
  ];
  console.log(`\n${lines.join("\n")}\n`);
}
