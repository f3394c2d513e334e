import { expect, type Locator, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner, waitForHydration } from "./accounts";
import { OAUTH_TEST } from "./env";

export const randomChars = (n: number) =>
  Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[Math.floor(Math.random() * 62)]).join("");
export const openAiKey = () => `sk-test${randomChars(40)}`;

export async function openConnections(page: Page): Promise<string> {
  await signInAsOwner(page);
  await expect(page).toHaveURL(/\/p\/[^/]+\//);
  const projectId = projectIdFrom(page);
  await page.goto(`/p/${projectId}/connections`);
  await expect(page.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  await waitForHydration(page);
  return projectId;
}

/** Opens New Connection and picks an app; returns the dialog. */
export async function startNewConnection(page: Page, search: string, app: string): Promise<Locator> {
  // The empty state has its own New Connection button; the toolbar's comes first.
  await page.getByRole("button", { name: "New Connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Connection" });
  await dialog.getByLabel("Search apps").fill(search);
  await dialog.getByRole("button", { name: app, exact: true }).click();
  return dialog;
}

/** Opens New Connection on the local OAuth provider's app and names the connection; returns the dialog. */
export async function startOAuthConnection(page: Page, name: string): Promise<Locator> {
  const dialog = await startNewConnection(page, OAUTH_TEST.piece, OAUTH_TEST.appName);
  await dialog.getByLabel("Name").fill(name);
  return dialog;
}
