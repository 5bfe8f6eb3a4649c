import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminPage } from "./admin-pages";
import { bannerPassword } from "./admin-password";
import { expectNoAxeViolations } from "./axe";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

// WCAG 2.2 AA with axe-core on every page state a visitor or an admin meets: the home page
// empty, with 24 cards and with errors; a generation that succeeded and one that failed; the
// admin console and its drawer. Each in light and dark, at 1440 px and at 390 px. Along the way
// it takes the README's screenshots (docs/*.png).

const LAYOUTS = [
  { width: 1440, height: 900, colorScheme: "light" },
  { width: 1440, height: 900, colorScheme: "dark" },
  { width: 390, height: 844, colorScheme: "light" },
  { width: 390, height: 844, colorScheme: "dark" },
] as const;

const docs = path.resolve(import.meta.dirname, "../../docs");
type Layout = (typeof LAYOUTS)[number];
/** Screenshots for the README: file name in docs/ by layout (`1440-light`, `390-dark`…). */
type Shots = Partial<Record<`${Layout["width"]}-${Layout["colorScheme"]}`, string>>;

/**
 * A theme switch starts colour transitions; until they end, computed colours are the old theme's
 * and axe would judge a mix of both. Waits for every finite animation (the shimmer and the status
 * pulse loop forever, and do not change colours).
 */
const transitionsDone = (page: Page) =>
  page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });

/** Every image on the page has arrived (a screenshot should not show half-loaded cards). */
const imagesLoaded = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.loading === "lazy" || img.complete));

/** axe-core on the page in each layout; `ready` waits for what the state must show. */
async function checkEveryLayout(page: Page, state: string, ready: () => Promise<unknown>, shots: Shots = {}): Promise<void> {
  for (const layout of LAYOUTS) {
    await page.setViewportSize({ width: layout.width, height: layout.height });
    await page.emulateMedia({ colorScheme: layout.colorScheme, reducedMotion: "reduce" });
    await ready();
    await transitionsDone(page);
    await expectNoAxeViolations(page, `${state} at ${layout.width} px, ${layout.colorScheme}`, () => transitionsDone(page));
    const shot = shots[`${layout.width}-${layout.colorScheme}`];
    if (shot) {
      await imagesLoaded(page);
      await page.screenshot({ path: path.join(docs, shot) });
    }
  }
}

const SUBJECTS = [
  "A lighthouse on a cliff at dusk, watercolor",
  "A fox curled up in fresh snow, soft morning light",
  "Tidal pools at low tide, seen from above",
  "A tiny greenhouse full of ferns, isometric",
  "Portrait of an old fisherman, charcoal sketch",
  "A neon-lit ramen stand in the rain",
  "Terraced rice fields in the mist",
  "A paper boat on a puddle, macro photo",
];
/** 23 prompts for a full first page: varied subjects, numbered so each is its own. */
const galleryPrompts = Array.from({ length: 23 }, (_, i) => `${SUBJECTS[i % SUBJECTS.length]} #${i + 1}`);

type Created = { id: string; status: string };

/** Creates generations through the API as the context's owner (its cookie), all at once. */
async function createAll(context: BrowserContext, baseUrl: string, prompts: string[]): Promise<Created[]> {
  return Promise.all(
    prompts.map(async (prompt) => {
      const res = await context.request.post(`${baseUrl}/api/generations`, {
        data: { model: "sdxl-lightning", input: { prompt } },
      });
      if (res.status() !== 201) throw new Error(`create answered ${res.status()}: ${await res.text()}`);
      return (await res.json()) as Created;
    }),
  );
}

async function waitUntilSettled(context: BrowserContext, baseUrl: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const id of ids) {
    for (;;) {
      const { status, outputs = [] } = (await (
        await context.request.get(`${baseUrl}/api/generations/${id}`)
      ).json()) as Created & {
        outputs?: { width: number | null; variants: unknown[] }[];
      };
      // Its sized copies too: they land just after the success and re-render the card.
      const copiesMade = outputs.every((o) => o.variants.length > 0 || (o.width ?? 0) < 320);
      if (["failed", "canceled"].includes(status) || (status === "succeeded" && copiesMade)) break;
      if (Date.now() > deadline) throw new Error(`${id} still ${status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe("accessibility: axe-core finds no WCAG 2.2 AA violation", () => {
  let stack: Stack;
  let context: BrowserContext;

  beforeAll(async () => {
    // 24 cards are created at once for one owner.
    stack = await startStack({
      env: { MAX_RUNNING_PER_OWNER: "30", MAX_RUNNING_PER_ADDRESS: "30", MAX_CREATES_PER_ADDRESS_PER_MINUTE: "100" },
    });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it("on the home page, empty", async () => {
    context = await stack.browser.newContext();
    const page = await context.newPage();
    await new StudioPage(page, stack.baseUrl).open();
    await checkEveryLayout(page, "home (empty)", () => page.getByText("No generations yet").waitFor());
    // The keyboard reaches a link past the form within a few stops, shown once focused, and it
    // takes focus to the gallery's heading.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator("body").focus();
    const skip = page.getByRole("link", { name: "Skip to your generations" });
    const skipFocused = () => skip.evaluate((link) => link === document.activeElement);
    for (let stops = 0; stops < 6 && !(await skipFocused()); stops++) await page.keyboard.press("Tab");
    expect(await skipFocused()).toBe(true);
    expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(50);
    await page.keyboard.press("Enter");
    const heading = page.getByRole("heading", { name: "Your generations" });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await context.close();
  });

  it("on the home page with 24 cards, and a generation's page", async () => {
    context = await stack.browser.newContext();
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const done = await createAll(context, stack.baseUrl, galleryPrompts);
    await waitUntilSettled(
      context,
      stack.baseUrl,
      done.map((g) => g.id),
    );
    // The production build's copies were encoded by the low-priority child, not in the server.
    expect(stack.logs()).not.toContain("encoding in the server's process instead");
    await createAll(context, stack.baseUrl, ["Still running: a slow glacier [cold-start:600]"]);
    await page.reload();
    await page.getByTestId("generation-card").nth(23).waitFor();
    await checkEveryLayout(page, "home (24 cards)", () => page.getByTestId("generation-card").nth(23).waitFor(), {
      "1440-light": "screenshot.png",
      "390-dark": "screenshot-mobile-dark.png",
    });

    await page.goto(`${stack.baseUrl}/generations/${done[0]?.id}`);
    const detail = page.getByTestId("generation-status").filter({ hasText: "Succeeded" });
    await checkEveryLayout(page, "a succeeded generation's page", () => detail.waitFor(), {
      "1440-light": "generation-detail.png",
    });
    // The confirmation's filled red button, in both themes.
    await page.getByRole("button", { name: "Delete" }).click();
    await checkEveryLayout(page, "the delete confirmation", () => page.getByRole("dialog").waitFor());
    await page.keyboard.press("Escape");
    await context.close();
  });

  it("on the home page with errors shown, and a failed generation's page", async () => {
    context = await stack.browser.newContext();
    const page = await context.newPage();
    const studio = new StudioPage(page, stack.baseUrl);
    await studio.open();
    const [failed] = await createAll(context, stack.baseUrl, ["A broken render [fail]"]);
    if (!failed) throw new Error("no generation");
    await waitUntilSettled(context, stack.baseUrl, [failed.id]);
    await page.reload();
    await studio.generateButton.click();
    await page.getByText("Prompt is required").waitFor();
    await page.getByText("Advanced").click();
    await page.getByRole("textbox", { name: /^Seed/ }).fill("e");
    await page.getByText("Must be a number").waitFor();
    await page.getByTestId("failure-message").getByText("Details").click();
    await checkEveryLayout(page, "home (errors shown)", () => page.getByText("Prompt is required").waitFor());

    await page.goto(`${stack.baseUrl}/generations/${failed.id}`);
    await page.getByTestId("generation-status").filter({ hasText: "Failed" }).waitFor();
    await page.getByText("Details").click();
    await checkEveryLayout(page, "a failed generation's page", () => page.getByText("What went wrong").waitFor());
    await context.close();
  });

  it("on a compare group's page", async () => {
    context = await stack.browser.newContext();
    const page = await context.newPage();
    await new StudioPage(page, stack.baseUrl).open();
    const res = await context.request.post(`${stack.baseUrl}/api/groups`, {
      data: {
        kind: "compare",
        models: ["sdxl-lightning", "sdxl", "flux-schnell"],
        input: { prompt: "A harbour at dawn, compared" },
      },
    });
    if (res.status() !== 201) throw new Error(`compare answered ${res.status()}: ${await res.text()}`);
    const group = (await res.json()) as { id: string; generations: Created[] };
    await waitUntilSettled(
      context,
      stack.baseUrl,
      group.generations.map((g) => g.id),
    );
    await page.goto(`${stack.baseUrl}/groups/${group.id}`);
    const members = page.getByTestId("group-members").locator("img");
    await checkEveryLayout(page, "compare", () => members.nth(2).waitFor());
    await context.close();
  });

  it("on the admin console and its drawer", async () => {
    context = await stack.browser.newContext();
    const admin = new AdminPage(await context.newPage(), stack.baseUrl);
    await admin.open();
    await checkEveryLayout(admin.page, "admin sign-in", () => admin.page.getByLabel("Password").waitFor());
    await admin.signIn(await bannerPassword(stack));
    await admin.heading.waitFor();
    const row = admin.row(galleryPrompts[0] ?? "");
    await checkEveryLayout(admin.page, "admin console", () => row.first().waitFor(), { "1440-light": "admin-console.png" });
    const drawer = await admin.openDetails(galleryPrompts[11] ?? "");
    await checkEveryLayout(admin.page, "admin drawer", () => drawer.waitFor());
    await context.close();
  });
});
