import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn, signInAsOwner, signOut } from "./support/accounts";

const CREATOR = { name: "Casey Creator", email: "creator@example.test", password: "creator-password-1" };

async function openProjectMenu(page: Page) {
  await page.getByRole("button", { name: /Switch project/ }).click();
}

test("project creation stays with platform admins until an admin opens it to everyone in Admin → Settings", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill(CREATOR.name);
  await page.getByLabel("E-mail").fill(CREATOR.email);
  await page.getByLabel("Initial password").fill(CREATOR.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("cell", { name: CREATOR.email })).toBeVisible();
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("radio", { name: /Platform admins only/ })).toBeChecked();
  await signOut(page);

  await signIn(page, CREATOR);
  await expect(page.getByText("You are not a member of any project yet")).toBeVisible();
  await expect(page.getByText(/create a project from the project menu/)).toHaveCount(0);
  await openProjectMenu(page);
  await expect(page.getByRole("menuitem", { name: "New project" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await signOut(page);

  await signIn(page, OWNER);
  await page.goto("/admin/settings");
  await page.getByRole("radio", { name: /Everyone with an account/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("list", { name: "Recent settings changes" }).getByRole("listitem").first()).toContainText(
    `${OWNER.email} set who can create projects to everyone with an account`,
  );
  await signOut(page);

  await signIn(page, CREATOR);
  await expect(page.getByText(/create a project from the project menu/)).toBeVisible();
  await openProjectMenu(page);
  await page.getByRole("menuitem", { name: "New project" }).click();
  await page.getByLabel("Project name").fill("Casey's flows");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections/);
  await expect(page.getByRole("button", { name: /Project: Casey's flows/ })).toBeVisible();
});
