import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GenerationPage } from "../../src/shared/generation-view";
import { AdminPage } from "./admin-pages";
import { bannerPassword } from "./admin-password";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// The studio gallery over more than one page: "Load more", then a filter. The filtered view is
// that filter's own first page, never the unfiltered list's older pages refreshed under it.

const ALPHA = 26;
const BETA = 3;

describe("the gallery's pages and filters in the browser", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    // One visitor makes 29 generations in a row: limits that let them.
    stack = await startStack({
      env: {
        MAX_RUNNING_PER_OWNER: "100",
        MAX_RUNNING_PER_ADDRESS: "100",
        MAX_DAILY_PER_OWNER: "100",
        MAX_CREATES_PER_ADDRESS_PER_MINUTE: "100",
      },
    });
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("after Load more, a search shows only what matches it, and clearing it shows the first page again", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    // Made through the API with the page's own cookie; the emulator fails them at once ([fail]),
    // so the gallery settles without outputs to copy.
    const prompts = [
      ...Array.from({ length: BETA }, (_, i) => `pager beta ${i + 1} [fail]`),
      ...Array.from({ length: ALPHA }, (_, i) => `pager alpha ${i + 1} [fail]`),
    ];
    for (const prompt of prompts) {
      const res = await page.request.post(`${stack.baseUrl}/api/generations`, {
        headers: { origin: stack.baseUrl },
        data: { model: "sdxl-lightning", input: { prompt } },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await vi.waitFor(
      async () => {
        const list = (await (await page.request.get(`${stack.baseUrl}/api/generations?limit=100`)).json()) as GenerationPage;
        expect(list.generations.filter((g) => g.status === "failed")).toHaveLength(prompts.length);
      },
      { timeout: 60_000, interval: 200 },
    );

    await studio.open();
    const cards = page.getByTestId("generation-card");
    const loadMore = page.getByRole("button", { name: "Load more" });
    await vi.waitFor(async () => expect(await cards.count()).toBe(24), { timeout: 15_000 });
    // From the keyboard: the last page's Load more goes away, and focus goes to the first card it
    // brought (the 25th: pager alpha 2), not to the page's start.
    await loadMore.focus();
    await page.keyboard.press("Enter");
    await vi.waitFor(async () => expect(await cards.count()).toBe(ALPHA + BETA), { timeout: 15_000 });
    await expect.poll(() => loadMore.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("pager alpha 2 [fail]");

    await page.getByRole("searchbox", { name: "Search prompts" }).fill("beta");
    await vi.waitFor(async () => expect(await cards.allInnerTexts()).toHaveLength(BETA), { timeout: 15_000 });
    for (const text of await cards.allInnerTexts()) expect(text).toContain("pager beta");
    expect(await loadMore.count()).toBe(0);

    await page.getByRole("searchbox", { name: "Search prompts" }).fill("");
    await vi.waitFor(async () => expect(await cards.count()).toBe(24), { timeout: 15_000 });
    expect(await loadMore.count()).toBe(1);
    // Newest first: the alpha generations were made last.
    expect(await cards.first().innerText()).toContain(`pager alpha ${ALPHA}`);
  });

  // Over the 29 generations the test before made (more than the console's first page).
  it("the admin console's Load more, from the keyboard, hands focus to the first row it brought", async () => {
    const admin = new AdminPage(await context.newPage(), stack.baseUrl);
    await admin.open();
    await admin.signIn(await bannerPassword(stack));
    await admin.heading.waitFor();
    const rows = admin.page.getByTestId("admin-row");
    const loadMore = admin.page.getByRole("button", { name: "Load more" });
    await loadMore.waitFor();
    const firstPage = await rows.count();
    await loadMore.focus();
    await admin.page.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBeGreaterThan(firstPage);
    const focusedRow = () =>
      admin.page.evaluate(() => document.activeElement?.closest("[data-testid=admin-row]")?.getAttribute("data-entry-key"));
    const firstNew = await rows.nth(firstPage).getAttribute("data-entry-key");
    await expect.poll(focusedRow).toBe(firstNew);
    await admin.page.close();
  });

  it("has its first page in the studio's HTML, filtered as the address asks; in the page, no hydration or CSP error and each thumbnail its shape", async () => {
    const cardsIn = (html: string) => html.split('data-testid="generation-card"').length - 1;
    const html = await (await context.request.get(`${stack.baseUrl}/`)).text();
    expect(cardsIn(html)).toBe(24);
    expect(html).toContain(`pager alpha ${ALPHA} [fail]`);
    expect(html).not.toContain("Loading your generations");
    const filtered = await (await context.request.get(`${stack.baseUrl}/?q=beta`)).text();
    expect(cardsIn(filtered)).toBe(BETA);
    expect(filtered).not.toContain("pager alpha");

    // A wide image (1280 × 704: its card is 16:9 at most) and a square one, ended, first in the gallery.
    for (const [prompt, width, height] of [
      ["shape wide", 1280, 704],
      ["shape square", 1024, 1024],
    ] as const) {
      const res = await context.request.post(`${stack.baseUrl}/api/generations`, {
        headers: { origin: stack.baseUrl },
        data: { model: "sdxl-lightning", input: { prompt, width, height } },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await vi.waitFor(
      async () => {
        const list = (await (await context.request.get(`${stack.baseUrl}/api/generations?q=shape`)).json()) as GenerationPage;
        expect(list.generations.map((g) => g.status)).toEqual(["succeeded", "succeeded"]);
      },
      { timeout: 60_000, interval: 200 },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.baseUrl}/?q=shape`);
    await page.waitForLoadState("networkidle");
    const ratio = (prompt: string) =>
      page
        .getByTestId("generation-card")
        .filter({ hasText: prompt })
        .locator("img")
        .evaluate((img) => img.getBoundingClientRect().width / img.getBoundingClientRect().height);
    expect(await ratio("shape wide")).toBeCloseTo(16 / 9, 1);
    expect(await ratio("shape square")).toBeCloseTo(1, 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a card made while the page's first read is on its way does not keep that read's news from the gallery", async () => {
    const page = await context.newPage();
    // The page's list reads are held until the new card is on screen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/generations\?/, async (route) => {
      await held;
      await route.continue().catch(() => {}); // the page may have gone meanwhile
    });
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    // Made elsewhere (another tab of the same visitor) after this page's HTML: only a read brings it.
    const other = await context.request.post(`${stack.baseUrl}/api/generations`, {
      headers: { origin: stack.baseUrl },
      data: { model: "sdxl-lightning", input: { prompt: "made in another tab [fail]" } },
    });
    expect(other.status()).toBe(201);
    await studio.generate("made here while it loads [fail]");
    await studio.cards("made here while it loads").waitFor();
    release();
    await page.unroute(/\/api\/generations\?/);
    await studio.cards("made in another tab").waitFor({ timeout: 15_000 });
    await page.close();
  });
});
