import type { Locator, Page } from "playwright-core";

// The full-screen viewer as a user meets it: the picture, its scrolling stage, the counter
// ("2 / 2 · 1.5×") and the hint at its foot, by test id and role, not by CSS.

type Box = { x: number; y: number; width: number; height: number };

export class ViewerPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId("image-viewer");
  }

  /** The dialog while it shows image `n` (of any number). */
  showing(n: number): Locator {
    return this.page.getByRole("dialog", { name: new RegExp(`^Image ${n} of `) });
  }

  get image(): Locator {
    return this.page.getByTestId("viewer-image");
  }

  get stage(): Locator {
    return this.page.getByTestId("viewer-stage");
  }

  get hint(): Locator {
    return this.page.getByTestId("viewer-hint");
  }

  /** "2 / 2 · Fit", "2 / 2 · 1.5×". */
  counter(): Promise<string | null> {
    return this.dialog.getByText(/^\d+ \/ \d+ · /).textContent();
  }

  /** "1" fitted, "1.5", "2" or "3" zoomed. */
  zoom(): Promise<string | null> {
    return this.image.getAttribute("data-zoom");
  }

  async box(): Promise<Box> {
    return (await this.image.boundingBox()) as Box;
  }

  /** How far the stage is scrolled, and how far it can be. */
  scroll(): Promise<{ left: number; top: number; maxLeft: number; maxTop: number; width: number; height: number }> {
    return this.stage.evaluate((el) => ({
      left: el.scrollLeft,
      top: el.scrollTop,
      maxLeft: el.scrollWidth - el.clientWidth,
      maxTop: el.scrollHeight - el.clientHeight,
      width: el.clientWidth,
      height: el.clientHeight,
    }));
  }

  /** Which point of the picture (in % of its width and height) is at (x, y) on screen, or mid-stage. */
  pointAt(at?: { x: number; y: number }): Promise<number[]> {
    return this.stage.evaluate((el, at) => {
      const view = el.getBoundingClientRect();
      const picture = (el.querySelector("img") as HTMLImageElement).getBoundingClientRect();
      const x = ((at ? at.x : view.left + el.clientWidth / 2) - picture.left) / picture.width;
      const y = ((at ? at.y : view.top + el.clientHeight / 2) - picture.top) / picture.height;
      return [Math.round(x * 100), Math.round(y * 100)];
    }, at);
  }
}
