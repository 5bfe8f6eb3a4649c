import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// The form in the browser is the model's own schema plus its overlay: help text from the
// schema's descriptions, every offered input (advanced ones collapsed), hidden ones absent, and
// the overlay's tighter limits flagged inline before anything is sent.

const screenshots = path.resolve(import.meta.dirname, "../../test-results");

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
    const advanced = ["scheduler", "num_inference_steps", "guidance_scale", "seed", "refine", "high_noise_frac", "refine_steps"];
    for (const name of advanced) await page.locator(`#field-${name}`).waitFor();
    await page.getByText(/^Refiner noise/).waitFor();
    await page.getByText("For expert_ensemble_refiner, the fraction of noise to use").waitFor();
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
    const pressed = () => shapes.locator("button[aria-pressed=true]").allTextContents();
    expect(await pressed()).toEqual(["1:1"]); // the model's default size is the square
    await shapes.getByRole("button", { name: "Wide 16:9, 1344 × 768" }).click();
    expect(await page.locator("#field-width").inputValue()).toBe("1344");
    expect(await page.locator("#field-height").inputValue()).toBe("768");
    expect(await pressed()).toEqual(["16:9"]);
    // A size typed by hand that is no shape: none is shown as chosen, and the size is kept.
    await page.locator("#field-height").fill("704");
    expect(await pressed()).toEqual([]);
    await shapes.getByRole("button", { name: /^Tall 9:16/ }).click();
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
    await shapes.getByRole("button", { name: "Wide 16:9, 1280 × 704" }).waitFor();
    await page.locator("input[name=model][value=flux-schnell]").check();
    await shapes.waitFor({ state: "detached" });
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
