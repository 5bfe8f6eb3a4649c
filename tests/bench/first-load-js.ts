import { chromium } from "playwright-core";

// The home page's first-load JavaScript as Chromium downloads it: every script fetched until
// the page is idle, counted as its encoded (gzip) body bytes on the wire, response headers left
// out (DevTools' "transferred" minus headers). A fresh context each time, so nothing is cached.

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export type FirstLoadJs = { gzipBytes: number; scripts: number; uncompressedScripts: number };

export async function firstLoadJs(appUrl: string, ownerCookie?: string): Promise<FirstLoadJs> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (ownerCookie) {
      const [name, value] = ownerCookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: appUrl }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const scripts = new Map<string, { headerBytes: number; compressed: boolean }>();
    const bodyBytes = new Map<string, number>();
    cdp.on("Network.responseReceived", (e) => {
      if (e.type !== "Script") return;
      const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "content-encoding")?.[1];
      scripts.set(e.requestId, { headerBytes: e.response.encodedDataLength, compressed: Boolean(encoding) });
    });
    cdp.on("Network.loadingFinished", (e) => {
      const script = scripts.get(e.requestId);
      if (script) bodyBytes.set(e.requestId, e.encodedDataLength - script.headerBytes);
    });
    await page.goto(appUrl, { waitUntil: "networkidle" });
    return {
      gzipBytes: [...bodyBytes.values()].reduce((a, b) => a + b, 0),
      scripts: bodyBytes.size,
      uncompressedScripts: [...scripts.values()].filter((s) => !s.compressed).length,
    };
  } finally {
    await browser.close();
  }
}
