import { expect, test, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner, waitForHydration } from "./support/accounts";
import { createReadKey } from "./support/api-keys";
import { OAUTH_TEST, OAUTH_TEST_ISSUER } from "./support/env";
import { logInAndAllow } from "./support/oauth-provider";

// The OAuth2 (custom app) piece against the local provider, on README's default start: Reconnect
// keeps what was entered, an invalid form opens no popup, and the engine API hands out refreshed
// tokens (this client's access tokens live 20 s: a use after half of that refreshes first).
const CUSTOM = "OAuth2 (custom app)";
const client = OAUTH_TEST.customClient;

function countPopups(page: Page) {
  const opened: Page[] = [];
  page.on("popup", (p) => opened.push(p));
  return () => opened.length;
}

test("a custom OAuth2 app: a closed popup, then Reconnect pre-filled (secret kept), Active, and refreshed through the engine API", async ({
  page,
  baseURL,
  request,
}) => {
  // A long journey: two authorizations and a refresh that falls due about 10 s after the first token.
  test.setTimeout(150_000);
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  await page.goto(`/p/${projectId}/connections`);
  await waitForHydration(page);
  const stamp = String(Date.now()).slice(-6);
  const name = `Custom refresh ${stamp}`;

  await page.getByRole("button", { name: "New Connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Connection" });
  await dialog.getByLabel("Search apps").fill("custom app");
  await dialog.getByRole("button", { name: CUSTOM, exact: true }).click();
  // The redirect URL to register follows the address this browser uses.
  await expect(dialog.getByText(`${baseURL}/api/oauth/callback`, { exact: true })).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Authorization URL").fill(`${OAUTH_TEST_ISSUER}/auth`);
  await dialog.getByLabel("Client ID").fill(client.id);
  await dialog.getByRole("textbox", { name: "Client secret", exact: true }).fill(client.secret);
  await dialog.getByLabel("Scopes").fill(OAUTH_TEST.scopes.join(" "));

  // Token URL missing: the form says so and no popup opens.
  const popups = countPopups(page);
  await dialog.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(dialog.getByText("Token URL is required")).toBeVisible();
  expect(popups()).toBe(0);

  await dialog.getByLabel("Token URL").fill(`${OAUTH_TEST_ISSUER}/token`);
  const popupOpened = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Connect", exact: true }).click();
  const popup = await popupOpened;
  await popup.waitForURL(new RegExp(`^${OAUTH_TEST_ISSUER}/interaction/`));
  await popup.close();
  await expect(dialog.getByRole("alert")).toContainText("saved as Missing");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
  await expect(row.getByText("Missing", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Reconnect ${name}` }).click();
  const reconnect = page.getByRole("dialog", { name: `Reconnect ${name}` });
  await expect(reconnect.getByLabel("Authorization URL")).toHaveValue(`${OAUTH_TEST_ISSUER}/auth`);
  await expect(reconnect.getByLabel("Token URL")).toHaveValue(`${OAUTH_TEST_ISSUER}/token`);
  await expect(reconnect.getByLabel("Client ID")).toHaveValue(client.id);
  await expect(reconnect.getByLabel("Scopes")).toHaveValue(OAUTH_TEST.scopes.join(" "));
  const secret = reconnect.getByRole("textbox", { name: "Client secret", exact: true });
  await expect(secret).toHaveValue("");
  await expect(secret).toHaveAttribute("placeholder", /^Unchanged/);
  await expect(reconnect.getByText(client.secret)).toHaveCount(0);

  // An emptied required field: an error on it, still no popup.
  await reconnect.getByLabel("Client ID").fill("");
  await reconnect.getByRole("button", { name: "Reconnect", exact: true }).click();
  await expect(reconnect.getByText("Client ID is required")).toBeVisible();
  expect(popups()).toBe(1);
  await reconnect.getByLabel("Client ID").fill(client.id);

  // The secret left blank: the one entered before is used, and the provider accepts it.
  const again = page.waitForEvent("popup");
  await reconnect.getByRole("button", { name: "Reconnect", exact: true }).click();
  await logInAndAllow(await again);
  await expect(reconnect).toBeHidden();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  // The flow engine's view: each use of a token that expires within the margin refreshes it first.
  const externalId = (await row.locator("span.font-mono").first().textContent())!.trim();
  const key = await createReadKey(page, projectId, `Engine ${stamp}`);
  const tokenNow = async () => {
    const res = await request.get(`/api/v1/worker/connections/${externalId}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { value: { type: string; access_token: string; refresh_token?: string } };
    expect(body.value.type).toBe("OAUTH2");
    return body.value.access_token;
  };
  const first = await tokenNow();
  await expect.poll(tokenNow, { timeout: 40_000, intervals: [1_000] }).not.toBe(first);
  const latest = await tokenNow();
  const introspection = await request.post(`${OAUTH_TEST_ISSUER}/token/introspection`, {
    form: { token: latest },
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}` },
  });
  expect(await introspection.json()).toMatchObject({ active: true, client_id: client.id });

  await page.goto(`/p/${projectId}/connections`);
  await waitForHydration(page);
  await row.getByRole("button", { name: `${name} details`, exact: true }).click();
  await expect(page.getByRole("dialog").getByText("Token refreshed").first()).toBeVisible();
});
