import { describe, expect, it } from "vitest";
import { launchPlan } from "../../scripts/launch-plan.mjs";

// `npm start` and `npm run dev` share one launcher (scripts/launch.mjs): without a Replicate token
// both start the bundled emulator next to the app, so predictions have somewhere to go.

const base = { args: ["-p", "3411"], node: "/usr/bin/node", tsx: "node_modules/.bin/tsx" };
const secret = "whsec_shared";

describe("launch plan", () => {
  it("npm start without a token: the emulator, then the production server (no --dev), sharing the webhook secret", () => {
    const plan = launchPlan({ ...base, dev: false, env: { EMULATOR_PORT: "3412" }, emulatorSecret: () => secret });
    expect(plan.error).toBeUndefined();
    const [emulator, app, ...rest] = plan.children ?? [];
    expect(rest).toEqual([]);
    expect(emulator).toMatchObject({ name: "emulator", command: base.tsx, args: ["src/emulator/main.ts"] });
    expect(emulator?.env).toMatchObject({ EMULATOR_WEBHOOK_SECRET: secret, EMULATOR_PORT: "3412" });
    expect(app).toMatchObject({ name: "next", command: base.node, args: ["scripts/server.mjs", "-p", "3411"] });
    // The app reads the same EMULATOR_PORT, so it sends predictions where the emulator listens.
    expect(app?.env).toMatchObject({ REPLICATE_WEBHOOK_SECRET: secret, EMULATOR_PORT: "3412", NEXT_TELEMETRY_DISABLED: "1" });
  });

  it("npm run dev: the same, with the server in dev mode", () => {
    const plan = launchPlan({ ...base, dev: true, env: {}, emulatorSecret: () => secret });
    expect(plan.children?.map((c) => [c.name, c.args])).toEqual([
      ["emulator", ["src/emulator/main.ts"]],
      ["next", ["scripts/server.mjs", "--dev", "-p", "3411"]],
    ]);
  });

  it("with a token: the server alone, and no secret file is made", () => {
    const plan = launchPlan({
      ...base,
      dev: false,
      env: { REPLICATE_API_TOKEN: "r8_x" },
      emulatorSecret: () => {
        throw new Error("not needed");
      },
    });
    expect(plan.children?.map((c) => c.name)).toEqual(["next"]);
    expect(plan.children?.[0]?.env.REPLICATE_WEBHOOK_SECRET).toBeUndefined();
  });

  it("keeps a webhook secret the environment sets", () => {
    const plan = launchPlan({
      ...base,
      dev: false,
      env: { REPLICATE_WEBHOOK_SECRET: "whsec_mine" },
      emulatorSecret: () => secret,
    });
    expect(plan.children?.[1]?.env.REPLICATE_WEBHOOK_SECRET).toBe("whsec_mine");
  });

  it("without tsx (a production install) and without a token: an error that says what to do, nothing started", () => {
    const plan = launchPlan({ ...base, tsx: null, dev: false, env: {}, emulatorSecret: () => secret });
    expect(plan.children).toBeUndefined();
    expect(plan.error).toMatch(/tsx.*not installed/);
    expect(plan.error).toMatch(/REPLICATE_API_TOKEN/);
  });

  it("without tsx but with a token: the server starts as usual", () => {
    const plan = launchPlan({
      ...base,
      tsx: null,
      dev: false,
      env: { REPLICATE_API_TOKEN: "r8_x" },
      emulatorSecret: () => secret,
    });
    expect(plan.children?.map((c) => c.name)).toEqual(["next"]);
  });
});
