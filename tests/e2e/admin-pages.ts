import type { Locator, Page } from "playwright-core";

// The admin console as an operator sees it: by role, label and test id, not by CSS.

export class AdminPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/admin`);
  }

  async signIn(password: string): Promise<void> {
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Admin console" });
  }

  get alert(): Locator {
    return this.page.getByRole("alert");
  }

  row(prompt: string): Locator {
    return this.page.getByTestId("admin-row").filter({ hasText: prompt });
  }

  async waitForRowStatus(prompt: string, label: string, timeout = 30_000): Promise<void> {
    await this.row(prompt).getByTestId("generation-status").filter({ hasText: label }).waitFor({ timeout });
  }

  async cancelRow(prompt: string): Promise<void> {
    await this.row(prompt).getByRole("button", { name: "Cancel", exact: true }).click();
  }

  async openDetails(prompt: string): Promise<Locator> {
    await this.row(prompt).getByRole("button", { name: prompt }).click();
    const drawer = this.page.getByRole("dialog", { name: "Generation details" });
    await drawer.waitFor();
    return drawer;
  }

  summaryFigure(term: string): Locator {
    return this.page.getByRole("region", { name: "Summary" }).getByRole("term").filter({ hasText: term }).locator("xpath=..//dd");
  }
}
