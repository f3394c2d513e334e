import { expect, test, type Page } from "@playwright/test";
import { openAiKey, openConnections, randomChars, startNewConnection } from "./support/connections";

// Refreshes the README's screenshots: npm run screenshots (not part of npm test).
test.describe("README screenshot", () => {
  test.use({ viewport: { width: 1400, height: 900 }, colorScheme: "light" });

  async function createSecretConnection(page: Page, app: string, name: string, field: string, secret: string, method?: string) {
    const dialog = await startNewConnection(page, app, app);
    await dialog.getByLabel("Name").fill(name);
    if (method) await dialog.getByRole("radio", { name: method }).check();
    await dialog.getByRole("textbox", { name: field, exact: true }).fill(secret);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  test("populated connections page", async ({ page }) => {
    await openConnections(page);
    await createSecretConnection(page, "OpenAI", "OpenAI – Marketing", "API key", openAiKey());
    await createSecretConnection(page, "Anthropic Claude", "Claude – Research", "API key", `sk-ant-${randomChars(40)}`);
    await createSecretConnection(page, "Stripe", "Stripe – Billing", "Secret or restricted key", `rk_live_${randomChars(30)}`);
    await createSecretConnection(page, "Slack", "Slack – Support Bot", "Bot token", `xoxb-${randomChars(30)}`, "Bot token");
    await createSecretConnection(page, "Linear", "Linear – Engineering", "API key", `lin_api_${randomChars(32)}`);

    const db = await startNewConnection(page, "postgres", "PostgreSQL");
    await db.getByLabel("Name").fill("PostgreSQL – Analytics");
    await db.getByLabel("Host").fill("127.0.0.1");
    await db.getByLabel("Database").fill("postgres");
    await db.getByRole("textbox", { name: "Password", exact: true }).fill("analytics-password");
    await db.getByRole("button", { name: "Save" }).click();
    await expect(db).toBeHidden();

    await page.reload();
    await expect(page.getByRole("button", { name: "PostgreSQL – Analytics details" })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: "docs/screenshot-connections.png" });
  });
});
