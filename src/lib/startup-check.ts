import { environmentProblem } from "./env";

// Node-only: stops the process when the environment is half-configured, with the message that
// names what is missing (instead of starting and answering every request with a 500).
export function exitOnEnvironmentProblem(what: string): void {
  const problem = environmentProblem();
  if (!problem) return;
  console.error(`\n${what} cannot start.\n${problem}\n`);
  process.exit(1);
}
