import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView, GroupView } from "../../src/shared/generation-view";
import { createThroughApi, waitForGeneration } from "./api-generations";
import { type Stack, startStack } from "./harness";

// The gallery's filters in the browser: kept in the page's address, cleared in one press, and
// never showing one filter's list under another, however the answers and the watched
// generations' changes interleave.

describe("the gallery's filters", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startStack({
      env: { MAX_RUNNING_PER_OWNER: "100", MAX_RUNNING_PER_ADDRESS: "100", MAX_CREATES_PER_ADDRESS_PER_MINUTE: "100" },
    });
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  const post = async <T>(page: Page, path: string, data: unknown): Promise<T> => {
    const res = await page.request.post(`${stack.baseUrl}${path}`, { headers: { origin: stack.baseUrl }, data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as T;
  };
  const create = (page: Page, prompt: string) => createThroughApi(page.request, stack.baseUrl, "sdxl-lightning", { prompt });
  const cancel = (page: Page, id: string) => post<GenerationView>(page, `/api/generations/${id}/cancel`, {});
  const untilStatus = (page: Page, id: string, wanted: (status: string) => boolean) =>
    waitForGeneration(page.request, stack.baseUrl, id, wanted);
  const cards = (page: Page, text: string) => page.getByTestId("generation-card").filter({ hasText: text });

  /** A page with the visitor's cookie, before any generation exists. */
  async function visitor(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole("heading", { name: "New generation" }).waitFor();
    return page;
  }

  it("live in the page's address: a link opens filtered, each change is written back, and Clear filters empties both", async () => {
    const page = await visitor();
    for (const prompt of ["address beta [fail]", "address alpha [fail]"]) {
      const made = await create(page, prompt);
      await untilStatus(page, made.id, (s) => s === "failed");
    }

    await page.goto(`${stack.baseUrl}/?q=beta&status=failed`);
    const search = page.getByRole("searchbox", { name: "Search prompts" });
    await expect.poll(() => search.inputValue()).toBe("beta");
    expect(await page.getByRole("combobox", { name: "Filter by status" }).inputValue()).toBe("failed");
    await expect
      .poll(() => page.getByTestId("generation-card").allInnerTexts())
      .toEqual([expect.stringContaining("address beta")]);

    // Beside one status, Hide failed has nothing to hide (with Failed it would hide them all): it
    // is not offered, rather than shown disabled with a reason Tab cannot reach.
    const hideFailed = page.getByRole("checkbox", { name: "Hide failed" });
    expect(await hideFailed.count()).toBe(0);
    await page.getByRole("combobox", { name: "Filter by status" }).selectOption("");
    await page.waitForURL((url) => !url.searchParams.has("status") && url.searchParams.get("q") === "beta");
    await hideFailed.check();
    await page.waitForURL((url) => url.searchParams.get("hideFailed") === "true" && url.searchParams.get("q") === "beta");
    const empty = page.getByTestId("gallery-empty");
    await empty.waitFor();
    await page.reload();
    expect(await page.getByRole("checkbox", { name: "Hide failed" }).isChecked()).toBe(true);
    await empty.waitFor();

    await empty.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");
    // The button went away with the filters: focus waits in the search box, not on the page's start.
    expect(await search.evaluate((input) => input === document.activeElement)).toBe(true);
    await expect.poll(() => cards(page, "address").count()).toBe(2);
    expect(await search.inputValue()).toBe("");
    expect(await page.getByRole("button", { name: "Clear filters" }).count()).toBe(0);

    // A link asking for both shows the failed ones, not "Nothing matches", and the address says so.
    await page.goto(`${stack.baseUrl}/?status=failed&hideFailed=true`);
    await expect.poll(() => cards(page, "address").count()).toBe(2);
    await page.waitForURL((url) => url.search === "?status=failed");
    await page.close();
  });

  it("shows the new filters' list even when a watched generation changed while that list was on its way", async () => {
    const page = await visitor();
    const failed = await create(page, "race failed [fail]");
    await untilStatus(page, failed.id, (s) => s === "failed");
    const watched = await create(page, "race watched [slow-run:600]");

    await page.goto(`${stack.baseUrl}/?hideFailed=true`);
    await cards(page, "race watched").waitFor();
    expect(await cards(page, "race failed").count()).toBe(0);

    // The unfiltered list is held until the watched generation has changed on screen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const unfiltered = (url: URL) => url.pathname === "/api/generations" && !url.searchParams.has("hideFailed");
    await page.route(unfiltered, async (route) => {
      await held;
      await route.continue();
    });
    const asked = page.waitForRequest((request) => unfiltered(new URL(request.url())));
    await page.getByRole("button", { name: "Clear filters" }).click();
    await asked;
    expect(
      await page.getByRole("searchbox", { name: "Search prompts" }).evaluate((input) => input === document.activeElement),
    ).toBe(true);
    await cancel(page, watched.id);
    await cards(page, "race watched").getByTestId("generation-status").filter({ hasText: "Canceled" }).waitFor();
    release();

    // Before: the answer was dropped as older than the watch's change, and with nothing else
    // polling, the failed generation never came back.
    await cards(page, "race failed").waitFor({ timeout: 15_000 });
    await page.close();
  });

  it("drops a watched generation that stops matching the filters", async () => {
    const page = await visitor();
    const leaving = await create(page, "leaving the running filter [slow-run:600]");
    await page.goto(`${stack.baseUrl}/?status=active`);
    await cards(page, "leaving the running filter").waitFor();
    await cancel(page, leaving.id);
    await expect.poll(() => cards(page, "leaving the running filter").count(), { timeout: 15_000 }).toBe(0);
    await page.close();
  });

  it("a comparison cancels one run at a time, and under a model filter shows as that model's own card", async () => {
    const page = await visitor();
    const prompt = "compare in the gallery [slow-run:600]";
    const group = await post<GroupView>(page, "/api/groups", {
      kind: "compare",
      models: ["sdxl-lightning", "flux-schnell"],
      input: { prompt },
      idempotencyKey: crypto.randomUUID(),
    });
    await page.reload();
    const entry = page.getByTestId("compare-card").filter({ hasText: prompt });
    await entry.waitFor();
    const cancels = entry.getByRole("button", { name: "Cancel" });
    await expect.poll(() => cancels.count()).toBe(2);
    // Each running model shows how long it has run and its progress, as a lone card does.
    for (const label of ["SDXL Lightning", "FLUX.1 [schnell]"]) {
      const member = entry.getByTestId("group-member").filter({ hasText: label });
      expect(await member.getByTestId("running-time").textContent()).toMatch(/\d+ s/);
      await member.getByRole("progressbar", { name: `Progress of ${label}` }).waitFor();
    }
    await cancels.first().focus();
    await page.keyboard.press("Enter");
    await entry.getByTestId("generation-status").filter({ hasText: "Canceled" }).waitFor();
    expect(await cancels.count()).toBe(1);
    // Focus stays with the canceled model's entry, not the page's start.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-status"))).toBe("canceled");
    // Where its image would be, it says why there is none, as a lone card does.
    await entry.getByTestId("group-member").getByText("Canceled by you", { exact: true }).waitFor();

    await page.goto(`${stack.baseUrl}/?model=flux-schnell`);
    const own = cards(page, "compare in the gallery");
    await own.waitFor();
    expect(await own.innerText()).toContain("FLUX.1 [schnell]");
    expect(await page.getByTestId("compare-card").count()).toBe(0);
    for (const member of group.generations) await cancel(page, member.id).catch(() => undefined);
    await page.close();
  });

  it("shows variations as one card, each image labelled by its seed, linking to their group; two by two on a phone", async () => {
    const page = await visitor();
    const prompt = "variations in the gallery";
    const group = await post<GroupView>(page, "/api/groups", {
      kind: "variations",
      model: "sdxl-lightning",
      count: 4,
      input: { prompt },
      idempotencyKey: crypto.randomUUID(),
    });
    for (const member of group.generations) await untilStatus(page, member.id, (s) => s === "succeeded");
    await page.reload();
    const entry = page.getByTestId("variations-card").filter({ hasText: prompt });
    await entry.waitFor();
    expect(await cards(page, prompt).count()).toBe(0); // one entry, not four cards
    expect(await entry.getByText("Variations · 4 seeds of SDXL Lightning").count()).toBe(1);
    const members = entry.getByTestId("group-member");
    await expect.poll(() => members.count()).toBe(4);
    const seeds = group.generations.map((g) => `Seed ${g.input.seed}`);
    expect(new Set(seeds).size).toBe(4);
    for (const seed of seeds) await entry.getByRole("img", { name: `${seed}: ${prompt}` }).waitFor();
    const tops = async () =>
      (await members.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top))).map(Math.round);
    expect(new Set(await tops()).size).toBe(1); // one row at desktop width
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => new Set(await tops()).size).toBe(2); // two by two on a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Each member carries its generation's id, by which the studio brings a new one into view on a phone.
    expect((await members.evaluateAll((els) => els.map((el) => el.getAttribute("data-generation-id")))).sort()).toEqual(
      group.generations.map((g) => g.id).sort(),
    );
    await entry.getByRole("link", { name: prompt }).click();
    await page.waitForURL(`**/groups/${group.id}`);
    await page.getByRole("heading", { name: `Variations: ${prompt}` }).waitFor();
    await page.close();
  });
});
