import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RenderedAtContext } from "../../src/client/rendered-at";
import { ElapsedTime } from "../../src/components/elapsed-time";
import { ProgressBar } from "../../src/components/progress-bar";
import { ShapeSizer } from "../../src/components/shape-sizer";

// What a running generation draws in the server's HTML: no style attribute (the CSP refuses it
// there) and a clock read from the time the page was rendered at, which the hydrating browser
// reads too (src/client/rendered-at.ts). The browser half is tests/e2e/running-pages.test.ts.

describe("a running generation in server HTML", () => {
  it("draws the progress as an SVG rect's width, with the progressbar's aria values", () => {
    const html = renderToString(createElement(ProgressBar, { value: 0.423, label: "Progress" }));
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="42"');
    expect(html).toMatch(/<rect [^>]*width="42%"/);
    expect(html).not.toContain("style=");
    const waiting = renderToString(createElement(ProgressBar, { value: null, label: "Progress" }));
    expect(waiting).not.toContain("aria-valuenow");
    expect(waiting).not.toContain("style=");
  });

  it("draws a shape as an SVG viewBox", () => {
    const html = renderToString(createElement(ShapeSizer, { ratio: 1280 / 704 }));
    expect(html).toContain('viewBox="0 0 1818 1000"');
    expect(html).not.toContain("style=");
  });

  it("reads its clock from the page's render time, not the server's clock at that moment", () => {
    const renderedAt = Date.parse("2026-01-01T12:00:12.400Z");
    const generation = { createdAt: "2026-01-01T12:00:00.000Z", completedAt: null };
    const html = renderToString(
      createElement(RenderedAtContext, { value: renderedAt }, createElement(ElapsedTime, { generation, running: true })),
    );
    expect(html).toBe('<time dateTime="PT12S">12 s</time>');
  });
});
