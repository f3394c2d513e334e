import type { Page } from "@playwright/test";
import { OAUTH_TEST, OAUTH_TEST_ISSUER } from "./env";

/** At the local OAuth provider's login page in the popup: signs in, allows, and waits for the popup to close. */
export async function logInAndAllow(popup: Page) {
  await popup.waitForURL(new RegExp(`^${OAUTH_TEST_ISSUER}/interaction/`));
  await popup.getByLabel("Username").fill(OAUTH_TEST.account.username);
  await popup.getByLabel("Password").fill(OAUTH_TEST.account.password);
  await popup.getByRole("button", { name: "Sign in" }).click();
  const closed = popup.waitForEvent("close");
  await popup.getByRole("button", { name: "Allow" }).click();
  await closed;
}
