import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { projectIdFrom } from "./support/accounts";
import { openAiKey, openConnections, randomChars, startNewConnection } from "./support/connections";

const PASSPHRASE = `export ${randomChars(16)}`;

async function openTransfer(page: Page, projectId: string) {
  await page.goto(`/p/${projectId}/settings/transfer`);
  await expect(page.getByRole("heading", { name: "Export / Import", level: 1 })).toBeVisible();
}

test("Settings → Export downloads a file that Settings → Import on another project accepts", async ({ page }) => {
  const source = await openConnections(page);
  const name = `OpenAI – Moving ${randomChars(6)}`;
  const dialog = await startNewConnection(page, "openai", "OpenAI");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("textbox", { name: "API key", exact: true }).fill(openAiKey());
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  // Export, through the settings navigation.
  await page.getByRole("link", { name: "Export / Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${source}/settings/transfer`));
  const exportForm = page.getByRole("form", { name: "Export" });
  await exportForm.getByRole("textbox", { name: "Passphrase", exact: true }).fill(PASSPHRASE);
  await exportForm.getByLabel("Repeat the passphrase").fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent("download"), exportForm.getByRole("button", { name: "Export and download" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^connections-.+\.cmexport$/);
  const file = test.info().outputPath("project.cmexport");
  await download.saveAs(file);
  expect(readFileSync(file, "utf8")).not.toContain(name);
  await expect(exportForm.getByRole("status")).toContainText(/Exported \d+ connections/);

  // A second project to import into.
  await page.getByRole("button", { name: /Switch project/ }).click();
  await page.getByRole("menuitem", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(`Imported ${randomChars(6)}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/p/${source}/`));
  await expect(page).toHaveURL(/\/p\/[^/]+\/connections/);
  const target = projectIdFrom(page);

  await openTransfer(page, target);
  const importForm = page.getByRole("form", { name: "Import" });
  await importForm.getByLabel("Export file").setInputFiles(file);
  // A wrong passphrase imports nothing and says why.
  await importForm.getByLabel("Passphrase of the export").fill("not the passphrase");
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(importForm.getByText(/Wrong passphrase/)).toBeVisible();

  await importForm.getByLabel("Passphrase of the export").fill(PASSPHRASE);
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(importForm.getByRole("status")).toContainText(/Imported \d+ connections/);

  await page.goto(`/p/${target}/connections`);
  await expect(page.getByRole("button", { name: `${name} details`, exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
});
