import { expect, test } from "@playwright/test";
import { projectIdFrom, signIn, signInAsOwner, signOut } from "./support/accounts";

const OUTSIDER = { name: "Sam Outsider", email: "outsider@example.test", password: "outsider-password-1" };

test("a user who is not a member cannot open another project by URL", async ({ page }) => {
  await signInAsOwner(page);
  const ownerProjectId = projectIdFrom(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users/);
  await page.getByLabel("Name").fill(OUTSIDER.name);
  await page.getByLabel("E-mail").fill(OUTSIDER.email);
  await page.getByLabel("Initial password").fill(OUTSIDER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("cell", { name: OUTSIDER.email })).toBeVisible();
  await expect(page.getByRole("list", { name: "Recent account changes" }).getByRole("listitem").first()).toContainText(
    `owner@example.test created the account ${OUTSIDER.email}`,
  );
  await signOut(page);

  await signIn(page, OUTSIDER);
  await expect(page.getByText("You are not a member of any project yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

  for (const section of ["connections", "settings/members"]) {
    await page.goto(`/p/${ownerProjectId}/${section}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The API answers the same way when called directly.
  const res = await page.request.get(`/api/trpc/member.list?input=${encodeURIComponent(JSON.stringify({ json: { projectId: ownerProjectId } }))}`);
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain("owner@example.test");
});
