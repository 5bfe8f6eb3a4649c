import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminPage } from "./admin-pages";
import { bannerPassword } from "./admin-password";
import { type Stack, startStack } from "./harness";
import { StudioPage } from "./pages";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");

const newContext = (browser: Browser) => browser.newContext({ viewport: { width: 1366, height: 900 } });

describe("the admin console in the browser", () => {
  let stack: Stack;
  let owner: BrowserContext;
  let admin: BrowserContext;
  let password: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    stack = await startStack();
    password = await bannerPassword(stack);
    owner = await newContext(stack.browser);
    admin = await newContext(stack.browser);
  });

  afterAll(async () => {
    await owner?.close();
    await admin?.close();
    await stack?.stop();
  });

  it("an admin cancels a visitor's running generation; the visitor's page shows it canceled", async () => {
    // The visitor starts a generation the emulator holds in a long cold start, and watches its page.
    const prompt = "A glacier cave lit from above [cold-start:600]";
    const studio = new StudioPage(await owner.newPage(), stack.baseUrl);
    await studio.open();
    await studio.generate(prompt);
    await studio.waitForStatus(studio.cards(prompt), "Starting");
    const visitor = await studio.openDetail(prompt);
    await visitor.status.filter({ hasText: "Starting" }).waitFor();

    // The admin signs in (a wrong password first), and sees the running job.
    const adminPage = new AdminPage(await admin.newPage(), stack.baseUrl);
    await adminPage.open();
    await adminPage.page.screenshot({ path: path.join(screenshots, "admin-sign-in.png") });
    await adminPage.signIn("not-the-password");
    await adminPage.alert.filter({ hasText: "Wrong password" }).waitFor();
    // The refused password is cleared and the field ready for the next; the hint names both ways to start.
    const field = adminPage.page.getByLabel("Password");
    expect(await field.inputValue()).toBe("");
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await adminPage.page.getByText(/printed where the server started \(npm run dev or npm start\)/).waitFor();
    await adminPage.signIn(password);
    await adminPage.heading.waitFor();
    await adminPage.waitForRowStatus(prompt, "Starting");
    // The summary is its own request: it may answer after the list.
    await adminPage.summaryFigure("Running now").filter({ hasText: /^1$/ }).waitFor();
    // With a running row's Cancel column, the table still fits the window (no column cut off).
    const list = adminPage.page.locator("table", { has: adminPage.page.getByRole("columnheader", { name: "Prompt" }) });
    const scroller = list.locator("xpath=..");
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await adminPage.page.screenshot({ path: path.join(screenshots, "admin-console-running.png") });
    // So does it at the narrowest widths that still show a table (above 900 px, rows become cards).
    const rowCancel = adminPage.row(prompt).getByRole("button", { name: "Cancel", exact: true });
    for (const width of [901, 960, 1019]) {
      await adminPage.page.setViewportSize({ width, height: 900 });
      await expect
        .poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth), { message: `${width} px` })
        .toBeLessThanOrEqual(0);
      const [button, box] = await Promise.all([rowCancel.boundingBox(), scroller.boundingBox()]);
      expect(button && box && button.x + button.width <= box.x + box.width, `Cancel inside the table at ${width} px`).toBe(true);
    }
    await adminPage.page.setViewportSize({ width: 1366, height: 900 });

    await adminPage.cancelRow(prompt);
    await adminPage.waitForRowStatus(prompt, "Canceled", 10_000);
    await adminPage.page.getByRole("status").filter({ hasText: "Canceled 1 generation." }).waitFor();
    expect(await adminPage.row(prompt).getByRole("button", { name: "Cancel", exact: true }).count()).toBe(0);

    const drawer = await adminPage.openDetails(prompt);
    await drawer.getByText("An administrator").waitFor();
    await drawer.getByRole("region", { name: "Logs" }).waitFor();
    await adminPage.page.screenshot({ path: path.join(screenshots, "admin-console-detail.png") });
    await drawer.getByRole("button", { name: "Close" }).click();

    // The visitor's own page follows (it polls our database) and says who stopped it.
    await visitor.status.filter({ hasText: "Canceled" }).waitFor({ timeout: 15_000 });
    await visitor.page.getByText("Canceled by an administrator").first().waitFor();
    await visitor.page.screenshot({ path: path.join(screenshots, "admin-visitor-canceled.png") });
  });

  it("keeps room for the Cancel column beside a failed row's long error", async () => {
    const res = await owner.request.post(`${stack.baseUrl}/api/generations`, {
      headers: { origin: stack.baseUrl },
      data: { model: "sdxl-lightning", input: { prompt: "A broken render, for the width [fail]" } },
    });
    expect(res.status()).toBe(201);
    const adminPage = new AdminPage(await admin.newPage(), stack.baseUrl);
    await adminPage.open();
    await adminPage.heading.waitFor(); // still signed in from the first test
    await adminPage.waitForRowStatus("A broken render, for the width", "Failed");
    // The table at its narrowest: every column as small as its content allows. The error is one
    // ellipsised line, so it must not hold the prompt column at its own length (CUDA's message
    // did, and with longer times and statuses the Cancel column went past the table's edge).
    const narrowest = await adminPage.page
      .locator("table", { has: adminPage.page.getByRole("columnheader", { name: "Prompt" }) })
      .evaluate((table) => {
        const box = table.parentElement as HTMLElement;
        (table as HTMLElement).style.width = "min-content";
        (table as HTMLElement).style.minWidth = "0";
        const prompt = [...table.querySelectorAll("thead th")].find((th) => th.textContent === "Prompt");
        return {
          table: table.getBoundingClientRect().width,
          prompt: prompt?.getBoundingClientRect().width ?? 0,
          box: box.clientWidth,
        };
      });
    expect(narrowest.prompt).toBeLessThan(150);
    expect(narrowest.table).toBeLessThan(narrowest.box - 200);
    await adminPage.page.close();
  });

  it("cancels every running generation after a confirmation, and signs out", async () => {
    const studio = new StudioPage(await owner.newPage(), stack.baseUrl);
    await studio.open();
    const prompts = ["Foggy harbor at dawn [cold-start:600]", "Neon alley in the rain [cold-start:600]"];
    for (const prompt of prompts) {
      await studio.generate(prompt);
      await studio.waitForStatus(studio.cards(prompt), "Starting");
    }

    const adminPage = new AdminPage(await admin.newPage(), stack.baseUrl);
    await adminPage.open();
    await adminPage.heading.waitFor(); // still signed in from the first test
    for (const prompt of prompts) await adminPage.waitForRowStatus(prompt, "Starting");
    await adminPage.page.getByRole("button", { name: "Cancel all running" }).click();
    const confirm = adminPage.page.getByRole("dialog", { name: "Cancel all running generations?" });
    await confirm.waitFor();
    await adminPage.page.screenshot({ path: path.join(screenshots, "admin-console-confirm.png") });
    await confirm.getByRole("button", { name: "Cancel all running" }).click();
    for (const prompt of prompts) await adminPage.waitForRowStatus(prompt, "Canceled", 10_000);
    await adminPage.page.getByRole("status").filter({ hasText: "Canceled 2 generations." }).waitFor();
    await adminPage.page.screenshot({ path: path.join(screenshots, "admin-console-after.png"), fullPage: true });

    await adminPage.page.getByRole("button", { name: "Sign out" }).click();
    await adminPage.page.getByRole("heading", { name: "Admin sign-in" }).waitFor();
    const res = await adminPage.page.request.get(`${stack.baseUrl}/api/admin/summary`);
    expect(res.status()).toBe(401);
  });
});
