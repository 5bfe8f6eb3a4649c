import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView } from "../../src/shared/generation-view";
import { createThroughApi, waitForGeneration } from "./api-generations";
import { type Stack, startStack } from "./harness";
import { type SecurityWatch, watchSecurity } from "./security-watch";

// Pages with something running are rendered with it too: the studio's gallery, a generation's
// page and a group's page carry the running card or detail (prompt, progress bar) in their HTML,
// with no style attribute (the CSP refuses it) and no clock text the hydrating browser disagrees
// with; then the page watches it as before and shows its image when it lands, without a reload.

const errorsOf = (page: Page) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

/** The running item in a page's own HTML (the document the browser loaded), drawn without style attributes. */
function expectRunningHtml(html: string, prompt: string, where: string) {
  expect(html, where).toContain(prompt);
  expect(html, where).toContain('role="progressbar"');
  expect(html, where).toMatch(/data-status="(starting|processing)"/);
  expect(html, where).not.toMatch(/\sstyle="/);
  expect(html, where).not.toContain("Loading");
}

describe("pages with a running generation", () => {
  let stack: Stack;
  let context: BrowserContext;
  let watch: SecurityWatch;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    watch = await watchSecurity(context, stack.baseUrl);
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("arrive with it in the HTML, hydrate without error or CSP violation, and show its image when it ends", async () => {
    // About 30 s of processing at the emulator's time scale: long enough to load three pages.
    const prompt = "A running heron [slow-run:100]";
    const groupPrompt = "Two running cranes [slow-run:100]";
    // One after the other: the first answer sets the owner cookie the second must carry.
    const made = await createThroughApi(context.request, stack.baseUrl, "sdxl-lightning", { prompt });
    const groupRes = await context.request.post(`${stack.baseUrl}/api/groups`, {
      headers: { origin: stack.baseUrl },
      data: { kind: "variations", model: "sdxl-lightning", count: 2, input: { prompt: groupPrompt } },
    });
    expect(groupRes.status()).toBe(201);
    const group = (await groupRes.json()) as { id: string; generations: GenerationView[] };
    const running = (s: string) => s === "processing";
    await waitForGeneration(context.request, stack.baseUrl, made.id, running);
    for (const g of group.generations) await waitForGeneration(context.request, stack.baseUrl, g.id, running);

    const pages = [
      { path: "/", prompt, images: (p: Page) => p.getByTestId("generation-card").filter({ hasText: prompt }).locator("img") },
      {
        path: `/generations/${made.id}`,
        prompt,
        images: (p: Page) => p.getByRole("region", { name: "Images" }).getByRole("img"),
      },
      { path: `/groups/${group.id}`, prompt: groupPrompt, images: (p: Page) => p.getByTestId("generation-card").locator("img") },
    ];
    const opened: { page: Page; errors: string[]; images: ReturnType<(typeof pages)[number]["images"]> }[] = [];
    for (const { path, prompt: shown, images } of pages) {
      const page = await context.newPage();
      const errors = errorsOf(page);
      const response = await page.goto(`${stack.baseUrl}${path}`);
      expectRunningHtml((await response?.text()) ?? "", shown, path);
      await page.waitForLoadState("load");
      // Hydrated: the running clock is the browser's own by now, and still says it runs.
      await page.getByRole("progressbar").first().waitFor();
      expect(await images(page).count(), path).toBe(0);
      // Gone if the page were loaded again: the image must arrive in this document.
      await page.evaluate(() => document.documentElement.setAttribute("data-same-document", ""));
      opened.push({ page, errors, images: images(page) });
    }

    // It ends: each page shows the image (the group's, both), with no reload.
    for (const [i, { page, errors, images }] of opened.entries()) {
      await images.nth(i === 2 ? 1 : 0).waitFor({ timeout: 60_000 });
      // The studio's last bars go with the group's runs, which end about when this one does.
      await expect.poll(() => page.getByRole("progressbar").count(), { timeout: 30_000 }).toBe(0);
      expect(errors, pages[i]?.path).toEqual([]);
      expect(await page.locator("html[data-same-document]").count(), pages[i]?.path).toBe(1);
    }
    expect(watch.violations).toEqual([]);
    expect(watch.consoleReports).toEqual([]);
  });
});
