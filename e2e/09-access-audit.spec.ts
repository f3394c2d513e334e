import { expect, test, type Page } from "@playwright/test";
import { OWNER, projectIdFrom, signInAsOwner } from "./support/accounts";

// Changes to who can reach a project's secrets land in the Audit log with their actor, never a secret.

async function createAccount(page: Page, email: string) {
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill("Casey Member");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("casey-password-123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
}

/** The Audit log's rows whose text mentions `text`, newest first. */
async function auditRows(page: Page, projectId: string, text: string) {
  await page.goto(`/p/${projectId}/audit`);
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  return page.getByRole("row").filter({ hasText: text });
}

test("members added, re-roled and removed, and a repointed webhook, are in the Audit log with who did it", async ({ page }) => {
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  const email = `casey-${Date.now()}@example.test`;
  await createAccount(page, email);

  await page.goto(`/p/${projectId}/settings/members`);
  await page.getByLabel("E-mail of an existing user").fill(email);
  await page.getByRole("combobox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: "Viewer" }).click();
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  await page.getByRole("combobox", { name: `Role of ${email}` }).click();
  await page.getByRole("option", { name: "Editor" }).click();
  await expect(page.getByText("Role changed")).toBeVisible();
  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await expect(page.getByRole("cell", { name: email, exact: true })).toHaveCount(0);

  const memberRows = await auditRows(page, projectId, email);
  await expect(memberRows).toHaveCount(3);
  await expect(memberRows.nth(0)).toContainText("Member removed");
  await expect(memberRows.nth(0)).toContainText("(was Editor)");
  await expect(memberRows.nth(1)).toContainText("Member role changed");
  await expect(memberRows.nth(1)).toContainText(`${email}: Viewer → Editor`);
  await expect(memberRows.nth(2)).toContainText("Member added");
  await expect(memberRows.nth(2)).toContainText(`${email} as Viewer`);
  for (let i = 0; i < 3; i++) await expect(memberRows.nth(i).getByRole("cell").nth(3)).toHaveText(OWNER.email);

  // Repoint the webhook (its path is the receiver's credential), then rotate the signing secret.
  const pathToken = `PATHTOKEN${Date.now()}`;
  await page.goto(`/p/${projectId}/settings/notifications`);
  await page.getByLabel("Webhook URL").fill(`https://receiver-${Date.now()}.example.test/hooks/${pathToken}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Notification settings saved")).toBeVisible();
  const secretBox = page.getByLabel("Signing secret", { exact: true });
  // The first URL of a project gets a secret at once; either way, a rotation shows a new one.
  const first = (await secretBox.count()) ? ((await secretBox.textContent()) ?? "").trim() : "";
  await page.getByRole("button", { name: "New signing secret" }).click();
  await expect(secretBox).toHaveText(/^whsec_/);
  if (first) await expect(secretBox).not.toHaveText(first);
  const secret = ((await secretBox.textContent()) ?? "").trim();

  const settingsRows = await auditRows(page, projectId, "Notifications changed");
  await expect(settingsRows.nth(0)).toContainText("Signing secret rotated");
  await expect(settingsRows.nth(1)).toContainText(/Webhook URL: .* → https:\/\/receiver-\d+\.example\.test/);
  await expect(settingsRows.nth(1).getByRole("cell").nth(3)).toHaveText(OWNER.email);
  const table = (await page.getByRole("table").textContent()) ?? "";
  expect(table).not.toContain(pathToken);
  for (const s of [secret, first].filter(Boolean)) expect(table).not.toContain(s);

  // The CSV says the same, without the secret either.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv).toContain("member.role_changed");
  expect(csv).toContain("notifications.updated");
  expect(csv).not.toContain(secret);
  expect(csv).not.toContain(pathToken);

  // Admin → Audit verifies the hash chains.
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Verify audit trail" }).click();
  await expect(page.getByRole("status")).toContainText(/Intact: \d+ events in \d+ chains? verify\./);
});

test("a project created, renamed and deleted: its trail says so, and Admin → Audit lists the deletion", async ({ page }) => {
  await signInAsOwner(page);
  const ownersProject = projectIdFrom(page);
  const stamp = Date.now();
  const [first, second] = [`Scratch ${stamp}`, `Scratch renamed ${stamp}`];
  await page.getByRole("button", { name: /Switch project/ }).click();
  await page.getByRole("menuitem", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(first);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).not.toHaveURL(new RegExp(ownersProject));
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections/);
  const projectId = projectIdFrom(page);

  await page.goto(`/p/${projectId}/settings/general`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(second);
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText(`Project renamed to ${second}`)).toBeVisible();

  const trail = await auditRows(page, projectId, "Project");
  await expect(trail).toHaveCount(2);
  await expect(trail.nth(0)).toContainText("Project renamed");
  await expect(trail.nth(0)).toContainText(`“${first}” → “${second}”`);
  await expect(trail.nth(1)).toContainText("Project created");
  await expect(trail.nth(0).getByRole("cell").nth(3)).toHaveText(OWNER.email);

  await page.goto(`/p/${projectId}/settings/general`);
  const del = page.getByRole("button", { name: "Delete project" });
  await expect(del).toBeDisabled();
  await page.getByLabel(`Type “${second}” to confirm`).fill(second);
  await del.click();
  await expect(page).not.toHaveURL(new RegExp(projectId));
  await page.goto(`/p/${projectId}/connections`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  await page.goto("/admin/audit");
  await expect(page.getByRole("list", { name: "Recent platform changes" }).getByRole("listitem").first()).toContainText(
    `${OWNER.email} deleted project “${second}”`,
  );
});
