import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaderRules } from "./src/lib/security/static-headers";

export default function nextConfig(phase: string): NextConfig {
  return {
    // Native / WASM packages must stay outside the server bundle.
    serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "ws"],
    poweredByHeader: false,
    // Same on every response (pages, API, static files, 404s); the per-request CSP is src/proxy.ts.
    headers: async () => securityHeaderRules({ production: phase !== PHASE_DEVELOPMENT_SERVER }),
  };
}
