import type { Stack } from "./harness";

/** The embedded mode prints the generated admin password once at start (src/instrumentation.ts). */
export async function bannerPassword(stack: Stack): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = /Password:\s+(\S+)/.exec(stack.logs())?.[1];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no admin password in the server output:\n${stack.logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
