import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./harness";
import { naturalWidth, StudioPage } from "./pages";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");

describe("generating an image in the browser", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("generates, shows the image in the gallery, and opens its page", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    const prompt = "A lighthouse on a cliff at dusk, watercolor";
    await studio.open();
    // The prompt is in the first screen at 1280 × 900: only the chosen model is described.
    const promptBox = await studio.promptInput.boundingBox();
    expect((promptBox?.y ?? Number.POSITIVE_INFINITY) + (promptBox?.height ?? 0)).toBeLessThanOrEqual(900);
    await studio.generate(prompt);

    const card = studio.cards(prompt);
    await card.waitFor(); // inserted from the 201 answer, before any poll
    await studio.waitForStatus(card, "Succeeded");
    expect(await naturalWidth(card.getByRole("img"))).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, "e2e-home.png"), fullPage: true });

    const detail = await studio.openDetail(prompt);
    await detail.status.filter({ hasText: "Succeeded" }).waitFor();
    expect(await naturalWidth(detail.images.first())).toBeGreaterThan(0);
    expect(await detail.downloadLinks.count()).toBe(1);
    const inputs = await detail.inputs();
    expect(inputs).toMatchObject({ Model: "SDXL Lightning", Prompt: prompt, Size: "1024 × 1024" });
    expect(inputs.Seed).toMatch(/^(\d+|Random)$/);
    // Beside "Took …" (wall clock), the model's own time and the cost are named.
    expect(await page.getByTestId("run-facts").textContent()).toMatch(/^Model time \d+\.\d s · cost ≈ \$0\.\d+$/);
    await page.screenshot({ path: path.join(screenshots, "e2e-detail.png"), fullPage: true });
  });

  it("validates inline and creates one generation on a double click", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await studio.generateButton.click();
    await page.getByText("Prompt is required").waitFor();

    const prompt = "Double clicked owl portrait";
    await studio.promptInput.fill(prompt);
    await studio.generateButton.dblclick();
    await studio.waitForStatus(studio.cards(prompt), "Succeeded");
    await page.reload();
    await studio.waitForStatus(studio.cards(prompt), "Succeeded");
    expect(await studio.cards(prompt).count()).toBe(1);

    // From the keyboard, focus stays on the button while it starts the run and after (a disabled
    // button dropped it to the page, and a screen reader lost its place).
    const keyed = "An owl started from the keyboard";
    await studio.promptInput.fill(keyed);
    await studio.generateButton.focus();
    await page.keyboard.press("Enter");
    await studio.cards(keyed).waitFor();
    expect(await studio.generateButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await studio.waitForStatus(studio.cards(keyed), "Succeeded");
  });

  it("cancels a running generation from its card: one cancel reaches Replicate, no image stored", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A cathedral that takes forever [cold-start:600]";
    await studio.generate(prompt);
    const card = studio.cards(prompt);
    await studio.waitForStatus(card, "Starting");
    await card.getByRole("button", { name: "Cancel" }).click();
    await studio.waitForStatus(card, "Canceled", 15_000);
    expect(await card.getByRole("button", { name: "Cancel" }).count()).toBe(0);
    expect(await card.getByRole("img").count()).toBe(0);

    const log = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()) as {
      requests: { method: string; path: string }[];
    };
    expect(log.requests.filter((r) => r.method === "POST" && r.path.endsWith("/cancel"))).toHaveLength(1);

    const detail = await studio.openDetail(prompt);
    await detail.status.filter({ hasText: "Canceled" }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "e2e-canceled.png"), fullPage: true });
  });
});
