import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { signIn, signInAsOwner, signOut } from "./support/accounts";

// Accounts: sign-in throttling, Change password, and an admin's Disable / Reset password, each
// seen from the browser of the person it happens to.

// Several browsers sign in with scrypt-hashed passwords on a shared machine: more than a minute.
test.slow();

const person = (name: string) => ({ name, email: `${name.toLowerCase()}-${randomBytes(3).toString("hex")}@example.test`, password: `${name}-first-Passw0rd` });

async function createAccount(page: Page, account: { name: string; email: string; password: string }) {
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Initial password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("cell", { name: account.email, exact: true })).toBeVisible();
}

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

async function trySignIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A refused sign-in: the form is cleared when the answer is in, then the message is shown. */
async function refusedSignIn(page: Page, email: string, password: string, message: string) {
  await trySignIn(page, email, password);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function rowAction(page: Page, email: string, item: string) {
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Account actions" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("wrong passwords lock the account with a clear message, and the right one waits for the lock", async ({ page, browser }) => {
  await signInAsOwner(page);
  const locky = person("Locky");
  await createAccount(page, locky);

  const guest = await (await browser.newContext()).newPage();
  await guest.goto("/sign-in");
  for (let i = 1; i <= 4; i++) await refusedSignIn(guest, locky.email, `wrong-password-${i}`, "Wrong e-mail or password.");
  await refusedSignIn(guest, locky.email, "wrong-password-5", "Too many attempts, try again in 1 minute.");
  await refusedSignIn(guest, locky.email, locky.password, "Too many attempts, try again in 1 minute.");

  await page.reload();
  await expect(page.getByText(`locked sign-in to ${locky.email} after 5 failures`)).toBeVisible();
  await guest.context().close();
});

test("Change password keeps this session, signs the others out, and the old password stops working", async ({ page, browser }) => {
  await signInAsOwner(page);
  const pat = person("Pat");
  await createAccount(page, pat);
  const laptop = await signedInPage(browser, pat);
  const phone = await signedInPage(browser, pat);

  await laptop.getByRole("button", { name: "Profile menu" }).click();
  await laptop.getByRole("menuitem", { name: "Change password" }).click();
  const dialog = laptop.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill("not-my-password");
  await dialog.getByLabel(/^New password/).fill("Pat-second-Passw0rd");
  await dialog.getByLabel("Confirm new password").fill("Pat-second-Passw0rd");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("The current password is wrong")).toBeVisible();
  // A submitted form is cleared: every field is typed again.
  await dialog.getByLabel("Current password").fill(pat.password);
  await dialog.getByLabel(/^New password/).fill("Pat-second-Passw0rd");
  await dialog.getByLabel("Confirm new password").fill("Pat-second-Passw0rd");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog).toBeHidden();

  await laptop.reload();
  await expect(laptop.getByRole("button", { name: "Profile menu" })).toBeVisible();
  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in/);

  await refusedSignIn(phone, pat.email, pat.password, "Wrong e-mail or password.");
  await signIn(phone, { email: pat.email, password: "Pat-second-Passw0rd" });
  await laptop.context().close();
  await phone.context().close();
});

test("an admin disables a user: their open session is signed out at the next request and they cannot sign in", async ({ page, browser }) => {
  await signInAsOwner(page);
  const dora = person("Dora");
  await createAccount(page, dora);
  const doraPage = await signedInPage(browser, dora);

  await rowAction(page, dora.email, "Disable…");
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText(`${dora.email} is disabled and signed out`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: dora.email }).getByText("Disabled")).toBeVisible();

  await doraPage.reload();
  await expect(doraPage).toHaveURL(/\/sign-in/);
  await refusedSignIn(doraPage, dora.email, dora.password, "This account is disabled. Ask a platform admin to enable it.");

  // Nobody disables themselves: the owner's own row refuses.
  await rowAction(page, "owner@example.test", "Disable…");
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("You cannot disable your own account")).toBeVisible();

  await rowAction(page, dora.email, "Enable");
  await expect(page.getByText(`${dora.email} can sign in again`)).toBeVisible();
  await signIn(doraPage, dora);
  await doraPage.context().close();
});

test("an admin resets a password: the one-time password works once and must be replaced", async ({ page, browser }) => {
  await signInAsOwner(page);
  const remy = person("Remy");
  await createAccount(page, remy);
  const remyPage = await signedInPage(browser, remy);

  await rowAction(page, remy.email, "Reset password…");
  const reset = page.getByRole("dialog", { name: "Reset password" });
  await reset.getByRole("button", { name: "Reset password" }).click();
  const oneTime = await reset.getByLabel("One-time password").inputValue();
  expect(oneTime).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await reset.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: remy.email }).getByText("Must change password")).toBeVisible();

  // Remy's open session ended with the reset; the old password no longer works.
  await remyPage.reload();
  await expect(remyPage).toHaveURL(/\/sign-in/);
  await refusedSignIn(remyPage, remy.email, remy.password, "Wrong e-mail or password.");

  // The one-time password signs in, straight into a dialog that cannot be dismissed.
  await trySignIn(remyPage, remy.email, oneTime);
  const forced = remyPage.getByRole("dialog", { name: "Choose a new password" });
  await expect(forced).toBeVisible();
  await remyPage.keyboard.press("Escape");
  await expect(forced).toBeVisible();
  await forced.getByLabel("One-time password").fill(oneTime);
  await forced.getByLabel(/^New password/).fill("Remy-own-Passw0rd");
  await forced.getByLabel("Confirm new password").fill("Remy-own-Passw0rd");
  await forced.getByRole("button", { name: "Change password" }).click();
  await expect(forced).toBeHidden();
  await remyPage.reload();
  await expect(remyPage.getByRole("dialog")).toBeHidden();

  await signOut(remyPage);
  await signIn(remyPage, { email: remy.email, password: "Remy-own-Passw0rd" });
  await remyPage.context().close();
});
