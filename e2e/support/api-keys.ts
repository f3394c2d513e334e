import { expect, type Page } from "@playwright/test";

/** Creates a project API key with the default scope (read connections) and returns it: it is shown once. */
export async function createReadKey(page: Page, projectId: string, name: string): Promise<string> {
  await page.goto(`/p/${projectId}/settings/api-keys`);
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your new API key" });
  const token = await dialog.getByLabel("New API key").inputValue();
  expect(token).toMatch(/^cmk_/);
  await dialog.getByRole("button", { name: "I stored it" }).click();
  return token;
}
