import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solidPng } from "../helpers/test-images";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// An image input after a failed upload: the upload's error goes when the image is removed or
// replaced, and an empty field still says "Image is required" on Generate.

const NOT_AN_IMAGE = { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") };

describe("an image input's messages", () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let studio: StudioPage;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    studio = new StudioPage(page, stack.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  const field = () => page.locator("[data-image-field=image]");
  const fileInput = () => page.locator('input[type=file][name="image"]');
  const required = () => field().getByRole("alert").filter({ hasText: "Image is required" });
  const refusal = () => field().getByRole("alert").filter({ hasText: /image/i }).filter({ hasNotText: "Image is required" });

  async function openTool(prompt: string): Promise<void> {
    await studio.open();
    await page.getByRole("radio", { name: /SDXL image-to-image/ }).check();
    await studio.promptInput.fill(prompt);
  }

  it("says an empty field is required on Generate, even after a failed upload", async () => {
    await openTool("A lighthouse, after a failed upload");
    await fileInput().setInputFiles(NOT_AN_IMAGE);
    await refusal().waitFor();
    await studio.generateButton.click();
    await required().waitFor();
    expect(await studio.cards("A lighthouse").count()).toBe(0);
    // Focus goes to the field's visible button (the file input it opens is hidden, and out of
    // the accessibility tree: the field has one "Choose file…" button, not a second unnamed one).
    const choose = field().getByRole("button", { name: "Choose file…" });
    await expect.poll(() => choose.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await field().getByRole("button").allTextContents()).toEqual(["Choose file…", "From my images…"]);
  });

  it("drops the upload's error when the image is removed, and then says it is required", async () => {
    await openTool("A harbour, image removed");
    await fileInput().setInputFiles({
      name: "blue.png",
      mimeType: "image/png",
      buffer: await solidPng(64, 64, { r: 30, g: 60, b: 220 }),
    });
    await page.getByRole("img", { name: "Image (chosen)" }).waitFor();
    // Replacing it with a file that is not an image fails: the chosen image stays, with the reason.
    await fileInput().setInputFiles(NOT_AN_IMAGE);
    await refusal().waitFor();
    await page.getByRole("img", { name: "Image (chosen)" }).waitFor();

    await field().getByRole("button", { name: "Remove" }).click();
    await page.getByRole("img", { name: "Image (chosen)" }).waitFor({ state: "detached" });
    expect(await refusal().count()).toBe(0);
    await studio.generateButton.click();
    await required().waitFor();
    expect(await refusal().count()).toBe(0);
    expect(await studio.cards("A harbour").count()).toBe(0);
  });
});
