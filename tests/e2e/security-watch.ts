import type { BrowserContext, Response } from "playwright-core";

// Watches a browser context for what the security-header tests assert: every CSP violation
// (the page's `securitypolicyviolation` events and Chromium's console reports, which also cover
// documents where no script runs), header errors Chromium logs, and every response from the app
// with its full headers.

export type Violation = { directive: string; blocked: string; sample: string; page: string };
export type SeenResponse = { url: URL; status: number; type: string; headers: Record<string, string> };

declare global {
  interface Window {
    __reportViolation?: (v: { directive: string; blocked: string; sample: string }) => void;
  }
}

export type SecurityWatch = {
  violations: Violation[];
  /** Console lines about CSP or Permissions-Policy (a violation or a header Chromium rejects). */
  consoleReports: string[];
  responses: SeenResponse[];
  /** Resolves once every response seen so far has had its headers read. */
  settled: () => Promise<void>;
};

export async function watchSecurity(context: BrowserContext, appOrigin: string): Promise<SecurityWatch> {
  const watch: SecurityWatch = { violations: [], consoleReports: [], responses: [], settled: async () => {} };
  const pending: Promise<void>[] = [];
  await context.exposeBinding("__reportViolation", ({ page }, v: Omit<Violation, "page">) => {
    watch.violations.push({ ...v, page: page.url() });
  });
  // Init scripts are injected by the browser, not the page, so the page's CSP does not stop them.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__reportViolation?.({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions Policy/i.test(text)) {
      watch.consoleReports.push(`${message.type()}: ${text}`);
    }
  });
  context.on("response", (response: Response) => {
    const url = new URL(response.url());
    if (url.origin !== appOrigin) return;
    pending.push(
      response.allHeaders().then(
        (headers) => {
          watch.responses.push({ url, status: response.status(), type: response.request().resourceType(), headers });
        },
        () => undefined, // the page closed before the headers were read
      ),
    );
  });
  watch.settled = async () => {
    await Promise.all(pending);
  };
  return watch;
}
