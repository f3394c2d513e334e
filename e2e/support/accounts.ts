import { expect, type Page } from "@playwright/test";

export const OWNER = { name: "Olivia Owner", email: "owner@example.test", password: "owner-password-123", project: "Acme Automations" };

/** Resolves once React owns the page (the app marks <html data-hydrated>): its buttons now work. */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Completes first-run setup through the UI when the installation is still empty. Setup signs the
 * owner in; this signs out again so every caller starts from the same signed-out page.
 */
export async function ensureOwner(page: Page) {
  await page.goto("/setup");
  if (!page.url().includes("/setup")) return;
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByLabel("First project name").fill(OWNER.project);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections$/);
  await page.context().clearCookies();
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Profile menu" })).toBeVisible();
  await waitForHydration(page);
}

export async function signOut(page: Page) {
  await waitForHydration(page);
  await page.getByRole("button", { name: "Profile menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function signInAsOwner(page: Page) {
  await ensureOwner(page);
  await signIn(page, OWNER);
}

/** The id of the project in the current URL (/p/<id>/...). */
export function projectIdFrom(page: Page): string {
  const m = /\/p\/([^/]+)\//.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not on a project page: ${page.url()}`);
  return m[1]!;
}
