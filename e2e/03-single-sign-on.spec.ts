import { expect, test, type Page } from "@playwright/test";
import { ensureOwner, signInAsOwner, signOut, waitForHydration } from "./support/accounts";
import { OIDC_TEST, OIDC_TEST_ISSUER } from "./support/env";

// Single sign-on against a real OpenID provider (oidc-provider) started by playwright.config.ts.
const SSO = OIDC_TEST.account;

async function startSso(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${OIDC_TEST.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_TEST_ISSUER}/interaction/`));
}

async function logInAtProvider(page: Page) {
  await page.getByLabel("Username").fill(SSO.username);
  await page.getByLabel("Password").fill(SSO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
}

async function expectSignedInAsSsoUser(page: Page) {
  await expect(page.getByText("You are not a member of any project yet")).toBeVisible();
  // The page arrives server-rendered after the provider's redirect: a click before React has
  // hydrated it would be lost (the menu opens on pointerdown, a JavaScript handler).
  await waitForHydration(page);
  await page.getByRole("button", { name: "Profile menu" }).click();
  await expect(page.getByRole("menu").getByText(SSO.email)).toBeVisible();
  await expect(page.getByRole("menu").getByText(SSO.name)).toBeVisible();
  await page.keyboard.press("Escape");
}

test("a new user signs in with single sign-on, and again without a duplicate account", async ({ page }) => {
  await ensureOwner(page);

  await startSso(page);
  await logInAtProvider(page);
  await page.getByRole("button", { name: "Allow" }).click();

  // Back in the app as a brand-new account that belongs to no project.
  await expectSignedInAsSsoUser(page);
  await signOut(page);

  // The provider remembers this browser and the consent, so it sends the user straight back.
  await page.getByRole("button", { name: `Continue with ${OIDC_TEST.name}` }).click();
  await expectSignedInAsSsoUser(page);
  await signOut(page);

  await signInAsOwner(page);
  await page.goto("/admin/users");
  await expect(page.getByRole("cell", { name: SSO.email, exact: true })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: SSO.name, exact: true })).toHaveCount(1);
});

test("denying consent at the provider returns to sign-in with an error, signed out", async ({ page }) => {
  await ensureOwner(page);

  await startSso(page);
  await logInAtProvider(page);
  await page.getByRole("button", { name: "Deny" }).click();

  await expect(page).toHaveURL(/\/sign-in\?.*error=/);
  // Next's route announcer is an (empty) alert too, once the page has hydrated.
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Sign-in failed. Try again.");
  await expect(page.getByRole("button", { name: "Profile menu" })).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});
