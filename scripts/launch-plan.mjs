// What scripts/launch.mjs starts, decided without starting anything (tests/tooling/launch-plan.test.ts).

/** The emulator's webhook signing secret lives here, under DATA_DIR, shared with the app. */
export const EMULATOR_SECRET_FILE = "emulator-webhook-secret";

/**
 * The children of `npm start` (dev false) or `npm run dev` (dev true): the local Replicate emulator
 * unless REPLICATE_API_TOKEN is set, then the app (scripts/server.mjs, with --dev for `next dev`).
 *
 * @param {object} o
 * @param {boolean} o.dev
 * @param {Record<string, string | undefined>} o.env the environment, .env files loaded
 * @param {string[]} o.args passed on to scripts/server.mjs (-p, -H)
 * @param {string} o.node the Node binary that runs the server
 * @param {string | null} o.tsx the tsx binary, null when it is not installed
 * @param {() => string} o.emulatorSecret called only when the emulator is started
 * @returns {import("./launch-plan.d.mts").LaunchPlan}
 */
export function launchPlan({ dev, env, args, node, tsx, emulatorSecret }) {
  const appEnv = { ...env, NEXT_TELEMETRY_DISABLED: "1" };
  const children = [];
  if (!env.REPLICATE_API_TOKEN) {
    if (!tsx)
      return {
        error:
          "REPLICATE_API_TOKEN is not set, so the app needs the bundled Replicate emulator, which runs with tsx, " +
          "a dev dependency that is not installed. Install dev dependencies (npm ci, without --omit=dev), or set " +
          "REPLICATE_API_TOKEN (and APP_URL) to use real Replicate (README: Three ways to run).",
      };
    const secret = emulatorSecret();
    children.push({
      name: "emulator",
      command: tsx,
      args: ["src/emulator/main.ts"],
      env: { ...appEnv, EMULATOR_WEBHOOK_SECRET: secret },
    });
    // The app gets the same secret up front, so a generation costs the emulator exactly one
    // request (the create); without it the app fetches the secret once from the emulator.
    if (!appEnv.REPLICATE_WEBHOOK_SECRET) appEnv.REPLICATE_WEBHOOK_SECRET = secret;
  }
  // Through scripts/server.mjs, so the app sees each client's socket address.
  children.push({
    name: "next",
    command: node,
    args: ["scripts/server.mjs", ...(dev ? ["--dev"] : []), ...args],
    env: appEnv,
  });
  return { children };
}
