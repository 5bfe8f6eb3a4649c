import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solidPng } from "../helpers/test-images";
import { type Stack, startStack } from "./harness";
import { GenerationDetailPage, naturalWidth, StudioPage } from "./pages";

// Images in, images out, in a real browser: upload a PNG and run SDXL image-to-image, paint a mask
// (pointer and keyboard) and inpaint, then chain from the output: upscale (dimensions × the scale),
// remove the background (alpha), edit by instruction. Every output is stored, and the lineage
// shows. Screenshots for the README land in docs/ (tools-*.png).

const docs = path.resolve(import.meta.dirname, "../../docs");
const failures = path.resolve(import.meta.dirname, "../../test-results");
const INPUT = { width: 96, height: 64 };

describe("image tools in the browser", () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let studio: StudioPage;
  let img2imgUrl: string;

  beforeAll(async () => {
    mkdirSync(docs, { recursive: true });
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    studio = new StudioPage(page, stack.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  /** Generate, and the mask's slot says a mask is required (nothing starts). */
  const generateAskingForMask = async () => {
    await studio.generateButton.click();
    await page
      .locator("[data-mask-painter=mask]")
      .getByRole("alert")
      .filter({ hasText: /required/ })
      .waitFor();
  };
  /** The picker as it looks, for a person to check (test-results/, not the README's docs/). */
  const pickerShots = async (on: Page, name: string) => {
    mkdirSync(failures, { recursive: true });
    await on.getByRole("dialog").screenshot({ path: path.join(failures, `output-picker-${name}.png`) });
  };
  const chooseTool = (label: string | RegExp) => page.getByRole("radio", { name: label }).check();
  const imageFile = (name = "image") => page.locator(`input[type=file][name="${name}"]`);
  const storedBytes = async (url: string) => Buffer.from(await (await fetch(new URL(url, stack.baseUrl))).arrayBuffer());

  /**
   * Drags the mouse across `canvas` from one point to another, each given as fractions of its
   * width and height. The form column scrolls on its own: the canvas is brought on screen first,
   * for the pointer to reach it.
   */
  async function paintStroke(canvas: Locator, [x0, y0]: [number, number], [x1, y1]: [number, number], steps: number) {
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error("no canvas box");
    await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps });
    await page.mouse.up();
  }

  // Holds the next uploads until `release()`; `reached` settles once one has been sent, so a test
  // can change the form while it is on its way. The caller removes the route after.
  async function holdUploads(): Promise<{ reached: Promise<void>; release: () => void }> {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    await page.route("**/api/uploads", async (route) => {
      arrived();
      await held;
      await route.fallback();
    });
    return { reached, release };
  }

  /** Submits (or `submit` does), then opens the run's page once it has succeeded. */
  async function runAndOpen(cardText: string, submit = () => studio.generateButton.click()): Promise<GenerationDetailPage> {
    await submit();
    const card = studio.cards(cardText).first();
    await studio.waitForStatus(card, "Succeeded").catch(async (error: unknown) => {
      mkdirSync(failures, { recursive: true });
      await page.screenshot({ path: path.join(failures, `image-tools-${cardText.replace(/\W+/g, "-")}.png`), fullPage: true });
      throw error;
    });
    await card.getByRole("link", { name: cardText }).click();
    await page.waitForURL(/\/generations\/[^/]+$/);
    const detail = new GenerationDetailPage(page);
    await detail.status.filter({ hasText: "Succeeded" }).waitFor();
    expect(await naturalWidth(detail.images.first())).toBeGreaterThan(0);
    return detail;
  }

  it("uploads a PNG and runs SDXL image-to-image (a text file renamed .png is refused first, with the server's reason)", async () => {
    await studio.open();
    await chooseTool(/SDXL image-to-image/);
    await imageFile().setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
    const refused = page.locator("[data-image-field=image]").getByRole("alert");
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/image/i);
    expect(await page.getByRole("img", { name: "Image (chosen)" }).count()).toBe(0);
    await imageFile().setInputFiles({
      name: "red.png",
      mimeType: "image/png",
      buffer: await solidPng(INPUT.width, INPUT.height, { r: 230, g: 40, b: 40 }),
    });
    await page.getByRole("img", { name: "Image (chosen)" }).waitFor();
    // The refusal goes once an image is in.
    expect(await refused.count()).toBe(0);
    await studio.promptInput.fill("A red sailing boat");
    await page.locator("[data-image-field=image]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(docs, "tools-image-input.png") });
    const detail = await runAndOpen("A red sailing boat");
    img2imgUrl = page.url();
    const src = (await detail.images.first().getAttribute("src")) as string;
    const meta = await sharp(await storedBytes(src)).metadata();
    expect([meta.width, meta.height]).toEqual([INPUT.width, INPUT.height]);
    // Shown no wider than it is (it was stretched to the 800 px column, blurred).
    const shown = await detail.images.first().evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(INPUT.width);
  });

  it("paints a mask (pointer and keyboard) and inpaints", async () => {
    await studio.open();
    await chooseTool(/SDXL inpainting/);
    // Before an image: the mask is a field of its own, labelled, a box as wide as the image's
    // saying what comes first (it was a grey line in half a row).
    const slot = page.getByRole("group", { name: /^Mask/ });
    await slot.getByText("Choose an image above first, then paint over it here.").waitFor();
    expect(
      await page
        .locator("[data-mask-painter=mask]")
        .getByText(/^Mask \*$/)
        .isVisible(),
    ).toBe(true);
    const [slotBox, imageBox] = await Promise.all([
      slot.boundingBox(),
      page.getByRole("group", { name: /^Image\b/ }).boundingBox(),
    ]);
    if (!slotBox || !imageBox) throw new Error("no mask or image box");
    expect(slotBox.width).toBeCloseTo(imageBox.width, 0);
    expect(slotBox.height).toBeGreaterThanOrEqual(120);
    // Generate with neither: the slot says the mask is required, as the image field does.
    await studio.promptInput.fill("A green island");
    await generateAskingForMask();
    await page.getByRole("button", { name: "From my images…" }).click();
    // Each tile says which image it is: the prompt, the model, when (it said "Use SDXL Lightning
    // output 1", the same for every run of a model). The caption shows the prompt and the time.
    const tile = page
      .getByRole("dialog")
      .getByRole("button", { name: /^Use “A red sailing boat” from SDXL image-to-image, (just now|\d+ minutes? ago)$/ });
    await tile.waitFor();
    expect((await tile.innerText()).trim()).toMatch(/^A red sailing boat\n(just now|\d+ minutes? ago)$/);
    expect(await tile.getAttribute("title")).toBe("A red sailing boat");
    await pickerShots(page, "1440");
    await tile.click();
    const canvas = page.getByRole("img", { name: /Mask: paint over the image/ });
    await canvas.waitFor();
    await paintStroke(canvas, [0.2, 0.3], [0.5, 0.6], 8);
    await canvas.focus();
    await page.keyboard.down(" ");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.up(" ");
    await page.getByRole("button", { name: "Undo" }).click();
    // "Use this mask" uploads what is painted; it is then the field's value.
    const uploaded = async (act: () => Promise<unknown>) => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/api/uploads" && r.request().method() === "POST"),
        act(),
      ]);
      return ((await res.json()) as { url: string }).url;
    };
    const first = await uploaded(() => page.getByRole("button", { name: "Use this mask" }).click());
    await page.getByRole("status").filter({ hasText: "Mask saved." }).waitFor();
    // Painted again and not used: Generate uploads it before it starts the run, which gets the new mask.
    await paintStroke(canvas, [0.7, 0.2], [0.8, 0.4], 4);
    await page.getByRole("status").filter({ hasText: "Changed since it was used" }).waitFor();
    let uploadsOnGenerate = 0;
    const countUploads = (r: { url: () => string; method: () => string }) => {
      if (new URL(r.url()).pathname === "/api/uploads" && r.method() === "POST") uploadsOnGenerate++;
    };
    page.on("request", countUploads);
    // A missing prompt is said before the mask is uploaded: nothing is sent for a run that cannot start.
    await studio.promptInput.fill("");
    await studio.generateButton.click();
    await page.getByText("Prompt is required").waitFor();
    expect(uploadsOnGenerate).toBe(0);
    await studio.promptInput.fill("A green island");
    await page.locator("[data-mask-painter=mask]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(docs, "tools-mask.png") });
    // The upload is held while the prompt is edited: the run takes the prompt as it is when the
    // upload is done, not as it was at the press.
    const firstHold = await holdUploads();
    const second = await uploaded(() =>
      runAndOpen("A green island at dusk", async () => {
        await studio.generateButton.click();
        await firstHold.reached;
        await studio.promptInput.fill("A green island at dusk");
        firstHold.release();
      }),
    );
    await page.unroute("**/api/uploads");
    page.off("request", countUploads);
    expect(second).not.toBe(first);
    expect(uploadsOnGenerate).toBe(1);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string);
    const view = (await (await page.request.get(`${stack.baseUrl}/api/generations/${id}`)).json()) as {
      input: Record<string, unknown>;
    };
    expect(String(view.input.mask)).toContain(new URL(second, stack.baseUrl).pathname);
    expect(view.input.prompt).toBe("A green island at dusk");

    // Edit settings: the mask that ran is drawn over its image, so what is seen is what runs again.
    await page.getByRole("link", { name: "Edit settings" }).click();
    await page.waitForURL(/[?&]edit=/);
    const edited = page.getByRole("img", { name: /Mask: paint over the image/ });
    await edited.waitFor();
    const paintedPixels = () =>
      edited.evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
        return painted;
      });
    await expect.poll(paintedPixels).toBeGreaterThan(0);
    // Cleared: the old mask does not run unseen (Generate asks for one).
    await page.getByRole("button", { name: "Clear" }).click();
    await generateAskingForMask();
    // Another image: the mask that ran does not fit it, and goes too.
    await page.goBack();
    await page.getByRole("link", { name: "Edit settings" }).click();
    await page.waitForURL(/[?&]edit=/);
    await edited.waitFor();
    await expect.poll(paintedPixels).toBeGreaterThan(0);
    // Painted again, and another image chosen while Generate uploads that mask: the mask was for
    // the old image, so nothing starts, and the form says why.
    await paintStroke(edited, [0.3, 0.7], [0.4, 0.8], 4);
    const runsBefore = await studio.cards("A green island at dusk").count();
    const maskHold = await holdUploads();
    await studio.generateButton.click();
    await maskHold.reached;
    await page.locator("[data-image-field=image]").getByRole("button", { name: "From my images…" }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Use “A green island at dusk”/ })
      .first()
      .click();
    maskHold.release();
    await page
      .getByRole("alert")
      .filter({ hasText: "The image changed while its mask was being saved, so nothing was started." })
      .waitFor();
    await page.unroute("**/api/uploads");
    expect(await studio.cards("A green island at dusk").count()).toBe(runsBefore);
    await page.locator("[data-image-field=image]").getByRole("button", { name: "Remove" }).click();
    await generateAskingForMask();
  });

  it("upscales an output: its dimensions times the scale", async () => {
    await page.goto(img2imgUrl);
    await page.getByRole("link", { name: "Upscale" }).first().click();
    await page.waitForURL(/tool=upscale/);
    await page.getByRole("textbox", { name: /Scale/ }).fill("2");
    // A tool's button names its job.
    expect(await studio.generateButton.innerText()).toBe("Upscale");
    const detail = await runAndOpen("Upscale (Real-ESRGAN)");
    const src = (await detail.images.first().getAttribute("src")) as string;
    const meta = await sharp(await storedBytes(src)).metadata();
    expect([meta.width, meta.height]).toEqual([INPUT.width * 2, INPUT.height * 2]);
    await page.getByRole("heading", { name: "Lineage" }).waitFor();
    await page.getByRole("link", { name: /SDXL image-to-image/ }).waitFor();
  });

  it("removes a background: the output has an alpha channel", async () => {
    await page.goto(img2imgUrl);
    await page.getByRole("link", { name: "Remove background" }).first().click();
    await page.waitForURL(/tool=remove-bg/);
    expect(await studio.generateButton.innerText()).toBe("Remove background");
    const detail = await runAndOpen("Remove background");
    const src = (await detail.images.first().getAttribute("src")) as string;
    expect((await sharp(await storedBytes(src)).metadata()).hasAlpha).toBe(true);
    // Its transparent parts show over a checkerboard, not the frame's grey.
    expect(await detail.images.first().evaluate((img) => getComputedStyle(img).backgroundImage)).toContain("conic-gradient");
    // No seed and no prompt: nothing offers to keep, vary or copy them.
    await page.getByRole("button", { name: "Run again" }).waitFor();
    for (const control of [
      page.getByRole("checkbox", { name: "Same seed" }),
      page.getByRole("button", { name: "Variations" }),
      page.getByRole("button", { name: "Copy prompt" }),
      page.getByRole("button", { name: "Copy seed" }),
    ])
      expect(await control.count(), String(control)).toBe(0);
  });

  it("edits by instruction, and the parent's page shows every child", async () => {
    await page.goto(img2imgUrl);
    await page.getByRole("link", { name: "Edit by instruction", exact: true }).first().click();
    await page.waitForURL(/tool=flux-kontext-pro/);
    await page.getByRole("textbox", { name: "Instruction" }).fill("Make it a watercolour");
    await runAndOpen("Make it a watercolour");
    await page.goto(img2imgUrl);
    const children = page.locator("[data-lineage=children] li");
    // The inpainting picked this output from "From my images…" too: four children.
    await children.nth(3).waitFor();
    const labels = (await children.allTextContents()).join(" | ");
    for (const tool of ["SDXL inpainting", "Upscale", "Remove background", "Edit by instruction"]) expect(labels).toContain(tool);
    await page.screenshot({ path: path.join(docs, "tools-lineage.png") });
  });

  it("looks right on a phone and in dark mode", async () => {
    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    const small = await phone.newPage();
    await small.goto(`${stack.baseUrl}/?tool=sdxl-inpaint`);
    await small.getByRole("heading", { name: "New generation" }).waitFor();
    await small.screenshot({ path: path.join(docs, "tools-phone-dark.png") });
    await phone.close();
  });

  it("tells the images in the picker apart on a phone: each tile whole, its prompt or tool and time shown", async () => {
    // The same visitor (its cookie), with every image the tests above made.
    const phone = await stack.browser.newContext({
      viewport: { width: 390, height: 844 },
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    await small.goto(`${stack.baseUrl}/?tool=sdxl-inpaint`);
    await small.getByRole("button", { name: "From my images…" }).click();
    const dialog = small.getByRole("dialog");
    const tiles = dialog.getByRole("button", { name: /^Use / });
    await tiles.nth(4).waitFor();
    const names = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    // No two tiles share a name, and a run without a prompt is named by its tool.
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContainEqual(expect.stringMatching(/^Use the Upscale \(Real-ESRGAN\) output, (just now|\d+ minutes? ago)$/));
    expect(names).toContainEqual(expect.stringMatching(/^Use “Make it a watercolour” from Edit by instruction/));
    const dialogBox = await dialog.boundingBox();
    if (!dialogBox) throw new Error("no dialog box");
    for (const box of await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
      // Compact: a thumbnail and two short lines.
      expect(box.height - box.width).toBeLessThan(48);
    }
    await pickerShots(small, "390");
    await phone.close();
  });
});
