import { expect, test, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner, waitForHydration } from "./support/accounts";
import { APP_URL_INSTANCE, OAUTH_TEST_ISSUER } from "./support/env";
import { logInAndAllow } from "./support/oauth-provider";
import { startOAuthConnection } from "./support/connections";

// Against the second app instance, started with APP_URL=http://127.0.0.1:<port> while this
// project's browser goes to http://localhost:<port>: APP_URL wins over the Host of the request.
const { appUrl, browsed } = APP_URL_INSTANCE;
const callback = `${appUrl}/api/oauth/callback`;

async function startConnect(page: Page, projectId: string, name: string) {
  await page.goto(`/p/${projectId}/connections`);
  await waitForHydration(page);
  const dialog = await startOAuthConnection(page, name);
  const requested = page.context().waitForEvent("request", (r) => r.url().startsWith(`${OAUTH_TEST_ISSUER}/auth?`));
  const popupOpened = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Connect", exact: true }).click();
  return { dialog, popup: await popupOpened, redirectUri: new URL((await requested).url()).searchParams.get("redirect_uri") };
}

test.describe("browsed at APP_URL", () => {
  test.use({ baseURL: appUrl });

  test("the OAuth journey uses APP_URL's redirect URL and ends Active", async ({ page }) => {
    await signInAsOwner(page);
    const name = `At APP_URL ${String(Date.now()).slice(-6)}`;
    const { dialog, popup, redirectUri } = await startConnect(page, projectIdFrom(page), name);
    expect(redirectUri).toBe(callback);
    await logInAndAllow(popup);
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
    await expect(row.getByText("Active", { exact: true })).toBeVisible();

    await page.goto("/admin/oauth-apps");
    const redirect = page.getByRole("region", { name: "Redirect URL" });
    await expect(redirect).toContainText(callback);
    await expect(redirect.getByRole("alert")).toHaveCount(0);
  });
});

test("browsed at another host than APP_URL: the redirect URL stays on APP_URL, and Admin → OAuth apps says so", async ({ page }) => {
  await signInAsOwner(page);
  expect(page.url().startsWith(browsed)).toBe(true);
  const projectId = projectIdFrom(page);

  await page.goto("/admin/oauth-apps");
  const redirect = page.getByRole("region", { name: "Redirect URL" });
  await expect(redirect).toContainText(callback);
  const warning = redirect.getByRole("alert");
  await expect(warning).toContainText(`You are using this app at ${browsed}, but APP_URL is ${appUrl}`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await redirect.getByRole("button", { name: "Copy redirect URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(callback);

  // The provider is asked to send the browser back to APP_URL, not to the host in use.
  const { popup, redirectUri } = await startConnect(page, projectId, `Elsewhere ${String(Date.now()).slice(-6)}`);
  expect(redirectUri).toBe(callback);
  await popup.close();
});
