import { expect, test } from "@playwright/test";
import { openAiKey, openConnections, startNewConnection } from "./support/connections";

// Admin → Encryption on the README's default start (embedded database, key generated into the
// data folder): counts per key, Rotate key, the job re-seals everything, the old key can go.

test("a platform admin rotates the key, the job re-seals every value and the old key can be removed", async ({ page }) => {
  await openConnections(page);
  const stamp = Date.now();
  for (const n of [1, 2]) {
    const dialog = await startNewConnection(page, "openai", "OpenAI");
    await dialog.getByLabel("Name").fill(`Sealed ${n} ${stamp}`);
    await dialog.getByRole("textbox", { name: "API key", exact: true }).fill(openAiKey());
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Encryption" }).click();
  await expect(page).toHaveURL(/\/admin\/encryption$/);
  const keys = page.getByRole("table", { name: "Values per key" });
  const currentRow = keys.getByRole("row").filter({ hasText: "Current" });
  await expect(currentRow).toHaveCount(1);
  const oldKeyId = (await currentRow.locator("code").textContent())!.trim();
  // Columns: key id, connections, OAuth app secrets, webhook secrets, OAuth states, total.
  const connectionsUnderOld = Number((await currentRow.getByRole("cell").nth(1).textContent())!.replaceAll(",", ""));
  expect(connectionsUnderOld).toBeGreaterThanOrEqual(2);
  await expect(page.getByText(/can be removed: it seals nothing/)).toHaveCount(0);

  await page.getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByText(/is now current; re-encryption started/)).toBeVisible();
  const newRow = keys.getByRole("row").filter({ hasText: "Current" });
  await expect(newRow.locator("code")).not.toHaveText(oldKeyId);
  const newKeyId = (await newRow.locator("code").textContent())!.trim();

  // The job runs in the background and reports its progress, then its finish.
  await expect(page.getByText(new RegExp(`Re-encryption with ${newKeyId} finished`))).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Re-encryption progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText(`${oldKeyId} can be removed: it seals nothing any more.`)).toBeVisible();
  const oldRow = keys.getByRole("row", { name: `Key ${oldKeyId}` });
  await expect(oldRow.getByRole("cell").last()).toHaveText("0");
  await expect(oldRow.getByText("Can be removed")).toBeVisible();
  await expect(Number((await newRow.getByRole("cell").nth(1).textContent())!.replaceAll(",", ""))).toBeGreaterThanOrEqual(connectionsUnderOld);

  const changes = page.getByRole("list", { name: "Recent encryption changes" });
  await expect(changes.getByText(`made key ${newKeyId} current (was ${oldKeyId})`)).toBeVisible();
  await expect(changes.getByText(new RegExp(`finished re-encrypting with key ${newKeyId}: \\d+ re-sealed, 0 failed`))).toBeVisible();

  // On demand: nothing is left to do, so the run starts and finishes at once.
  await page.getByRole("button", { name: "Re-encrypt now" }).click();
  // Exact: the rotation's own toast ("…; re-encryption started…") may still be on screen.
  await expect(page.getByText("Re-encryption started", { exact: true })).toBeVisible();
  await expect(page.getByText(/Re-encryption with .+ finished .*: 0 values re-sealed/)).toBeVisible({ timeout: 30_000 });

  // Nothing secret on the page: key ids only.
  expect(await page.content()).not.toMatch(/[A-Za-z0-9+/]{43}=/);
});
