import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThroughApi, waitForGeneration } from "./api-generations";
import { expectNoAxeViolations } from "./axe";
import { type Stack, startStack } from "./harness";
import { ViewerPage } from "./viewer-page";

// The full-screen viewer in Chromium at 1440 × 900, on two 1024 px square images: the keyboard
// (arrows change the image when fitted and move around it when zoomed), zooming by click, keys and
// Ctrl + wheel, and a mouse drag that moves the zoomed picture. Takes the README's docs/viewer.png.

const docs = path.resolve(import.meta.dirname, "../../docs");

describe("the full-screen viewer", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startStack();
    // No smooth scrolling: an arrow's step is done when the key is, so it can be measured.
    context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: "reduce" });
  });
  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  /** A generation of `images` made through the API, its page opened and hydrated. */
  async function generationPage(prompt: string, input: Record<string, unknown> = { num_outputs: 2 }): Promise<Page> {
    const page = await context.newPage();
    const made = await createThroughApi(page.request, stack.baseUrl, "sdxl-lightning", { prompt, ...input });
    await waitForGeneration(page.request, stack.baseUrl, made.id, (s) => s === "succeeded");
    await page.goto(`${stack.baseUrl}/generations/${made.id}`);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    return page;
  }

  /** Opens image 1 with a click and zooms it to 3× (wider and taller than the window) from the keyboard. */
  async function zoomedViewer(prompt: string): Promise<ViewerPage> {
    const page = await generationPage(prompt);
    await page.getByRole("button", { name: "View image 1 full screen" }).click();
    const viewer = new ViewerPage(page);
    await viewer.showing(1).waitFor();
    for (let step = 0; step < 3; step++) await page.keyboard.press("+");
    await expect.poll(() => viewer.zoom()).toBe("3");
    return viewer;
  }

  it("works from the keyboard: arrows, zoom, Escape", async () => {
    const page = await generationPage("Two owls for the viewer");
    const opener = page.getByRole("button", { name: "View image 1 full screen" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const viewer = new ViewerPage(page);
    await viewer.showing(1).waitFor();
    // The keys' target has the focus, and tells a screen reader what they do.
    expect(await viewer.stage.evaluate((el) => el === document.activeElement)).toBe(true);
    const description = () =>
      viewer.stage.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent);
    expect(await description()).toMatch(/← → other images.*arrow keys to move/);
    await page.keyboard.press("ArrowRight");
    await viewer.showing(2).waitFor();
    // Fitted: the whole 1024 px square inside the 1440 × 900 window.
    await expect.poll(async () => (await viewer.box()).height).toBeLessThanOrEqual(900);
    const fitted = await viewer.box();
    expect(fitted.width).toBeCloseTo(fitted.height, 0);
    expect(fitted.x).toBeGreaterThanOrEqual(0);
    expect(await viewer.counter()).toBe("2 / 2 · Fit");
    await page.keyboard.press("+");
    await expect.poll(() => viewer.zoom()).toBe("1.5");
    expect(await viewer.counter()).toBe("2 / 2 · 1.5×");
    expect(await viewer.hint.textContent()).toMatch(/arrow keys to move/);
    // Zoomed: the picture itself grows in both directions, and its left and top edges can be scrolled to.
    await expect.poll(async () => Math.round((await viewer.box()).height)).toBe(Math.round(fitted.height * 1.5));
    expect((await viewer.box()).width).toBeCloseTo(fitted.width * 1.5, 0);
    // It opens on the middle of the picture, not its top left corner.
    const offCentre = async () => {
      const { top, maxTop } = await viewer.scroll();
      return Math.abs(top - maxTop / 2);
    };
    await expect.poll(offCentre).toBeLessThanOrEqual(1);
    expect((await viewer.scroll()).maxTop).toBeGreaterThan(0);
    await viewer.stage.evaluate((stage) => stage.scrollTo(0, 0));
    expect((await viewer.box()).x).toBeGreaterThanOrEqual(0);
    expect((await viewer.box()).y).toBeGreaterThanOrEqual(0);
    // The viewer shows the original, never a sized copy.
    expect(await viewer.image.getAttribute("src")).toMatch(/\/1\.png$/);
    await page.screenshot({ path: path.join(docs, "viewer.png") });
    await expectNoAxeViolations(page, "the zoomed viewer");
    await page.keyboard.press("0");
    // A click zooms on the point clicked: 60% down, it is then in the middle (1.5× is 1,350 px
    // square: taller than the 900 px window, not wider, so across it stays centred).
    await expect.poll(async () => Math.round((await viewer.box()).height)).toBe(Math.round(fitted.height));
    const at = await viewer.box();
    await page.mouse.click(at.x + at.width * 0.75, at.y + at.height * 0.6);
    await expect.poll(() => viewer.zoom()).toBe("1.5");
    await expect.poll(() => viewer.pointAt()).toEqual([50, 60]);
    await page.keyboard.press("0");
    await page.keyboard.press("ArrowLeft");
    await viewer.showing(1).waitFor();
    await expectNoAxeViolations(page, "the fitted viewer");
    await page.keyboard.press("Escape");
    await expect.poll(() => viewer.dialog.count()).toBe(0);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("zoomed, the arrow keys move around the picture (Shift: further) and keep it; fitted, they change it", async () => {
    const viewer = await zoomedViewer("Two herons to pan");
    const { page } = viewer;
    const src = await viewer.image.getAttribute("src");
    const start = await viewer.scroll();
    expect(start.maxLeft).toBeGreaterThan(0);
    expect(start.maxTop).toBeGreaterThan(0);
    // Each arrow moves a tenth of the view (a pixel of rounding allowed), Shift+arrow eight tenths.
    const scrolledTo = async (left: number, top: number) => {
      await expect.poll(async () => Math.abs((await viewer.scroll()).left - left)).toBeLessThanOrEqual(1);
      await expect.poll(async () => Math.abs((await viewer.scroll()).top - top)).toBeLessThanOrEqual(1);
    };
    const step = { x: start.width * 0.1, y: start.height * 0.1, far: start.height * 0.8 };
    await page.keyboard.press("ArrowRight");
    await scrolledTo(start.left + step.x, start.top);
    await page.keyboard.press("ArrowDown");
    await scrolledTo(start.left + step.x, start.top + step.y);
    await page.keyboard.press("Shift+ArrowUp");
    await scrolledTo(start.left + step.x, start.top + step.y - step.far);
    await page.keyboard.press("ArrowLeft");
    await scrolledTo(start.left, start.top + step.y - step.far);
    // Still the same image, still zoomed.
    expect(await viewer.counter()).toBe("1 / 2 · 3×");
    expect(await viewer.showing(1).count()).toBe(1);
    expect(await viewer.image.getAttribute("src")).toBe(src);
    // Fitted again, → is the next image.
    await page.keyboard.press("0");
    await expect.poll(() => viewer.zoom()).toBe("1");
    await page.keyboard.press("ArrowRight");
    await viewer.showing(2).waitFor();
    expect(await viewer.counter()).toBe("2 / 2 · Fit");
    await page.close();
  });

  it("zoomed, a mouse drag moves the picture and leaves it zoomed; a click still fits it", async () => {
    const viewer = await zoomedViewer("Two gulls to drag");
    const { page } = viewer;
    const start = await viewer.scroll();
    await page.mouse.move(720, 450);
    await page.mouse.down();
    await page.mouse.move(620, 400, { steps: 4 });
    await expect.poll(() => viewer.stage.getAttribute("data-dragging")).toBe("true");
    await page.mouse.move(520, 300, { steps: 4 });
    await page.mouse.up();
    // The picture follows the hand: dragged left and up, the view moves right and down.
    const moved = await viewer.scroll();
    expect(Math.abs(moved.left - (start.left + 200))).toBeLessThanOrEqual(1);
    expect(Math.abs(moved.top - (start.top + 150))).toBeLessThanOrEqual(1);
    await expect.poll(() => viewer.stage.getAttribute("data-dragging")).toBe("false");
    // The drag's release was not a click: still 3×.
    await page.waitForTimeout(100);
    expect(await viewer.zoom()).toBe("3");
    expect(await viewer.counter()).toBe("1 / 2 · 3×");
    // A click that does not move is one, as before.
    await page.mouse.click(720, 450);
    await expect.poll(() => viewer.zoom()).toBe("1");
    await page.close();
  });

  it("Ctrl + wheel zooms around the pointer instead of zooming the page; a pinch's small steps add up", async () => {
    const page = await generationPage("Two terns to wheel");
    await page.getByRole("button", { name: "View image 1 full screen" }).click();
    const viewer = new ViewerPage(page);
    await viewer.showing(1).waitFor();
    await expect.poll(async () => Math.round((await viewer.box()).height)).toBe(900);
    // Whether the page's own zoom was cancelled: seen after the viewer's listener, at the window.
    await page.evaluate(() => {
      const seen: boolean[] = [];
      Object.assign(window, { wheelsCancelled: seen });
      window.addEventListener("wheel", (event) => seen.push(event.defaultPrevented), { passive: true });
    });
    const fitted = await viewer.box();
    const at = { x: fitted.x + fitted.width * 0.4, y: fitted.y + fitted.height * 0.6 };
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await expect.poll(() => viewer.zoom()).toBe("1.5");
    // The point that was under the pointer still is: 60% down (1.5× is 1,350 px square: taller
    // than the window, not wider, so across it stays centred and the pointer is over another point).
    await expect.poll(async () => (await viewer.pointAt(at))[1]).toBe(60);
    const under = await viewer.pointAt(at);
    await page.mouse.wheel(0, -100);
    await expect.poll(() => viewer.zoom()).toBe("2");
    // 2× is wider and taller than the window: kept both ways.
    await expect.poll(() => viewer.pointAt(at)).toEqual(under);
    await page.mouse.wheel(0, 100);
    await expect.poll(() => viewer.zoom()).toBe("1.5");
    await page.mouse.wheel(0, 100);
    await expect.poll(() => viewer.zoom()).toBe("1");
    // A trackpad pinch: many small deltas, one step once they make a wheel's notch (50 px).
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -10);
    await page.waitForTimeout(50);
    expect(await viewer.zoom()).toBe("1");
    await page.mouse.wheel(0, -15);
    await expect.poll(() => viewer.zoom()).toBe("1.5");
    await page.keyboard.up("Control");
    const cancelled = await page.evaluate(() => (window as unknown as { wheelsCancelled: boolean[] }).wheelsCancelled);
    expect(cancelled.length).toBeGreaterThanOrEqual(9);
    expect(cancelled.every(Boolean)).toBe(true);
    // Without Ctrl the wheel scrolls the zoomed picture, as any page.
    const before = await viewer.scroll();
    await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await viewer.scroll()).top).toBeGreaterThan(before.top);
    expect(await viewer.zoom()).toBe("1.5");
    await page.close();
  });

  it("zooms a picture smaller than the screen from the size it is shown at", async () => {
    const page = await generationPage("A small owl", { width: 512, height: 512 });
    await page.getByRole("button", { name: "View image 1 full screen" }).click();
    const viewer = new ViewerPage(page);
    const width = async () => (await viewer.image.boundingBox())?.width ?? 0;
    // Fitted, it is shown at its own size (it is not stretched to the 900 px window)…
    await expect.poll(width).toBe(512);
    // …and 1.5× is 1.5 times that, not 1.5 times the window.
    await page.keyboard.press("+");
    await expect.poll(width).toBe(768);
    await page.close();
  });
});
