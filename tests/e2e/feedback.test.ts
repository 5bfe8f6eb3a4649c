import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// What keeps a visitor informed while a generation runs and when it ends: the running clock and
// cold-boot notice, the hidden-tab signal (title badge, opt-in notification), the new card
// scrolled into view on a phone, plain failure messages, the prompt counter, number fields and
// each generation's own tab title.

/** Records notifications instead of showing them; permission is granted on request. */
const FAKE_NOTIFICATIONS = `
  window.__notifications = [];
  class FakeNotification {
    static permission = "default";
    static async requestPermission() { FakeNotification.permission = "granted"; return "granted"; }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
  }
  window.Notification = FakeNotification;
`;

/** The page believes its tab is hidden (or shown again), as a switch to another tab would do. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((hide) => {
    if (hide) {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    } else {
      // The own properties go; the prototype's real getters answer again.
      Reflect.deleteProperty(document, "visibilityState");
      Reflect.deleteProperty(document, "hidden");
    }
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

describe("feedback while generating", () => {
  let stack: Stack;
  let desktop: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    stack = await startStack();
    desktop = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await stack?.stop();
  });

  it("badges the tab title and notifies (opted in) when a generation ends while the tab is hidden", async () => {
    const page = await desktop.newPage();
    await page.addInitScript(FAKE_NOTIFICATIONS);
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    // The browser's question dismissed the first time: the press is answered, not dropped.
    await page.evaluate(() => {
      const fake = window.Notification as unknown as { requestPermission: () => Promise<string> };
      const ask = fake.requestPermission;
      fake.requestPermission = async () => {
        fake.requestPermission = ask;
        return "default";
      };
    });
    await page.getByRole("button", { name: "Notify me when done" }).click();
    await page.getByRole("status").filter({ hasText: "Not turned on: allow notifications when your browser asks." }).waitFor();
    await page.getByRole("button", { name: "Notify me when done" }).click();
    await page.getByRole("button", { name: "Notifications on" }).waitFor();
    expect(await page.getByText("Not turned on").count()).toBe(0);

    const prompt = "A lantern festival that never starts [cold-start:600]";
    await studio.generate(prompt);
    const card = studio.cards(prompt);
    await studio.waitForStatus(card, "Starting");
    const id = await card.getAttribute("data-generation-id");
    const title = await page.title();

    // The visitor switches tabs; meanwhile the generation ends (canceled from elsewhere).
    await setHidden(page, true);
    const res = await desktop.request.post(`${stack.baseUrl}/api/generations/${id}/cancel`);
    expect(res.status()).toBeLessThan(300);
    await page.waitForFunction((t) => document.title === `(1) ${t}`, title);
    const notes = await page.evaluate(() => (window as unknown as { __notifications: { body: string }[] }).__notifications);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain("A lantern festival");

    // Back on the tab: the badge goes.
    await setHidden(page, false);
    await page.waitForFunction((t) => document.title === t, title);
  });

  it("says a model is booting cold once its usual start time has passed, with the time it has run", async () => {
    const page = await desktop.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A frozen waterfall, slow to start [cold-start:600]";
    await studio.generate(prompt);
    const card = studio.cards(prompt);
    await card.getByTestId("running-time").waitFor();
    await studio.waitForStatus(card, "Starting (cold boot)…", 40_000);
    expect(await card.getByTestId("running-time").textContent()).toMatch(/\d+ s/);
    // From the keyboard: the button goes with the run, and focus goes to the card's link, not
    // to the page's start.
    await card.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await studio.waitForStatus(card, "Canceled");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(prompt);
  });

  it("scrolls the new card into view on a phone and announces it", async () => {
    const page = await phone.newPage();
    await page.emulateMedia({ reducedMotion: "reduce" });
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A heron in the reeds, seen on a phone";
    await studio.generate(prompt);
    const card = studio.cards(prompt);
    await card.waitFor();
    await page.waitForFunction((sel) => {
      const box = document.querySelector(sel)?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
    }, '[data-testid="generation-card"]');
    expect(await page.getByTestId("announcer").textContent()).toContain(prompt);
    await studio.waitForStatus(card, "Succeeded");
  });

  it("explains a failure in plain words, with the model's error behind Details, and titles the page", async () => {
    const page = await desktop.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const prompt = "A ship in a bottle [fail]";
    await studio.generate(prompt);
    const card = studio.cards(prompt);
    await studio.waitForStatus(card, "Failed");
    await card.getByText("The model ran out of memory on its GPU.").waitFor();
    expect(await card.getByText(/CUDA out of memory/).isVisible()).toBe(false);
    await card.getByText("Details").click();
    await card.getByText(/CUDA out of memory/).waitFor();

    await studio.openDetail(prompt);
    await page.getByText("Try a smaller size or fewer images, then run it again.").waitFor();
    // The title streams in with the page's metadata, which may land just after its content.
    await expect.poll(() => page.title()).toBe(`${prompt} · Replicate Image Studio`);
  });

  it("counts a long prompt's characters without cutting it, and refuses letters in number fields", async () => {
    const page = await desktop.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const long = "a very long prompt ".repeat(140).slice(0, 2660);
    await studio.promptInput.fill(long);
    expect((await studio.promptInput.inputValue()).length).toBe(2660);
    await page.getByText("2,660 / 2,000 characters (660 too many)").waitFor();
    await studio.promptInput.fill("a short one");
    expect(await page.getByText(/\/ 2,000 characters/).count()).toBe(0);

    await page.getByText("Advanced").click();
    await page.getByRole("textbox", { name: /^Seed/ }).fill("e");
    await page.getByText("Must be a number").waitFor();
    await page.getByRole("textbox", { name: /^Seed/ }).fill("42");
    expect(await page.getByText("Must be a number").count()).toBe(0);
  });
});
