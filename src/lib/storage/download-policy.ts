import "server-only";
import { replicateBaseUrl, usesEmulator } from "../env";
import type { FetchOutputOptions } from "./fetch-output";

// What we agree to download when copying a model's outputs into storage. The URLs arrive in
// webhook bodies, so only these hosts are ever contacted (fetch-output.ts enforces it, hop by
// hop), within a deadline and a size cap per file.

const OUTPUT_TIMEOUT_MS = 30_000;
const OUTPUT_MAX_BYTES = 25 * 1024 * 1024;

/** Origins whose output files we download: Replicate's file host, or the emulator locally. */
export function allowedOutputHosts(): string[] {
  const base = usesEmulator() ? replicateBaseUrl() : undefined;
  return base ? ["replicate.delivery", new URL(base).origin] : ["replicate.delivery"];
}

export function outputDownloadPolicy(): FetchOutputOptions {
  return { allowedHosts: allowedOutputHosts(), timeoutMs: OUTPUT_TIMEOUT_MS, maxBytes: OUTPUT_MAX_BYTES };
}
