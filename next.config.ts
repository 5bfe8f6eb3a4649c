import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants";
import { securityHeaderRules } from "./src/lib/security/static-headers";
import { exitOnEnvironmentProblem } from "./src/lib/startup-check";

export default function nextConfig(phase: string): NextConfig {
  // A half-configured mode stops `next build`, `next start` and `next dev` here, naming the
  // missing variable (other phases, e.g. `next typegen`, do not need the environment).
  if ([PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER, PHASE_DEVELOPMENT_SERVER].includes(phase)) {
    exitOnEnvironmentProblem(phase === PHASE_PRODUCTION_BUILD ? "The build" : "The server");
  }
  return {
    // Native / WASM packages must stay outside the server bundle.
    serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "ws"],
    poweredByHeader: false,
    // `npm run dev` prints localhost, but 127.0.0.1 is the same machine: without this, Next blocks
    // its dev scripts for that origin and the page never hydrates (a form that submits as a GET).
    allowedDevOrigins: ["127.0.0.1"],
    // Same on every response (pages, API, static files, 404s); the per-request CSP is src/proxy.ts.
    headers: async () => securityHeaderRules({ production: phase !== PHASE_DEVELOPMENT_SERVER }),
  };
}
