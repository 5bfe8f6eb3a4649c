import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelFormSpecs } from "../../src/lib/replicate/models";
import type { GenerationView } from "../../src/shared/generation-view";
import { fieldsInUse } from "../../src/shared/model-form";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// The studio's creator features in Chromium: re-roll and same seed, Edit, a compare group of
// three models, four variations, and delete (the files leave storage). The viewer is viewer.test.ts.
// The compare screenshot is the README's (docs/).

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

  const sdxlFields = () => modelFormSpecs().find((m) => m.key === "sdxl")?.fields ?? [];
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
    // Every input the generation ran with (the server fills in each default) is in its field,
    // but for a refiner's settings, offered only with that refiner (it ran with none).
    const inUse = new Set(fieldsInUse(sdxlFields(), generation.input).map((f) => f.name));
    const names = Object.keys(generation.input).filter((name) => inUse.has(name));
    expect(names.length).toBeGreaterThan(8);
    for (const name of ["high_noise_frac", "refine_steps"]) expect(await page.locator(`#field-${name}`).count(), name).toBe(0);
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
    // Every run has ended: the total is what they used, and one zip holds all three images.
    await page.getByText(/ · total cost ≈ \$0\.\d+$/).waitFor();
    const zip = await page.request.get(
      new URL((await page.getByRole("link", { name: "Download all" }).getAttribute("href")) as string, stack.baseUrl).href,
    );
    expect(zip.status()).toBe(200);
    expect(zip.headers()["content-type"]).toBe("application/zip");
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
});
