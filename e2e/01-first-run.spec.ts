import { expect, test } from "@playwright/test";
import { OWNER, projectIdFrom, signIn, signOut } from "./support/accounts";

test("first-run setup signs the owner in on the first project's Connections; the app shell; sign out and back in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: /set up your installation/i })).toBeVisible();

  // Bad input is refused with a clear message and nothing is created.
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("First project name").fill(OWNER.project);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  // No second password entry: the owner lands on the first project's Connections, signed in.
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections$/);
  await expect(page.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`Project: ${OWNER.project}`) })).toBeVisible();
  await signOut(page);

  // Setup happens once: the page now sends people to sign in.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();

  await signIn(page, OWNER);
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Connections", "Flows", "Audit log", "Members", "API keys", "Admin"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: new RegExp(`Project: ${OWNER.project}`) })).toBeVisible();

  await nav.getByRole("link", { name: "Flows" }).click();
  await expect(page.getByRole("heading", { name: "Flows", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No flows yet", level: 2 })).toBeVisible();

  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("cell", { name: OWNER.email, exact: true })).toBeVisible();
  expect(projectIdFrom(page)).toBeTruthy();

  await signOut(page);
  await page.goto("/connections");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, OWNER);
  await expect(page.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
});
