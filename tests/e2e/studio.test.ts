import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView } from "../../src/shared/generation-view";
import { createThroughApi, waitForGeneration } from "./api-generations";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// The studio's creator features in Chromium: re-roll and same seed, Edit, a compare group of
// three models, four variations, delete (the files leave storage), and the full-screen viewer from the keyboard.
// The compare and viewer screenshots are the README's (docs/).

const docs = path.resolve(import.meta.dirname, "../../docs");

describe("re-roll, edit, compare, delete and view in the browser", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  const generationOnPage = async (page: Page): Promise<GenerationView> => {
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string);
    const res = await page.request.get(`${stack.baseUrl}/api/generations/${id}`);
    return (await res.json()) as GenerationView;
  };
  const succeededOnPage = async (page: Page) => {
    await page.getByTestId("generation-status").filter({ hasText: "Succeeded" }).waitFor({ timeout: 60_000 });
    return generationOnPage(page);
  };
  const originalBytes = async (page: Page, generation: GenerationView) =>
    Buffer.from(await (await page.request.get(`${stack.baseUrl}${generation.outputs[0]?.url}`)).body());
  const filesOf = (id: string) => {
    const dir = path.join(stack.dataDir, "files", "generations", id);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  async function firstGeneration(page: Page, prompt: string, images = 1) {
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await studio.promptInput.fill(prompt);
    if (images > 1) await page.locator("#field-num_outputs").fill(String(images));
    await studio.generateButton.click();
    await studio.waitForStatus(studio.cards(prompt), "Succeeded");
    await studio.openDetail(prompt);
    return succeededOnPage(page);
  }

  it("Run again re-rolls the seed (a different image); with Same seed the image is the same", async () => {
    const page = await context.newPage();
    const first = await firstGeneration(page, "A fox to re-roll");
    await page.getByRole("button", { name: "Run again" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(first.id));
    const reroll = await succeededOnPage(page);
    expect(reroll.input.seed).not.toBe(first.input.seed);
    expect((await originalBytes(page, reroll)).equals(await originalBytes(page, first))).toBe(false);

    await page.getByRole("checkbox", { name: "Same seed" }).check();
    await page.getByRole("button", { name: "Run again" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(reroll.id));
    const same = await succeededOnPage(page);
    expect(same.id).not.toBe(reroll.id);
    expect(same.input.seed).toBe(reroll.input.seed);
    expect((await originalBytes(page, same)).equals(await originalBytes(page, reroll))).toBe(true);
  });

  it("Edit loads every setting of a generation into the form", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await page.locator("input[name=model][value=sdxl]").check();
    const prompt = "Edit me: a harbour in fog";
    await studio.promptInput.fill(prompt);
    await page.locator("#field-width").fill("768");
    await page.locator("#field-height").fill("512");
    await page.locator("summary", { hasText: "Advanced" }).click();
    await page.locator("#field-seed").fill("4242");
    await page.locator("#field-num_inference_steps").fill("20");
    await studio.generateButton.click();
    await studio.waitForStatus(studio.cards(prompt), "Succeeded");
    await studio.openDetail(prompt);
    const generation = await succeededOnPage(page);

    await page.getByRole("link", { name: "Edit settings" }).click();
    await page.getByTestId("edit-note").filter({ hasText: "loaded" }).waitFor();
    // Announced once the page is up (a live region does not announce what the first HTML holds).
    await page.getByTestId("announcer").filter({ hasText: "loaded" }).waitFor();
    expect(await page.locator("input[name=model][value=sdxl]").isChecked()).toBe(true);
    // Every input the generation ran with (the server fills in each default) is in its field.
    const names = Object.keys(generation.input);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      const field = page.locator(`#field-${name}`);
      const expected = generation.input[name];
      if (typeof expected === "boolean") expect(await field.isChecked(), name).toBe(expected);
      else expect(await field.inputValue(), name).toBe(String(expected));
    }
    // Read by the server: the page's first HTML already holds the settings (no blank form first).
    const editUrl = `${stack.baseUrl}/?edit=${generation.id}`;
    const html = await (await page.request.get(editUrl)).text();
    expect(html).toContain(`>${prompt}</textarea>`);
    expect(html).toContain("loaded: change any, then Generate.");
    // Another visitor's Edit link: a blank form, and the page says why.
    const stranger = await stack.browser.newContext();
    const theirs = await (await stranger.request.get(editUrl)).text();
    await stranger.close();
    expect(theirs).toContain("Could not load that generation");
    expect(theirs).not.toContain(prompt);
  });

  it("compares one prompt on 3 models: one gallery entry, its own page, each with time and cost", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A lighthouse at dawn, compared";
    await studio.promptInput.fill(prompt);
    await page.getByRole("checkbox", { name: "SDXL", exact: true }).check();
    await page.getByRole("checkbox", { name: "FLUX.1 [schnell]" }).check();
    // A prompt alone cannot feed the image tools: they are not offered.
    const offered = await page
      .locator("input[name=compare-with]")
      .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(offered).toEqual(["sdxl", "flux-schnell"]);
    await expect.poll(() => page.getByTestId("cost-estimate").textContent()).toMatch(/3 runs: ≈ \$0\.\d+/);
    await studio.generateButton.click();
    const entry = page.getByTestId("compare-card").filter({ hasText: prompt });
    await entry.waitFor();
    expect(await studio.cards(prompt).count()).toBe(0); // one entry, not three cards
    await entry.getByTestId("generation-status").filter({ hasText: "Succeeded" }).nth(2).waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: prompt }).click();
    await page.waitForURL(/\/groups\/cmp_/);
    const members = page.getByTestId("group-members").getByTestId("generation-card");
    await expect.poll(() => members.count()).toBe(3);
    await page.getByText(/^3 models, one prompt and seed \d+ · /).waitFor();
    for (let i = 0; i < 3; i++) await members.nth(i).getByTestId("generation-status").filter({ hasText: "Succeeded" }).waitFor();
    expect(await members.allInnerTexts()).toEqual([
      expect.stringContaining("SDXL Lightning"),
      expect.stringContaining("SDXL"),
      expect.stringContaining("FLUX.1 [schnell]"),
    ]);
    for (const facts of await page.getByTestId("run-facts").allTextContents()) expect(facts).toMatch(/^\d+\.\d s · ≈ \$0\.\d+$/);
    await page.screenshot({ path: path.join(docs, "compare.png") });
  });

  it("Variations × 4, the page's own default, starts four runs under the default limits and opens their group", async () => {
    const page = await context.newPage();
    await firstGeneration(page, "A fox in four moods");
    await page.getByRole("button", { name: "Variations" }).click();
    await page.waitForURL(/\/groups\/var_/);
    const members = page.getByTestId("group-members").getByTestId("generation-card");
    await expect.poll(() => members.count()).toBe(4);
    for (let i = 0; i < 4; i++) await members.nth(i).getByTestId("generation-status").filter({ hasText: "Succeeded" }).waitFor();
    // What sets each apart, its seed, is on its card: four different ones.
    const seeds = (await members.allInnerTexts()).map((text) => /Seed (\d+)/.exec(text)?.[1]);
    expect(seeds.every(Boolean)).toBe(true);
    expect(new Set(seeds).size).toBe(4);
    await page.close();
  });

  it("Delete removes the generation's files from storage and it leaves the gallery", async () => {
    const page = await context.newPage();
    const generation = await firstGeneration(page, "A sandcastle to delete");
    // The original and its sized copies, made after the success at the lowest priority: waited for.
    await expect.poll(() => filesOf(generation.id).length, { timeout: 30_000 }).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this generation?" }).getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${stack.baseUrl}/`);
    expect(filesOf(generation.id)).toEqual([]);
    expect((await page.request.get(`${stack.baseUrl}/api/generations/${generation.id}`)).status()).toBe(404);
    await page.getByRole("heading", { name: "Your generations" }).waitFor();
    expect(await new StudioPage(page, stack.baseUrl).cards("A sandcastle to delete").count()).toBe(0);
  });

  it("the full-screen viewer works from the keyboard: arrows, zoom, Escape", async () => {
    const page = await context.newPage();
    await firstGeneration(page, "Two owls for the viewer", 2);
    const opener = page.getByRole("button", { name: "View image 1 full screen" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const viewer = page.getByRole("dialog", { name: /Image 1 of 2/ });
    await viewer.waitFor();
    await page.keyboard.press("ArrowRight");
    await page.getByRole("dialog", { name: /Image 2 of 2/ }).waitFor();
    // Fitted: the whole 1024 px square inside the 1440 × 900 window.
    const image = page.getByTestId("viewer-image");
    const box = async () => (await image.boundingBox()) as { x: number; y: number; width: number; height: number };
    await expect.poll(async () => (await box()).height).toBeLessThanOrEqual(900);
    const fitted = await box();
    expect(fitted.width).toBeCloseTo(fitted.height, 0);
    expect(fitted.x).toBeGreaterThanOrEqual(0);
    const counter = page.getByTestId("image-viewer").getByText(/^2 \/ 2 · /);
    expect(await counter.textContent()).toBe("2 / 2 · Fit");
    await page.keyboard.press("+");
    await expect.poll(() => image.getAttribute("data-zoom")).toBe("1.5");
    expect(await counter.textContent()).toBe("2 / 2 · 1.5×");
    // Zoomed: the picture itself grows in both directions, and its left and top edges can be scrolled to.
    await expect.poll(async () => Math.round((await box()).height)).toBe(Math.round(fitted.height * 1.5));
    expect((await box()).width).toBeCloseTo(fitted.width * 1.5, 0);
    // It opens on the middle of the picture, not its top left corner.
    const stage = page.getByTestId("image-viewer").locator("div[data-zoomed]");
    const offCentre = () => stage.evaluate((el) => Math.abs(el.scrollTop - (el.scrollHeight - el.clientHeight) / 2));
    await expect.poll(offCentre).toBeLessThanOrEqual(1);
    expect(await stage.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await page
      .getByTestId("image-viewer")
      .locator("div[data-zoomed]")
      .evaluate((stage) => stage.scrollTo(0, 0));
    expect((await box()).x).toBeGreaterThanOrEqual(0);
    expect((await box()).y).toBeGreaterThanOrEqual(0);
    // The viewer shows the original, never a sized copy.
    expect(await page.getByTestId("viewer-image").getAttribute("src")).toMatch(/\/1\.png$/);
    await page.screenshot({ path: path.join(docs, "viewer.png") });
    await page.keyboard.press("0");
    // A click zooms on the point clicked: 60% down, it is then in the middle (1.5× is 1,350 px
    // square: taller than the 900 px window, not wider, so across it stays centred).
    await expect.poll(async () => Math.round((await box()).height)).toBe(Math.round(fitted.height));
    const at = await box();
    await page.mouse.click(at.x + at.width * 0.75, at.y + at.height * 0.6);
    await expect.poll(() => image.getAttribute("data-zoom")).toBe("1.5");
    const middle = () =>
      stage.evaluate((el) => {
        const view = el.getBoundingClientRect();
        const picture = (el.querySelector("img") as HTMLImageElement).getBoundingClientRect();
        const x = (view.left + el.clientWidth / 2 - picture.left) / picture.width;
        const y = (view.top + el.clientHeight / 2 - picture.top) / picture.height;
        return [Math.round(x * 100), Math.round(y * 100)];
      });
    await expect.poll(middle).toEqual([50, 60]);
    await page.keyboard.press("0");
    await page.keyboard.press("ArrowLeft");
    await page.getByRole("dialog", { name: /Image 1 of 2/ }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("image-viewer").count()).toBe(0);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("zooms a picture smaller than the screen from the size it is shown at", async () => {
    const page = await context.newPage();
    const small = await createThroughApi(page.request, stack.baseUrl, "sdxl-lightning", {
      prompt: "A small owl",
      width: 512,
      height: 512,
    });
    await waitForGeneration(page.request, stack.baseUrl, small.id, (s) => s === "succeeded");
    await page.goto(`${stack.baseUrl}/generations/${small.id}`);
    await page.getByRole("button", { name: "View image 1 full screen" }).click();
    const image = page.getByTestId("viewer-image");
    const width = async () => (await image.boundingBox())?.width ?? 0;
    // Fitted, it is shown at its own size (it is not stretched to the 900 px window)…
    await expect.poll(width).toBe(512);
    // …and 1.5× is 1.5 times that, not 1.5 times the window.
    await page.keyboard.press("+");
    await expect.poll(width).toBe(768);
    await page.close();
  });
});
