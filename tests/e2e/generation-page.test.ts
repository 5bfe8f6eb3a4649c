import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUsd } from "../../src/client/format";
import { modelFormSpecs } from "../../src/lib/replicate/models";
import { outputFileName } from "../../src/shared/download-names";
import { MAX_GROUP_SIZE } from "../../src/shared/generation-view";
import { estimateBeforeRun } from "../../src/shared/model-form";
import { bannerPassword } from "./admin-password";
import { createThroughApi, waitForGeneration } from "./api-generations";
import { axeViolations, formatViolations } from "./axe";
import { type Stack, startStack } from "./harness";
import { GenerationDetailPage } from "./pages";

// A generation's own page: on a phone its status and actions come first, before four images; and
// a Cancel that arrives after the generation ended says so, then shows how it ended.

const PHONE = { width: 390, height: 844 };

const create = async (context: BrowserContext, baseUrl: string, input: Record<string, unknown>) =>
  (await createThroughApi(context.request, baseUrl, "sdxl-lightning", input)).id;

/** Waits (through the API, as the context's owner) until the generation has `status`. */
const waitForStatus = (context: BrowserContext, baseUrl: string, id: string, status: string) =>
  waitForGeneration(context.request, baseUrl, id, (now) => now === status);

/** The element is wholly inside the first screen (no scrolling). */
async function expectInFirstScreen(page: Page, locator: Locator, what: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what}: not shown`);
  expect(box.y + box.height, `${what} ends at ${box.y + box.height} px`).toBeLessThanOrEqual(PHONE.height);
}

describe("a generation's page", () => {
  let stack: Stack;
  let phone: BrowserContext;

  beforeAll(async () => {
    stack = await startStack();
    phone = await stack.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await phone?.close();
    await stack?.stop();
  });

  it("on a phone, shows the progress and Cancel of a running 4-image generation in the first screen", async () => {
    const id = await create(phone, stack.baseUrl, { prompt: "Four paper lanterns [slow-run:600]", num_outputs: 4 });
    const page = await phone.newPage();
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    const detail = new GenerationDetailPage(page);
    await detail.status.filter({ hasText: "Generating" }).waitFor();
    await expectInFirstScreen(page, detail.status, "the status");
    await expectInFirstScreen(page, page.getByRole("progressbar", { name: "Generation progress" }), "the progress bar");
    await expectInFirstScreen(page, page.getByRole("button", { name: "Cancel", exact: true }), "Cancel");
    await page.getByRole("button", { name: "Cancel", exact: true }).focus();
    await page.keyboard.press("Enter");
    await detail.status.filter({ hasText: "Canceled" }).waitFor({ timeout: 15_000 });
    // The button went with the run: focus moves to the next action, not the page's start.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^Run again/);
    await page.close();
  });

  it("on a phone, shows the status and the main actions of four finished images in the first screen", async () => {
    const id = await create(phone, stack.baseUrl, { prompt: "Four foxes in the snow", num_outputs: 4 });
    const ended = await waitForStatus(phone, stack.baseUrl, id, "succeeded");
    const page = await phone.newPage();
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    const detail = new GenerationDetailPage(page);
    await detail.status.filter({ hasText: "Succeeded" }).waitFor();
    // Named by its prompt, not "Generation" and an id.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Four foxes in the snow");
    await detail.images.nth(3).waitFor();
    expect(await detail.images.count()).toBe(4);
    await expectInFirstScreen(page, detail.status, "the status");
    await expectInFirstScreen(page, page.getByRole("button", { name: "Run again" }), "Run again");
    await expectInFirstScreen(page, page.getByRole("button", { name: "Variations" }), "Variations");
    await expectInFirstScreen(page, page.getByRole("link", { name: "Download all" }), "Download all");
    // The images begin in that first screen too, not below a page of details.
    await expectInFirstScreen(page, detail.images.first(), "the first image");

    // Run again and Variations say what they would cost, as the studio's form does before a run:
    // as much as this run did (the same settings), and once more for each variation.
    const description = async (name: string) => {
      const describedBy = await page.getByRole("button", { name, exact: true }).getAttribute("aria-describedby");
      return describedBy ? page.locator(`[id="${describedBy}"]`).textContent() : null;
    };
    const oneRun = ended.estimatedCostUsd;
    expect(oneRun).toBeGreaterThan(0);
    expect(await description("Run again")).toBe(`Estimated cost ≈ ${formatUsd(oneRun)}`);
    expect(await description("Variations")).toBe(`Estimated cost ≈ ${formatUsd(oneRun * MAX_GROUP_SIZE)}`);
    expect(await page.getByRole("button", { name: "Variations", exact: true }).innerText()).toContain(
      `≈ ${formatUsd(oneRun * MAX_GROUP_SIZE)}`,
    );
    await page.getByRole("combobox", { name: "How many variations" }).selectOption("2");
    expect(await description("Variations")).toBe(`Estimated cost ≈ ${formatUsd(oneRun * 2)}`);

    // A run that failed cost nothing to go by: the catalogue's estimate for its settings.
    const failed = await create(phone, stack.baseUrl, { prompt: "Four failures [fail]", num_outputs: 4 });
    await waitForStatus(phone, stack.baseUrl, failed, "failed");
    await page.goto(`${stack.baseUrl}/generations/${failed}`);
    await detail.status.filter({ hasText: "Failed" }).waitFor();
    const lightning = modelFormSpecs().find((m) => m.key === "sdxl-lightning");
    if (!lightning) throw new Error("sdxl-lightning missing");
    expect(await description("Run again")).toBe(`Estimated cost ≈ ${formatUsd(estimateBeforeRun(lightning, 4, {}))}`);
    await page.close();
  });

  it("an ended generation's (and group's) page arrives with its images in the HTML, no skeleton and no hydration error; Back shows it as it is now", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const id = await create(context, stack.baseUrl, { prompt: "A rendered heron", num_outputs: 2 });
    const view = await waitForStatus(context, stack.baseUrl, id, "succeeded");
    const html = await (await context.request.get(`${stack.baseUrl}/generations/${id}`)).text();
    for (const output of view.outputs) expect(html).toContain(new URL(output.url, stack.baseUrl).pathname);
    expect(html).toContain("A rendered heron</h1>");

    expect(html).not.toContain("Loading…");

    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    await page.waitForLoadState("networkidle");
    const detail = new GenerationDetailPage(page);
    await detail.images.nth(1).waitFor();
    await page.getByRole("button", { name: "Favourite" }).click(); // hydrated: the page answers
    await page.getByRole("button", { name: "Favourite", pressed: true }).waitFor();
    expect(errors).toEqual([]);
    // Away and Back: Next restores the page from its router cache, rendered before the Favourite;
    // the page reads the generation again and shows it starred.
    await page.getByRole("link", { name: "Replicate Image Studio" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    // Its card in the gallery is marked a favourite too.
    await page.locator(`[data-generation-id="${id}"]`).getByRole("img", { name: "Favourite" }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `/generations/${id}`);
    await page.getByRole("button", { name: "Favourite", pressed: true }).waitFor();

    // A group whose runs have ended, likewise.
    const made = await context.request.post(`${stack.baseUrl}/api/groups`, {
      headers: { origin: stack.baseUrl },
      data: { kind: "variations", model: "sdxl-lightning", count: 2, input: { prompt: "Two rendered cranes" } },
    });
    expect(made.status()).toBe(201);
    const group = (await made.json()) as { id: string; generations: { id: string }[] };
    const members = await Promise.all(group.generations.map((g) => waitForStatus(context, stack.baseUrl, g.id, "succeeded")));
    const groupHtml = await (await context.request.get(`${stack.baseUrl}/groups/${group.id}`)).text();
    for (const member of members) expect(groupHtml).toContain(new URL(member.outputs[0]?.url ?? "-", stack.baseUrl).pathname);
    await page.goto(`${stack.baseUrl}/groups/${group.id}`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByTestId("generation-card").count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says so when Cancel comes too late (409: it had already finished), then shows the images", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The page's clock is the test's, so the watch's retry after a lost connection waits for it.
    await page.clock.install();
    const id = await create(context, stack.baseUrl, { prompt: "A kite over the dunes [slow-run:40]" });
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    const detail = new GenerationDetailPage(page);
    const cancel = page.getByRole("button", { name: "Cancel", exact: true });
    await cancel.waitFor();
    // The HTML may show it as it was when the server rendered it (starting): the page has heard
    // it is processing before the connection drops.
    await page.locator('[data-testid="generation-status"][data-status="processing"]').waitFor();
    // The connection drops (a phone in a tunnel): the page keeps showing it running while it ends.
    await page.clock.pauseAt(Date.now() + 1000);
    await context.setOffline(true);
    await waitForStatus(context, stack.baseUrl, id, "succeeded");
    await context.setOffline(false);
    expect(await detail.status.getAttribute("data-status")).toBe("processing");

    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/generations/${id}/cancel`));
    await cancel.click();
    expect((await answered).status()).toBe(409);
    await page.getByRole("status").filter({ hasText: "Too late to cancel: it had already finished." }).waitFor();
    await detail.status.filter({ hasText: "Succeeded" }).waitFor();
    await detail.images.first().waitFor();
    expect(await cancel.count()).toBe(0);
    // The note passes axe in both themes (with the page's clock running again: axe uses timers).
    await page.clock.resume();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      expect(formatViolations(await axeViolations(page))).toBe("");
    }
    await context.close();
  });

  it("saves an image under its readable name, not the file server's", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const id = await create(context, stack.baseUrl, { prompt: "Two red kites", num_outputs: 2, seed: 42 });
    await waitForStatus(context, stack.baseUrl, id, "succeeded");
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    const detail = new GenerationDetailPage(page);
    await detail.images.nth(1).waitFor();
    const saved = page.waitForEvent("download");
    await detail.downloadLinks.nth(1).click();
    const download = await saved;
    const expected = outputFileName({
      prompt: "Two red kites",
      model: "sdxl-lightning",
      seed: 42,
      index: 1,
      count: 2,
      extension: "png",
    });
    // Before: the file's own Content-Disposition name won (`<id>-1.png`).
    expect(download.suggestedFilename()).toBe(expected);
    expect(expected).toBe("two-red-kites_sdxl-lightning_seed-42_2.png");
    await context.close();
  });

  it("answers 404 with the app's not-found page for a missing or foreign generation or group; an admin sees any generation", async () => {
    const owner = await stack.browser.newContext();
    const id = await create(owner, stack.baseUrl, { prompt: "A lighthouse for its owner only" });
    const group = await owner.request.post(`${stack.baseUrl}/api/groups`, {
      headers: { origin: stack.baseUrl },
      data: { kind: "variations", model: "sdxl-lightning", count: 2, input: { prompt: "Two owls" } },
    });
    expect(group.status()).toBe(201);
    const groupId = ((await group.json()) as { id: string }).id;
    expect((await owner.request.get(`${stack.baseUrl}/generations/${id}`)).status()).toBe(200);
    expect((await owner.request.get(`${stack.baseUrl}/groups/${groupId}`)).status()).toBe(200);

    const stranger = await stack.browser.newContext();
    for (const path of [`/generations/${id}`, `/groups/${groupId}`, "/generations/gen_nope", "/groups/var_nope", "/groups/x"]) {
      const res = await stranger.request.get(`${stack.baseUrl}${path}`);
      expect(res.status(), path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain("Page not found");
      expect(html, path).not.toContain("A lighthouse for its owner only");
    }
    // In the browser too: the not-found page, with its way back to the studio.
    const page = await stranger.newPage();
    await page.goto(`${stack.baseUrl}/generations/${id}`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await page.title()).toMatch(/^Page not found/);

    // An admin (signed in) sees anyone's generation page.
    const signIn = await stranger.request.post(`${stack.baseUrl}/api/admin/session`, {
      headers: { origin: stack.baseUrl },
      data: { password: await bannerPassword(stack) },
    });
    expect(signIn.status()).toBe(200);
    const asAdmin = await stranger.request.get(`${stack.baseUrl}/generations/${id}`);
    expect(asAdmin.status()).toBe(200);
    expect(await asAdmin.text()).toContain("<title>A lighthouse for its owner only");
    await owner.close();
    await stranger.close();
  });

  it("goes Back to the gallery as it was left (its filters), or to the studio from a page opened directly", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const fox = await create(context, stack.baseUrl, { prompt: "A fox at dusk, back again" });
    await waitForStatus(context, stack.baseUrl, fox, "succeeded");
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/?q=fox&status=succeeded`);
    const card = page.getByTestId("generation-card").filter({ hasText: "A fox at dusk" });
    await card.getByRole("link", { name: "A fox at dusk, back again" }).click();
    await page.waitForURL(`**/generations/${fox}`);
    await page.getByRole("link", { name: "← Back" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?q=fox&status=succeeded");
    expect(await page.getByRole("searchbox", { name: "Search prompts" }).inputValue()).toBe("fox");
    await card.waitFor();

    // Filters changed on the page, after it loaded, are kept too (the page comes back from Next's
    // router cache with the props of its first render, from before the change).
    const status = page.getByRole("combobox", { name: "Filter by status" });
    await status.selectOption("");
    await page.getByRole("checkbox", { name: "Favourites" }).check();
    await page.waitForURL((url) => url.search === "?q=fox&favourite=true");
    await page.getByTestId("gallery-empty").waitFor();
    await page.getByRole("checkbox", { name: "Favourites" }).uncheck();
    await page.waitForURL((url) => url.search === "?q=fox");
    await card.getByRole("link", { name: "A fox at dusk, back again" }).click();
    await page.waitForURL(`**/generations/${fox}`);
    await page.getByRole("link", { name: "← Back" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?q=fox");
    await card.waitFor();
    expect(await status.inputValue()).toBe("");
    expect(page.url()).toMatch(/\?q=fox$/);

    // Opened on its own (a new tab, a shared link): Back is the studio.
    const direct = await context.newPage();
    await direct.goto(`${stack.baseUrl}/generations/${fox}`);
    await direct.getByRole("link", { name: "← Back" }).click();
    await direct.waitForURL((url) => url.pathname === "/" && url.search === "");
    await direct.getByRole("heading", { name: "New generation" }).waitFor();
    await context.close();
  });

  it("after Delete, returns to the gallery as it was and says what was deleted; opened directly, to the studio, on a phone too", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [gone, kept] = [
      await create(context, stack.baseUrl, { prompt: "A heron to delete" }),
      await create(context, stack.baseUrl, { prompt: "A heron to keep" }),
    ];
    for (const id of [gone, kept]) await waitForStatus(context, stack.baseUrl, id, "succeeded");
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/?q=heron`);
    await page.getByRole("link", { name: "A heron to delete" }).click();
    await page.waitForURL(`**/generations/${gone}`);
    const deleteNow = async (on: Page) => {
      await on.getByRole("button", { name: "Delete", exact: true }).click();
      await on.getByRole("dialog", { name: "Delete this generation?" }).getByRole("button", { name: "Delete" }).click();
    };
    // The live region is the layout's, in the page before the message and the same one after the
    // page changes, so a screen reader hears the message (a region mounted with its text is missed).
    await page.getByTestId("flash").evaluate((region) => region.setAttribute("data-before-delete", ""));
    // The gallery's own read held back: what shows at first is the page Back restored, rendered
    // with the list from before the delete, which must not show the deleted card.
    let listReads = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/generations\?/, async (route) => {
      listReads += 1;
      await held;
      await route.continue().catch(() => {}); // the page may have gone meanwhile
    });
    await deleteNow(page);
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?q=heron");
    const flash = page.getByTestId("flash").getByText("Deleted “A heron to delete”.");
    await flash.waitFor();
    expect(await page.getByTestId("flash").getAttribute("data-before-delete")).toBe("");
    await expect.poll(() => listReads).toBeGreaterThan(0); // the page's read is on its way, held
    expect(await page.getByTestId("generation-card").allInnerTexts()).toEqual([expect.stringContaining("A heron to keep")]);
    release();
    await page.unroute(/\/api\/generations\?/);
    await expect
      .poll(() => page.getByTestId("generation-card").allInnerTexts())
      .toEqual([expect.stringContaining("A heron to keep")]);
    await page.getByRole("button", { name: "Dismiss" }).click();
    await flash.waitFor({ state: "detached" });

    // The generation's page opened from the address bar is a document of its own: Back loads the
    // gallery anew, and the message goes with it (said once: a reload after it says nothing).
    const typed = await create(context, stack.baseUrl, { prompt: "A heron typed in" });
    await waitForStatus(context, stack.baseUrl, typed, "succeeded");
    await page.goto(`${stack.baseUrl}/?q=heron`);
    await page.getByTestId("generation-card").first().waitFor();
    await page.goto(`${stack.baseUrl}/generations/${typed}`);
    await page.evaluate(() => Object.assign(window, { oldDocument: true }));
    await deleteNow(page);
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?q=heron");
    await page.getByTestId("flash").getByText("Deleted “A heron typed in”.").waitFor();
    expect(await page.evaluate(() => "oldDocument" in window)).toBe(false);
    expect(await page.getByTestId("generation-card").allInnerTexts()).toEqual([expect.stringContaining("A heron to keep")]);
    await page.reload();
    await page.getByTestId("generation-card").first().waitFor();
    expect(await page.getByTestId("flash").textContent()).toBe("");
    await context.close();

    // On a phone, from the page opened on its own: the studio, with the message in the first screen.
    const direct = await phone.newPage();
    const id = await create(phone, stack.baseUrl, { prompt: "A stork to delete" });
    await waitForStatus(phone, stack.baseUrl, id, "succeeded");
    await direct.goto(`${stack.baseUrl}/generations/${id}`);
    await deleteNow(direct);
    await direct.waitForURL((url) => url.pathname === "/" && url.search === "");
    const said = direct.getByTestId("flash").getByText("Deleted “A stork to delete”.");
    await said.waitFor();
    await expectInFirstScreen(direct, said, "the message");
    await direct.close();
  });
});
