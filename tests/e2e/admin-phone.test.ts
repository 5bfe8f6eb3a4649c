import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETED_PROMPT, FINISHED_PROMPTS, LONG_PROMPT, seedAdminList } from "./admin-fixtures";
import { AdminPage } from "./admin-pages";
import { bannerPassword } from "./admin-password";
import { expectNoAxeViolations } from "./axe";
import { type Stack, startStack } from "./harness";
import { expectShowsWhole, expectWithinWidth, pageOverflow } from "./layout-checks";

// The admin console on a phone (390 × 844): no sideways page scroll, every filter whole and
// usable, each row a card whose Cancel is in reach, and a generation its owner deleted marked so.

const PHONE = { width: 390, height: 844 };

/** Two frames: a colour-scheme switch has restyled the page (reduced motion: no transitions run). */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

describe("the admin console on a phone", () => {
  let stack: Stack;
  let owner: BrowserContext;
  let phone: BrowserContext;
  let admin: AdminPage;

  beforeAll(async () => {
    stack = await startStack();
    owner = await stack.browser.newContext();
    await seedAdminList(owner, stack.baseUrl);
    phone = await stack.browser.newContext({ viewport: PHONE, hasTouch: true });
    admin = new AdminPage(await phone.newPage(), stack.baseUrl);
    await admin.open();
    await admin.signIn(await bannerPassword(stack));
    await admin.heading.waitFor();
  });

  afterAll(async () => {
    await owner?.close();
    await phone?.close();
    await stack?.stop();
  });

  it("fits the screen: no sideways scroll, with a running row, a long prompt and a long model name", async () => {
    await admin.waitForRowStatus(LONG_PROMPT, "Starting");
    for (const prompt of [DELETED_PROMPT, ...FINISHED_PROMPTS]) await admin.row(prompt).waitFor();
    await admin.summaryFigure("Running now").filter({ hasText: /^1$/ }).waitFor();
    await admin.row(LONG_PROMPT).getByText("Edit by instruction (FLUX.1 Kontext [pro])").waitFor();
    expect(await pageOverflow(admin.page, PHONE.width)).toBeLessThanOrEqual(0);
    for (const row of await admin.page.getByTestId("admin-row").all()) await expectWithinWidth(row, PHONE.width, "a row");
    await expectWithinWidth(admin.page.getByRole("region", { name: "Summary" }), PHONE.width, "the summary");
    // Today's models too, without a sideways scroll of their own.
    const perModel = admin.page.getByRole("region", { name: "Today per model" });
    expect(await perModel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });

  it("shows every filter whole, and each one filters", async () => {
    const bar = admin.page.getByRole("search", { name: "Filter generations" });
    const controls = {
      prompt: bar.getByLabel("Prompt"),
      status: bar.getByLabel("Status"),
      model: bar.getByLabel("Model"),
      owner: bar.getByLabel("Owner", { exact: true }),
      from: bar.getByLabel("From (UTC day)"),
      to: bar.getByLabel("To (UTC day)"),
      deleted: bar.getByLabel("Deleted by owner"),
      clear: bar.getByRole("button", { name: "Clear filters" }),
    };
    for (const [name, control] of Object.entries(controls)) {
      await control.scrollIntoViewIfNeeded();
      await expectWithinWidth(control, PHONE.width, name);
      await expectShowsWhole(control, name);
    }
    const shown = admin.page.getByTestId("admin-row");

    await controls.prompt.fill("floating market");
    await shown.filter({ hasText: DELETED_PROMPT }).waitFor({ state: "detached" });
    expect(await shown.count()).toBe(1);
    await controls.clear.click();
    await admin.row(DELETED_PROMPT).waitFor();

    await controls.status.selectOption("active");
    await admin.row(DELETED_PROMPT).waitFor({ state: "detached" });
    expect(await shown.count()).toBe(1);
    await controls.status.selectOption("");

    await controls.model.selectOption("flux-kontext-pro");
    await admin.row(DELETED_PROMPT).waitFor({ state: "detached" });
    await controls.model.selectOption("");

    await controls.owner.fill("own_not-anyone");
    await admin.page.getByText("No generations match").waitFor();
    await controls.owner.fill("");
    await admin.row(DELETED_PROMPT).waitFor();

    await controls.deleted.selectOption("only");
    await admin.row(LONG_PROMPT).waitFor({ state: "detached" });
    expect(await shown.allInnerTexts()).toEqual([expect.stringContaining(DELETED_PROMPT)]);
    await controls.deleted.selectOption("hide");
    await admin.row(DELETED_PROMPT).waitFor({ state: "detached" });
    expect(await shown.count()).toBe(FINISHED_PROMPTS.length + 1);
    await controls.deleted.selectOption("");
    await admin.row(DELETED_PROMPT).waitFor();

    await controls.from.fill("2000-01-01");
    await controls.to.fill("2000-01-02");
    await admin.page.getByText("No generations match").waitFor();
    await controls.clear.click();
    await admin.row(DELETED_PROMPT).waitFor();
    expect(await pageOverflow(admin.page, PHONE.width)).toBeLessThanOrEqual(0);
  });

  it("marks a generation its owner deleted, in its card and in the drawer", async () => {
    const row = admin.row(DELETED_PROMPT);
    await row.getByTestId("generation-status").filter({ hasText: "Succeeded" }).waitFor();
    await row.getByTestId("deleted-marker").filter({ hasText: "Deleted" }).waitFor();
    expect(
      await admin
        .row(FINISHED_PROMPTS[0] ?? "")
        .getByTestId("deleted-marker")
        .count(),
    ).toBe(0);
    const drawer = await admin.openDetails(DELETED_PROMPT);
    await drawer.getByTestId("deleted-marker").waitFor();
    await drawer.getByText("Deleted by its owner").waitFor();
    // Measured once it has slid in (it starts 24 px to the right).
    await drawer.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    await expectWithinWidth(drawer, PHONE.width, "the drawer");
    expect(await drawer.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await drawer.getByRole("button", { name: "Close" }).click();
    await drawer.waitFor({ state: "hidden" });
  });

  it("passes axe-core (WCAG 2.2 AA) in light and dark: the cards, and the drawer of a deleted one", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await admin.page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await admin.row(LONG_PROMPT).getByRole("button", { name: "Cancel", exact: true }).waitFor();
      await nextFrames(admin.page);
      await expectNoAxeViolations(admin.page, `admin console at 390 px, ${colorScheme}`, () => nextFrames(admin.page));
      const drawer = await admin.openDetails(DELETED_PROMPT);
      await drawer.getByText("Deleted by its owner").waitFor();
      await nextFrames(admin.page);
      await expectNoAxeViolations(admin.page, `a deleted generation's drawer at 390 px, ${colorScheme}`, () =>
        nextFrames(admin.page),
      );
      await drawer.getByRole("button", { name: "Close" }).click();
      await drawer.waitFor({ state: "hidden" });
    }
  });

  it("cancels a running generation from its card, without scrolling sideways", async () => {
    const cancel = admin.row(LONG_PROMPT).getByRole("button", { name: "Cancel", exact: true });
    await cancel.scrollIntoViewIfNeeded();
    expect(await cancel.isVisible()).toBe(true);
    await expectWithinWidth(cancel, PHONE.width, "Cancel");
    expect(await admin.page.evaluate(() => window.scrollX)).toBe(0);
    await cancel.tap();
    await admin.waitForRowStatus(LONG_PROMPT, "Canceled", 10_000);
    await admin.page.getByRole("status").filter({ hasText: "Canceled 1 generation." }).waitFor();
    expect(await pageOverflow(admin.page, PHONE.width)).toBeLessThanOrEqual(0);
  });
});
