import type { Locator, Page } from "playwright-core";

// Page objects: what a user sees and does, by role and test id, not by CSS.

export class StudioPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByRole("heading", { name: "New generation" }).waitFor();
    // The form is in the server's HTML before React runs: a select picked before hydration is lost.
    await this.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  }

  get promptInput(): Locator {
    return this.page.getByRole("textbox", { name: "Prompt", exact: true });
  }

  /** The form's submit button: "Generate", or a tool's own verb ("Upscale"). */
  get generateButton(): Locator {
    return this.page.getByTestId("submit-run");
  }

  async generate(prompt: string): Promise<void> {
    await this.promptInput.fill(prompt);
    await this.generateButton.click();
  }

  cards(prompt: string): Locator {
    return this.page.getByTestId("generation-card").filter({ hasText: prompt });
  }

  async waitForStatus(card: Locator, label: string, timeout = 60_000): Promise<void> {
    await card.getByTestId("generation-status").filter({ hasText: label }).waitFor({ timeout });
  }

  async openDetail(prompt: string): Promise<GenerationDetailPage> {
    await this.cards(prompt).getByRole("link", { name: prompt }).click();
    await this.page.waitForURL(/\/generations\/[^/]+$/);
    return new GenerationDetailPage(this.page);
  }
}

export class GenerationDetailPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId("generation-status");
  }

  get images(): Locator {
    return this.page.getByRole("region", { name: "Images" }).getByRole("img");
  }

  /** One per image ("Download image 1"…), not "Download all". */
  get downloadLinks(): Locator {
    return this.page.getByRole("link", { name: /^Download image/ });
  }

  /** The inputs definition list as `{ term: definition }`. */
  async inputs(): Promise<Record<string, string>> {
    const list = this.page.getByRole("region", { name: "Inputs" });
    const terms = await list.getByRole("term").allTextContents();
    const definitions = await list.getByRole("definition").allTextContents();
    return Object.fromEntries(terms.map((term, i) => [term, definitions[i] ?? ""]));
  }
}

/** Resolves once the image has loaded, with its natural width (0 if it is broken). */
export function naturalWidth(image: Locator): Promise<number> {
  return image.evaluate(async (img: HTMLImageElement) => {
    await img.decode().catch(() => undefined);
    return img.naturalWidth;
  });
}
