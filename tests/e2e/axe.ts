import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

// axe-core inside the browser tests: its source is evaluated in the page (through the DevTools
// protocol, which the page's CSP does not govern), then run against the whole document with the
// WCAG 2.2 A/AA rules. A failure lists every violation with the elements it found.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (heading order, landmarks,
 * one main): a group's page once jumped from its h1 to h3 cards, which only those caught.
 */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      const more = v.nodes.length > 8 ? `\n    …and ${v.nodes.length - 8} more` : "";
      return `  ${v.id} (${v.impact ?? "?"}, ${v.nodes.length}×): ${v.help}\n${nodes}${more}`;
    })
    .join("\n");
}

/**
 * Fails the test with a readable list of every WCAG 2.2 AA violation axe-core finds on the page.
 * A soft expectation: the test goes on, so one run reports every state and layout at once.
 */
/**
 * With `settle`: a page still changing (a theme switch's colour transitions, a card re-rendered by
 * its poll) can show axe a passing mix of two states. Violations found are checked again after
 * `settle` has waited for the page to be still, up to twice; a real violation stays and fails.
 */
export async function expectNoAxeViolations(page: Page, label: string, settle?: () => Promise<unknown>): Promise<void> {
  let violations = await axeViolations(page);
  for (let again = 0; settle && violations.length > 0 && again < 2; again++) {
    await settle();
    violations = await axeViolations(page);
  }
  expect.soft(violations.length, `axe-core on ${label}:\n${formatViolations(violations)}`).toBe(0);
}
