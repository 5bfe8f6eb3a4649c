import Replicate from "replicate";
import { startEmulator } from "../../src/emulator/server";

// Where models:add and models:check read versions from, chosen like the app chooses: real
// Replicate when REPLICATE_API_TOKEN is set (REPLICATE_BASE_URL may point elsewhere), else the
// emulator at REPLICATE_BASE_URL, else an emulator started here for the run (offline).

export type ReplicateSource = { client: Replicate; describe: string; close(): Promise<void> };

export async function openReplicateSource(env: NodeJS.ProcessEnv = process.env): Promise<ReplicateSource> {
  const token = env.REPLICATE_API_TOKEN || undefined;
  const baseUrl = env.REPLICATE_BASE_URL || undefined;
  if (token || baseUrl) {
    const client = new Replicate({ auth: token ?? "local-emulator", ...(baseUrl ? { baseUrl } : {}) });
    return { client, describe: baseUrl ?? "https://api.replicate.com/v1", close: async () => {} };
  }
  const emulator = await startEmulator({ port: 0 });
  const url = `${emulator.url}/v1`;
  return {
    client: new Replicate({ auth: "local-emulator", baseUrl: url }),
    describe: "the bundled emulator (offline; set REPLICATE_API_TOKEN for real Replicate)",
    close: () => emulator.close(),
  };
}

/** The HTTP status of a failed SDK call (its ApiError keeps the response), if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === "number" ? status : undefined;
}
