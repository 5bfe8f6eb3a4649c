import { chromium } from "playwright-core";

// The weight of the home page for an owner whose gallery shows 24 large images, as Chromium
// downloads it: the page, its scripts and styles, the API calls and every image, first as
// loaded (the first screenful's images are eager, the rest lazy) and then scrolled to the end.

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export type GalleryWeight = {
  firstViewBytes: number;
  scrolledBytes: number;
  imageBytes: number;
  requests: number;
  images: number;
};

export async function galleryWeight(appUrl: string, ownerCookie: string): Promise<GalleryWeight> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [name, value] = ownerCookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: appUrl }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    // Bytes on the wire per request (headers + encoded body), as DevTools counts them.
    const bytes = new Map<string, number>();
    const types = new Map<string, string>();
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => bytes.set(e.requestId, e.encodedDataLength));
    const total = () => [...bytes.values()].reduce((a, b) => a + b, 0);

    await page.goto(appUrl, { waitUntil: "networkidle" });
    await page.waitForSelector('[data-testid="generation-card"] img');
    // The first screenful's images are eager: wait until each has arrived.
    await page.waitForFunction(() => [...document.images].filter((img) => img.loading !== "lazy").every((img) => img.complete));
    await page.waitForLoadState("networkidle");
    const firstViewBytes = total();
    // Every card into view in turn, as a reader scrolling down would, then every image loaded.
    const cards = page.locator('[data-testid="generation-card"]');
    for (let i = 0; i < (await cards.count()); i++) await cards.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.waitForLoadState("networkidle");
    const images = [...bytes.keys()].filter((id) => types.get(id) === "Image");
    return {
      firstViewBytes,
      scrolledBytes: total(),
      imageBytes: images.reduce((n, id) => n + (bytes.get(id) ?? 0), 0),
      requests: bytes.size,
      images: images.length,
    };
  } finally {
    await browser.close();
  }
}
