import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

// Does a page fit a narrow window? Boxes against the window's width, and controls against
// what they must show.

/** The element's box lies within 0..width (nothing cut off at either side). */
export async function expectWithinWidth(locator: Locator, width: number, label: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, label).not.toBeNull();
  expect(box?.x ?? -1, label).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY), label).toBeLessThanOrEqual(width);
}

/** How far the page reaches past the window's right edge; the window must not be zoomed out to fit. */
export async function pageOverflow(page: Page, width: number): Promise<number> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth).toBe(width);
  return scrollWidth - innerWidth;
}

/**
 * The control is wide enough to show what it holds: a select its chosen option, a date field a
 * whole date, a text field its value or placeholder, each beside its arrow or calendar icon; a
 * button its label on one line.
 */
export async function expectShowsWhole(control: Locator, label: string): Promise<void> {
  const room = await control.evaluate((el) => {
    if (el instanceof HTMLButtonElement) return el.clientWidth - el.scrollWidth;
    const field = el as HTMLInputElement | HTMLSelectElement;
    const text =
      field instanceof HTMLSelectElement
        ? (field.selectedOptions[0]?.text ?? "")
        : field.type === "date"
          ? "mm/dd/yyyy"
          : field.value || field.placeholder;
    const style = getComputedStyle(field);
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return -1;
    context.font = style.font;
    const icon = field instanceof HTMLSelectElement || field.type === "date" ? 24 : 0;
    const needed =
      context.measureText(text).width + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight) + icon;
    return field.clientWidth - needed;
  });
  expect(room, `${label} shows its content whole`).toBeGreaterThanOrEqual(0);
}
