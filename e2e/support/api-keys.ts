import { expect, type Page } from "@playwright/test";

/**
 * Creates a project API key through Settings → API keys and returns it (it is shown once). The
 * form starts with "Read connections" checked; `scopes` names the checkboxes to end up checked.
 */
export async function createApiKeyInPage(page: Page, projectId: string, name: string, scopes: RegExp[] = [/Read connections/]): Promise<string> {
  await page.goto(`/p/${projectId}/settings/api-keys`);
  await page.getByLabel("Key name").fill(name);
  const readConnections = page.getByRole("checkbox", { name: /Read connections/ });
  if (!scopes.some((s) => s.source === "Read connections")) await readConnections.uncheck();
  for (const scope of scopes) await page.getByRole("checkbox", { name: scope }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your new API key" });
  const token = await dialog.getByLabel("New API key").inputValue();
  expect(token).toMatch(/^cmk_/);
  await dialog.getByRole("button", { name: "I stored it" }).click();
  return token;
}

/** A key with the default scope: read connections. */
export const createReadKey = (page: Page, projectId: string, name: string) => createApiKeyInPage(page, projectId, name);
