import { expect, test, type Locator, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner, waitForHydration } from "./support/accounts";
import { OAUTH_TEST, OAUTH_TEST_ISSUER } from "./support/env";
import { logInAndAllow } from "./support/oauth-provider";
import { startOAuthConnection } from "./support/connections";

// OAuth2 connections against a real local OAuth server (tests/support/oidc-server.ts) started by
// playwright.config.ts; the catalogue's Salesforce app points at it through OAUTH_ENDPOINTS. The app
// runs as README's default start (no APP_URL): these journeys run once browsed at localhost and
// once at 127.0.0.1 (two Playwright projects), and every redirect URL must follow the address used.
const APP = OAUTH_TEST.appName;
const stamp = () => String(Date.now()).slice(-6);

async function openConnections(page: Page) {
  await signInAsOwner(page);
  await page.goto(`/p/${projectIdFrom(page)}/connections`);
  await expect(page.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  await waitForHydration(page);
}

async function newOAuthConnection(page: Page, name: string): Promise<Locator> {
  const dialog = await startOAuthConnection(page, name);
  return dialog;
}

/** Clicks the dialog's Connect (or Reconnect) and returns the provider's popup, at its login page. */
async function openPopup(page: Page, dialog: Locator, button: string): Promise<Page> {
  const popupOpened = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: button, exact: true }).click();
  const popup = await popupOpened;
  await popup.waitForURL(new RegExp(`^${OAUTH_TEST_ISSUER}/interaction/`));
  return popup;
}

function statusOf(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
}

test("an OAuth2 connection is authorized in a popup and becomes Active", async ({ page, baseURL }) => {
  await openConnections(page);
  const name = `${APP} – Sales ${stamp()}`;
  const dialog = await newOAuthConnection(page, name);

  const requested = page.context().waitForEvent("request", (r) => r.url().startsWith(`${OAUTH_TEST_ISSUER}/auth?`));
  const popup = await openPopup(page, dialog, "Connect");
  const authorize = new URL(popup.url());
  expect(authorize.origin).toBe(OAUTH_TEST_ISSUER);
  // The provider is sent back to the address this browser uses, not the server's bind address.
  expect(new URL((await requested).url()).searchParams.get("redirect_uri")).toBe(`${baseURL}/api/oauth/callback`);
  await logInAndAllow(popup);

  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Connection “${name}” authorized`)).toBeVisible();
  await expect(statusOf(page, name).getByText("Active", { exact: true })).toBeVisible();
});

test("closing the popup leaves the connection Missing, and Reconnect finishes it", async ({ page }) => {
  await openConnections(page);
  const name = `${APP} – Support ${stamp()}`;
  const dialog = await newOAuthConnection(page, name);

  const popup = await openPopup(page, dialog, "Connect");
  await popup.close();
  await expect(dialog.getByRole("alert")).toContainText("saved as Missing");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const row = statusOf(page, name);
  await expect(row.getByText("Missing", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Reconnect ${name}` }).click();
  const reconnect = page.getByRole("dialog", { name: `Reconnect ${name}` });
  await expect(reconnect.getByText("Authorization was started but not finished")).toBeVisible();
  await logInAndAllow(await openPopup(page, reconnect, "Reconnect"));
  await expect(reconnect).toBeHidden();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
});

test("a platform admin sets an app's OAuth client, and the connection form uses it", async ({ page, baseURL }) => {
  await signInAsOwner(page);
  await expect(page).toHaveURL(/\/p\/[^/]+\//);
  const projectId = projectIdFrom(page);
  await page.goto("/admin/oauth-apps");
  const redirectUrl = `${baseURL}/api/oauth/callback`;
  const redirect = page.getByRole("region", { name: "Redirect URL" });
  await expect(redirect).toContainText(redirectUrl);
  // No APP_URL: nothing to warn about, whichever address the admin uses.
  await expect(redirect.getByRole("alert")).toHaveCount(0);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await redirect.getByRole("button", { name: "Copy redirect URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUrl);
  const appRow = page.getByRole("row").filter({ hasText: APP });
  await expect(appRow.getByText("Server default")).toBeVisible();
  await expect(appRow.getByText(OAUTH_TEST.defaultClient.id)).toBeVisible();

  await appRow.getByRole("button", { name: `Set up ${APP}` }).click();
  const form = page.getByRole("dialog", { name: `OAuth app for ${APP}` });
  await form.getByLabel("Client ID").fill(OAUTH_TEST.adminClient.id);
  await form.getByLabel("Client secret").fill(OAUTH_TEST.adminClient.secret);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toBeHidden();
  await expect(appRow.getByText("Configured")).toBeVisible();
  await expect(appRow.getByText(OAUTH_TEST.adminClient.id)).toBeVisible();
  await expect(page.getByText(OAUTH_TEST.adminClient.secret)).toHaveCount(0);
  const changes = page.getByRole("list", { name: "Recent OAuth app changes" });
  await expect(changes.getByRole("listitem").first()).toContainText(`set up the OAuth app for ${APP} (Client ID ${OAUTH_TEST.adminClient.id})`);

  await page.goto(`/p/${projectId}/connections`);
  const name = `${APP} – Admin app ${stamp()}`;
  const dialog = await newOAuthConnection(page, name);
  const popup = await openPopup(page, dialog, "Connect");
  // The provider's consent page names the client asking: the admin's.
  await popup.getByLabel("Username").fill(OAUTH_TEST.account.username);
  await popup.getByLabel("Password").fill(OAUTH_TEST.account.password);
  await popup.getByRole("button", { name: "Sign in" }).click();
  await expect(popup.getByText(OAUTH_TEST.adminClient.id)).toBeVisible();
  const closed = popup.waitForEvent("close");
  await popup.getByRole("button", { name: "Allow" }).click();
  await closed;
  await expect(statusOf(page, name).getByText("Active", { exact: true })).toBeVisible();

  // Removing it brings the server's default back.
  await page.goto("/admin/oauth-apps");
  await appRow.getByRole("button", { name: `Remove ${APP}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(appRow.getByText("Server default")).toBeVisible();
  await expect(changes.getByRole("listitem").first()).toContainText(`removed the OAuth app for ${APP} (the server default applies again)`);
});

test("with popups blocked, the authorization runs in the page and comes back to Connections", async ({ page }) => {
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await openConnections(page);
  const name = `${APP} – No popup ${stamp()}`;
  const dialog = await newOAuthConnection(page, name);
  await dialog.getByRole("button", { name: "Connect", exact: true }).click();

  await page.waitForURL(new RegExp(`^${OAUTH_TEST_ISSUER}/interaction/`));
  await page.getByLabel("Username").fill(OAUTH_TEST.account.username);
  await page.getByLabel("Password").fill(OAUTH_TEST.account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(/\/p\/[^/]+\/connections$/);
  await expect(page.getByText("Connection authorized")).toBeVisible();
  await expect(statusOf(page, name).getByText("Active", { exact: true })).toBeVisible();
});
