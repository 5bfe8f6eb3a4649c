import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solidPng } from "../helpers/test-images";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// The form in the browser is the model's own schema plus its overlay: help text from the
// schema's descriptions, every offered input (advanced ones collapsed), hidden ones absent, and
// the overlay's tighter limits flagged inline before anything is sent.

const screenshots = path.resolve(import.meta.dirname, "../../test-results");

/**
 * The chosen option's text, the widest option's, and the room a select gives them. A select's
 * scrollWidth is its clientWidth however long its text (Chromium clips it), so the text is
 * measured in the select's font and compared with its content box (less its right padding, where
 * the arrow is drawn).
 */
function optionsFit(select: Locator) {
  return select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement("canvas").getContext("2d");
    if (!context) throw new Error("no canvas");
    context.font = style.font;
    const widest = Math.max(...[...el.options].map((o) => context.measureText(o.text).width));
    const room = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const text = el.selectedOptions[0]?.text ?? "";
    return { text, widest, room, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
}

describe("the generation form follows each model's schema", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 1400 } });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("shows SDXL's inputs with the schema's help, hides its file and LoRA inputs, checks sizes inline", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await page.locator("input[name=model][value=sdxl]").check();
    await page.getByText("Advanced").click();
    const advanced = ["scheduler", "num_inference_steps", "guidance_scale", "seed", "refine"];
    for (const name of advanced) await page.locator(`#field-${name}`).waitFor();
    expect(await page.locator("#field-refine option:checked").textContent()).toBe("None"); // no_refiner
    // The refiner's own settings come with it (see the refiner test below).
    await page.locator("#field-refine").selectOption("expert_ensemble_refiner");
    await page.getByText(/^Refiner noise/).waitFor();
    await page.getByText("With the Expert ensemble refiner: the fraction of noise to use").waitFor();
    await page.locator("#field-refine").selectOption("no_refiner");
    // Named samplers and refiners ("DPM-Solver multistep") take a whole row, and show whole.
    for (const name of ["scheduler", "refine"]) {
      const fit = await optionsFit(page.locator(`#field-${name}`));
      expect(fit.widest, name).toBeLessThanOrEqual(fit.room);
    }
    expect(await page.locator("#field-image, #field-mask, #field-lora_scale, #field-replicate_weights").count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "e2e-sdxl-form.png"), fullPage: true });

    await studio.promptInput.fill("A lighthouse");
    await page.locator("#field-width").fill("1000");
    await studio.generateButton.click();
    await page.getByText("Must be a multiple of 64").waitFor();
    const log = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()) as { requests: { method: string }[] };
    expect(log.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("sets width and height from a Shape, shows which shape the sizes make, and runs at that size", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await page.locator("input[name=model][value=sdxl]").check();
    const shapes = page.getByRole("group", { name: "Shape" });
    const pressed = () => shapes.locator("label:has(input:checked)").allTextContents();
    // Its tile is what a person clicks (the radio inside is not drawn).
    const chooseShape = (name: string | RegExp) =>
      shapes
        .locator("label")
        .filter({ has: page.getByRole("radio", { name }) })
        .click();
    expect(await pressed()).toEqual(["1:1"]); // the model's default size is the square
    await chooseShape("Wide 16:9, 1344 × 768");
    expect(await page.locator("#field-width").inputValue()).toBe("1344");
    expect(await page.locator("#field-height").inputValue()).toBe("768");
    expect(await pressed()).toEqual(["16:9"]);
    // A size typed by hand that is no shape: none is shown as chosen, and the size is kept.
    await page.locator("#field-height").fill("704");
    expect(await pressed()).toEqual([]);
    // A radio group: one Tab stop, and the arrow keys move between shapes, choosing as they go.
    expect(await shapes.getByRole("radio").count()).toBe(7);
    await chooseShape(/^Portrait 2:3/);
    await page.keyboard.press("ArrowLeft");
    expect(await pressed()).toEqual(["9:16"]);
    expect([await page.locator("#field-width").inputValue(), await page.locator("#field-height").inputValue()]).toEqual([
      "768",
      "1344",
    ]);
    const prompt = "A tall lighthouse, by shape";
    await studio.generate(prompt);
    const id = await studio.cards(prompt).first().getAttribute("data-generation-id");
    const res = await page.request.get(`${stack.baseUrl}/api/generations/${id}`);
    const generation = (await res.json()) as { input: Record<string, unknown> };
    expect([generation.input.width, generation.input.height]).toEqual([768, 1344]);
    // SDXL Lightning's limit is 1280: its wide shape stays within it. A model without a width has none.
    await page.locator("input[name=model][value=sdxl-lightning]").check();
    await shapes.getByRole("radio", { name: "Wide 16:9, 1280 × 704" }).waitFor();
    await page.locator("input[name=model][value=flux-schnell]").check();
    await shapes.waitFor({ state: "detached" });
  });

  it("shows a refiner's settings only with that refiner, and sends none of them without it", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await page.locator("input[name=model][value=sdxl]").check();
    await page.getByText("Advanced", { exact: true }).click();
    const refiner = page.getByRole("combobox", { name: "Refiner" });
    const noise = page
      .getByRole("spinbutton", { name: /Refiner noise/ })
      .or(page.getByRole("textbox", { name: /Refiner noise/ }));
    const steps = page
      .getByRole("spinbutton", { name: /Refiner steps/ })
      .or(page.getByRole("textbox", { name: /Refiner steps/ }));
    expect([await noise.count(), await steps.count()]).toEqual([0, 0]);
    await refiner.selectOption({ label: "Expert ensemble" });
    await noise.waitFor();
    expect(await steps.count()).toBe(0);
    await refiner.selectOption({ label: "Base image" });
    await steps.waitFor();
    expect(await noise.count()).toBe(0);
    // Set, then its refiner given up: the value is not sent (before, it went, for nothing).
    await steps.fill("7");
    await refiner.selectOption({ label: "None" });
    await steps.waitFor({ state: "detached" });
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/generations"));
    await studio.generate("A refined nothing");
    const body = (await sent).postDataJSON() as { input: Record<string, unknown> };
    expect(Object.keys(body.input)).not.toContain("high_noise_frac");
    expect(Object.keys(body.input)).not.toContain("refine_steps");
  });

  it("FLUX starts seeds at 1 (0 means random to it) and explains go_fast", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    await page.locator("input[name=model][value=flux-schnell]").check();
    await page.getByText("Advanced").click();
    await page.getByText("images vary even with a fixed seed").waitFor();
    await studio.promptInput.fill("A kite");
    await page.locator("#field-seed").fill("0");
    await studio.generateButton.click();
    await page.getByText("Must be at least 1").waitFor();
  });

  it("labels an enum's machine values ('Match input image'), whole at 390 px, and sends the schema's value", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}/?tool=flux-kontext-pro`);
      const aspect = page.locator("#field-aspect_ratio");
      await aspect.waitFor();
      expect(await aspect.locator("option:checked").getAttribute("value")).toBe("match_input_image");
      // In the form's grid (two columns) in the desktop column and on a phone.
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        const fit = await optionsFit(aspect);
        expect(fit.text).toBe("Match input image");
        expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
        expect(fit.widest, `an option is cut off at ${width} px`).toBeLessThanOrEqual(fit.room);
      }
      await page.getByText("Aspect ratio of the edited image. “Match input image” keeps the shape of your image.").waitFor();
      expect(await page.locator("#field-output_format option").allTextContents()).toEqual(["JPEG", "PNG"]);
      expect(await page.locator("form").innerText()).not.toMatch(/match_input_image|\bjpg\b/);
      await page.screenshot({ path: path.join(screenshots, "e2e-kontext-phone.png"), fullPage: true });

      await page.locator('input[type=file][name="input_image"]').setInputFiles({
        name: "blue.png",
        mimeType: "image/png",
        buffer: await solidPng(64, 48, { r: 40, g: 60, b: 220 }),
      });
      await page.getByRole("img", { name: "Image (chosen)" }).waitFor();
      const prompt = "Make it dusk, matched";
      await page.getByRole("textbox", { name: "Instruction" }).fill(prompt);
      // Chosen by label, sent as the schema's value. The aspect ratio is the default, which the
      // form leaves out and the server fills in.
      await aspect.selectOption({ label: "16:9" });
      await aspect.selectOption({ label: "Match input image" });
      await page.locator("#field-output_format").selectOption({ label: "JPEG" });
      const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/generations"));
      // Kontext edits: its button says so.
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      const body = (await sent).postDataJSON() as { input: Record<string, unknown> };
      expect(body.input).toMatchObject({ output_format: "jpg" });
      expect(body.input.aspect_ratio ?? "match_input_image").toBe("match_input_image");
      const studio = new StudioPage(page, stack.baseUrl);
      await studio.waitForStatus(studio.cards(prompt), "Succeeded");
      const predictions = (await (
        await fetch(`${stack.emulatorUrl}/v1/predictions`, { headers: { authorization: "Bearer t" } })
      ).json()) as { results: { input: Record<string, unknown> }[] };
      const run = predictions.results.find((p) => p.input.prompt === prompt);
      expect(run?.input).toMatchObject({ aspect_ratio: "match_input_image", output_format: "jpg" });
      // The generation's page reads as the form did.
      const detail = await studio.openDetail(prompt);
      await detail.status.filter({ hasText: "Succeeded" }).waitFor();
      expect(await detail.inputs()).toMatchObject({ "Aspect ratio": "Match input image", Format: "JPEG" });
    } finally {
      await context.close();
    }
  });

  it("offers Variations only to a model with a seed, and a tool chosen after them runs once", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const variations = page.getByRole("combobox", { name: "Variations" });
    await variations.selectOption("2");
    await expect.poll(() => page.getByTestId("cost-estimate").textContent()).toMatch(/2 runs/);
    // Remove background has no seed: before, the form still offered "2 seeds" and the server refused.
    await page.locator("input[name=model][value=remove-bg]").check();
    expect(await variations.count()).toBe(0);
    await expect.poll(() => page.getByTestId("cost-estimate").textContent()).not.toMatch(/runs/);
    await page.locator("input[name=model][value=sdxl-lightning]").check();
    expect(await variations.inputValue()).toBe("1");
  });

  it("Ctrl+Enter submits from anywhere in the form, not only the prompt", async () => {
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A kite sent from a Compare box";
    await studio.promptInput.fill(prompt);
    const box = page.locator("input[name=compare-with][value=sdxl]");
    await box.check();
    await box.focus();
    await page.keyboard.press("Control+Enter");
    await page.getByTestId("compare-card").filter({ hasText: prompt }).waitFor();
  });
});
