import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / WASM packages must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "ws"],
  poweredByHeader: false,
};

export default nextConfig;
