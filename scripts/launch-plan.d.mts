// Types of scripts/launch-plan.mjs (plain JavaScript: `npm start` runs it without tsx).
export type LaunchChild = { name: string; command: string; args: string[]; env: Record<string, string | undefined> };
export type LaunchPlan = { children: LaunchChild[]; error?: undefined } | { error: string; children?: undefined };
export declare const EMULATOR_SECRET_FILE: string;
export declare function launchPlan(options: {
  dev: boolean;
  env: Record<string, string | undefined>;
  args: string[];
  node: string;
  tsx: string | null;
  emulatorSecret: () => string;
}): LaunchPlan;
