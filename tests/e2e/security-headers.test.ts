import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminPage } from "./admin-pages";
import { bannerPassword } from "./admin-password";
import { type Stack, startStack } from "./harness";
import { type OtherOrigin, startOtherOrigin } from "./other-origin";
import { naturalWidth, StudioPage } from "./pages";
import { expectSecurityHeaders, type Kind, nonceOf } from "./security-expectations";
import { type SecurityWatch, watchSecurity } from "./security-watch";

// Security headers in a real browser against `next start`: every page, API response, asset and
// stored image carries them; the app works end to end with no CSP violation; another origin
// cannot frame it; injected script does not run.

/** Asserts the headers of every app response the watch saw; returns how many of each kind. */
async function expectAllResponsesCovered(watch: SecurityWatch): Promise<Record<Kind, number>> {
  await watch.settled();
  const counts: Record<Kind, number> = { page: 0, api: 0, file: 0, static: 0 };
  for (const seen of watch.responses) counts[expectSecurityHeaders(seen.url, seen.headers)] += 1;
  return counts;
}

describe("security headers in the browser", () => {
  let stack: Stack;
  let other: OtherOrigin;

  beforeAll(async () => {
    stack = await startStack();
    other = await startOtherOrigin(stack.baseUrl);
  });

  afterAll(async () => {
    await other?.close();
    await stack?.stop();
  });

  async function watchedContext(): Promise<{ context: BrowserContext; watch: SecurityWatch }> {
    const context = await stack.browser.newContext({ viewport: { width: 1366, height: 900 } });
    return { context, watch: await watchSecurity(context, stack.baseUrl) };
  }

  it("generating, opening the image and cancelling: every response has the headers, no CSP violation", async () => {
    const { context, watch } = await watchedContext();
    try {
      const page = await context.newPage();
      const studio = new StudioPage(page, stack.baseUrl);
      await studio.open();
      const prompt = "A red fox in fresh snow, woodcut";
      await studio.generate(prompt);
      await studio.waitForStatus(studio.cards(prompt), "Succeeded");
      expect(await naturalWidth(studio.cards(prompt).getByRole("img"))).toBeGreaterThan(0);

      const detail = await studio.openDetail(prompt);
      await detail.status.filter({ hasText: "Succeeded" }).waitFor();
      expect(await naturalWidth(detail.images.first())).toBeGreaterThan(0);
      await page.reload(); // the detail page rendered by the server, not only by client navigation
      await detail.status.filter({ hasText: "Succeeded" }).waitFor();

      // The stored image opened directly in a tab: shown inline, sandboxed.
      const imageUrl = new URL((await detail.images.first().getAttribute("src")) ?? "", stack.baseUrl).href;
      const imageTab = await context.newPage();
      const opened = await imageTab.goto(imageUrl);
      expect(opened?.status()).toBe(200);
      expect(opened?.headers()["content-type"]).toMatch(/^image\//);
      expect(await naturalWidth(imageTab.locator("img"))).toBeGreaterThan(0);
      await imageTab.close();

      // Cancel a running one from its card.
      await studio.open();
      const slow = "A cathedral that never finishes [cold-start:600]";
      await studio.generate(slow);
      await studio.waitForStatus(studio.cards(slow), "Starting");
      await studio.cards(slow).getByRole("button", { name: "Cancel" }).click();
      await studio.waitForStatus(studio.cards(slow), "Canceled", 15_000);

      // An unknown page: our own 404, rendered under the same policy.
      const missing = await page.goto(`${stack.baseUrl}/no-such-page`);
      expect(missing?.status()).toBe(404);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      await page.getByRole("link", { name: "Back to the studio" }).click();
      await studio.promptInput.waitFor();

      const counts = await expectAllResponsesCovered(watch);
      console.log("responses checked by kind:", counts);
      expect(counts.page).toBeGreaterThanOrEqual(4);
      expect(counts.api).toBeGreaterThanOrEqual(3);
      expect(counts.file).toBeGreaterThanOrEqual(2);
      expect(counts.static).toBeGreaterThanOrEqual(3);
      expect(watch.violations).toEqual([]);
      expect(watch.consoleReports).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the admin console signed out and in (sign in, filter, drawer, cancel): headers everywhere, no CSP violation", async () => {
    const visitor = await watchedContext();
    const admin = await watchedContext();
    try {
      const studio = new StudioPage(await visitor.context.newPage(), stack.baseUrl);
      await studio.open();
      const prompt = "A lighthouse keeper's long night [cold-start:600]";
      await studio.generate(prompt);
      await studio.waitForStatus(studio.cards(prompt), "Starting");

      const adminPage = new AdminPage(await admin.context.newPage(), stack.baseUrl);
      await adminPage.open();
      await adminPage.page.getByRole("heading", { name: "Admin sign-in" }).waitFor();
      await adminPage.signIn("not-the-password");
      await adminPage.alert.filter({ hasText: "Wrong password" }).waitFor();
      await adminPage.signIn(await bannerPassword(stack));
      await adminPage.heading.waitFor();
      await adminPage.page.reload(); // /admin rendered signed in
      await adminPage.heading.waitFor();

      await adminPage.page.getByLabel("Status").selectOption("active");
      await adminPage.page.getByLabel("Prompt").fill("lighthouse keeper");
      await adminPage.waitForRowStatus(prompt, "Starting");
      const drawer = await adminPage.openDetails(prompt);
      await drawer.getByRole("button", { name: "Close" }).click();
      await drawer.waitFor({ state: "hidden" });
      await adminPage.cancelRow(prompt);
      await adminPage.page.getByRole("status").filter({ hasText: "Canceled 1 generation." }).waitFor();
      await studio.waitForStatus(studio.cards(prompt), "Canceled", 15_000);

      for (const { watch } of [visitor, admin]) {
        const counts = await expectAllResponsesCovered(watch);
        expect(counts.page).toBeGreaterThanOrEqual(1);
        expect(counts.api).toBeGreaterThanOrEqual(2);
        expect(watch.violations).toEqual([]);
        expect(watch.consoleReports).toEqual([]);
      }
      const adminApi = admin.watch.responses.filter((r) => r.url.pathname.startsWith("/api/admin/")).map((r) => r.url.pathname);
      expect(adminApi).toEqual(expect.arrayContaining(["/api/admin/session", "/api/admin/summary", "/api/admin/generations"]));
    } finally {
      await visitor.context.close();
      await admin.context.close();
    }
  });

  it("responses the browser does not render carry the headers too; HSTS only over HTTPS", async () => {
    const targets = [
      ["GET", "/"],
      ["GET", "/admin"],
      ["GET", "/no-such-page"],
      ["GET", "/favicon.svg"],
      ["GET", "/api/models"],
      ["GET", "/api/generations"],
      ["GET", "/api/no-such-route"],
      ["GET", "/api/files/generations/none/0.png"],
      ["GET", "/api/admin/summary"],
      ["POST", "/api/generations"],
    ] as const;
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await (await fetch(`${stack.baseUrl}/`)).text())?.[1];
    expect(chunk).toBeDefined();
    for (const https of [false, true]) {
      for (const [method, path] of [...targets, ["GET", chunk as string] as const]) {
        const res = await fetch(`${stack.baseUrl}${path}`, {
          method,
          headers: https ? { "x-forwarded-proto": "https" } : {},
          redirect: "manual",
        });
        await res.body?.cancel();
        expectSecurityHeaders(new URL(path, stack.baseUrl), Object.fromEntries(res.headers), https);
      }
    }
  });

  it("each page gets its own nonce, on every script Next renders; no inline script is allowed without it", async () => {
    const first = (await fetch(`${stack.baseUrl}/`)).headers.get("content-security-policy") ?? undefined;
    const second = (await fetch(`${stack.baseUrl}/`)).headers.get("content-security-policy") ?? undefined;
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    const scriptSrc = /script-src ([^;]+)/.exec(first ?? "")?.[1] ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(/style-src ([^;]+)/.exec(first ?? "")?.[1]).not.toContain("unsafe-inline");

    const context = await stack.browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(`${stack.baseUrl}/`);
      const nonce = nonceOf(response?.headers()["content-security-policy"]);
      await page.getByRole("heading", { name: "New generation" }).waitFor();
      const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
      expect(scripts.length).toBeGreaterThan(3);
      expect(new Set(scripts)).toEqual(new Set([nonce]));
    } finally {
      await context.close();
    }
  });

  it("script injected into a page does not run, while the same injections run on a page without the CSP", async () => {
    const { context, watch } = await watchedContext();
    // A stored-XSS stand-in: a <script> without the nonce inside the server's HTML (the app's
    // response keeps its CSP header; only the body is changed on its way to the browser).
    const injectIntoHtml = (url: string) =>
      context.route(url, async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/<body[^>]*>/, "$&<script>window.__ranParsed = true</script>");
        await route.fulfill({ response, body: html });
      });
    await injectIntoHtml(`${stack.baseUrl}/`);
    await injectIntoHtml(`${other.url}/blank`);
    // DOM-based injections: markup put into the page, whose script the browser itself would run
    // later (an error event, a click). Not script run by page.evaluate: Chromium lets code
    // evaluated through DevTools skip the page's CSP, as its console does.
    const injectIntoDom = async (page: Page) => {
      await page.evaluate(() => {
        const sink = document.createElement("div");
        document.body.append(sink);
        sink.innerHTML = [
          `<img alt="" src="data:," onerror="window.__ranHandler = true">`, // an inline event handler
          "<script>window.__ranInnerHtml = true</script>", // never runs from innerHTML, CSP or not
          `<a id="js-link" href="javascript:window.__ranJsUrl = true; void 0">link</a>`,
        ].join("");
      });
      await page.locator("#js-link").click();
    };
    const ran = (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          parsed: w.__ranParsed === true,
          handler: w.__ranHandler === true,
          innerHtml: w.__ranInnerHtml === true,
          jsUrl: w.__ranJsUrl === true,
        };
      });
    try {
      const app = await context.newPage();
      await app.goto(`${stack.baseUrl}/`);
      await app.getByRole("heading", { name: "New generation" }).waitFor();
      await injectIntoDom(app);
      // Each injection is refused by the CSP, which reports it: the parsed <script> and the
      // javascript: URL (script-src-elem), the event handler (script-src-attr). Wait for all three.
      const appViolations = () => watch.violations.filter((v) => v.page.startsWith(stack.baseUrl));
      await expect
        .poll(
          () =>
            appViolations()
              .map((v) => v.directive)
              .sort(),
          { timeout: 10_000 },
        )
        .toEqual(["script-src-attr", "script-src-elem", "script-src-elem"]);
      expect(appViolations().every((v) => v.blocked === "inline")).toBe(true);
      expect(await ran(app)).toEqual({ parsed: false, handler: false, innerHtml: false, jsUrl: false });
      // The page still works: Next's own (nonced) scripts hydrated it, so the form validates inline.
      await app.getByRole("button", { name: /^Generat/ }).click();
      await app.getByText("Prompt is required").waitFor();

      const control = await context.newPage();
      await control.goto(`${other.url}/blank`);
      await injectIntoDom(control);
      await control.waitForFunction(() => {
        const w = window as unknown as Record<string, unknown>;
        return w.__ranParsed === true && w.__ranHandler === true && w.__ranJsUrl === true;
      });
      expect(await ran(control)).toEqual({ parsed: true, handler: true, innerHtml: false, jsUrl: true });
    } finally {
      await context.close();
    }
  });

  it("a page on another origin cannot frame the app (its own frames render)", async () => {
    const { context, watch } = await watchedContext();
    try {
      const page = await context.newPage();
      await page.goto(`${other.url}/frame-self`);
      const own = page.frameLocator("#target");
      await own.getByRole("heading", { name: "Framed content" }).waitFor();

      await page.goto(`${other.url}/frame-app`);
      await expect.poll(() => watch.consoleReports.join("\n"), { timeout: 10_000 }).toContain("frame-ancestors");
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeDefined();
      expect(frame?.url()).not.toBe(`${stack.baseUrl}/`);
      expect(await page.frameLocator("#target").getByRole("heading", { name: "New generation" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
