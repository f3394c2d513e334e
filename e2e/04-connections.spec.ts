import { expect, test, type Locator, type Page } from "@playwright/test";
import { openAiKey, openConnections, startNewConnection } from "./support/connections";

function rowOf(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
}

test("create, find, rename, re-key and delete an API-key connection", async ({ page }) => {
  const projectId = await openConnections(page);
  const stamp = String(Date.now());
  const name = `OpenAI – Marketing ${stamp}`;

  const dialog = await startNewConnection(page, "openai", "OpenAI");
  await expect(dialog.getByLabel("Name")).toHaveValue("OpenAI – ");
  await dialog.getByLabel("Name").fill(name);
  const keyInput = dialog.getByRole("textbox", { name: "API key", exact: true });
  await keyInput.fill(openAiKey());
  await expect(keyInput).toHaveAttribute("type", "password");
  await dialog.getByRole("button", { name: "Show API key" }).click();
  await expect(keyInput).toHaveAttribute("type", "text");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Checked the key's format only", { exact: false }).first()).toBeVisible();
  await expect(rowOf(page, name).getByText("Active", { exact: true })).toBeVisible();

  // Search by name, then a name that matches nothing.
  const search = page.getByLabel("Search connections");
  await search.fill("no such connection " + stamp);
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(search).toHaveValue("");
  await search.fill(stamp);
  await expect(page).toHaveURL(new RegExp(`search=${stamp}`));
  await expect(rowOf(page, name)).toBeVisible();

  // Status: Error hides it, Active shows it.
  await page.getByRole("button", { name: "Status" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Error" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
  await page.getByRole("button", { name: "Status" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Error" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Active" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/status=ACTIVE/);
  await expect(rowOf(page, name)).toBeVisible();

  // Pieces: PostgreSQL hides it, OpenAI shows it.
  await page.getByRole("button", { name: "Pieces" }).click();
  await page.getByLabel("Search pieces").fill("postgres");
  // The box is driven by the URL, which Next updates in a transition: click, then assert.
  const postgres = page.getByRole("checkbox", { name: "PostgreSQL" });
  await postgres.click();
  await expect(postgres).toBeChecked();
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
  await postgres.click();
  await expect(postgres).not.toBeChecked();
  await page.getByLabel("Search pieces").fill("openai");
  const openai = page.getByRole("checkbox", { name: "OpenAI", exact: true });
  await openai.click();
  await expect(openai).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/pieces=openai(&|$)/);
  await expect(rowOf(page, name)).toBeVisible();

  // The view lives in the URL: a reload keeps every filter.
  await page.reload();
  await expect(page.getByLabel("Search connections")).toHaveValue(stamp);
  await expect(page.getByRole("button", { name: /Status.*1 selected/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Pieces.*1 selected/ })).toBeVisible();
  await expect(rowOf(page, name)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);

  // Rename.
  const renamed = `OpenAI – Growth ${stamp}`;
  await page.getByRole("button", { name: `Edit ${name}`, exact: true }).click();
  let edit = page.getByRole("dialog", { name: "Edit connection" });
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(rowOf(page, renamed)).toBeVisible();
  await expect(rowOf(page, name)).toHaveCount(0);

  // New key through Edit → Update credentials; the drawer shows its masked hint.
  const newKey = openAiKey();
  await page.getByRole("button", { name: `Edit ${renamed}`, exact: true }).click();
  edit = page.getByRole("dialog", { name: "Edit connection" });
  await edit.getByRole("switch", { name: "Update credentials" }).click();
  await edit.getByRole("textbox", { name: "API key", exact: true }).fill(newKey);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();

  await page.getByRole("button", { name: `${renamed} details`, exact: true }).click();
  const drawer = page.getByRole("dialog", { name: renamed });
  const hint = `${newKey.slice(0, 4)}…${newKey.slice(-4)}`;
  await expect(drawer.getByText(hint)).toBeVisible();
  await expect(drawer.getByText("{{connections['", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/connection=/);
  await page.reload();
  await expect(page.getByRole("dialog", { name: renamed }).getByText(hint)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: renamed })).toBeHidden();

  // Delete after confirming.
  await page.getByRole("button", { name: `Delete ${renamed}`, exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${renamed}?` });
  await expect(confirm.getByText("No flow uses it.", { exact: false })).toBeVisible();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(page, renamed)).toHaveCount(0);
  await page.goto(`/p/${projectId}/connections?search=${stamp}`);
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
});

test("a database the validator cannot log in to shows why, and nothing is saved", async ({ page }) => {
  await openConnections(page);
  const name = `PostgreSQL – Analytics ${Date.now()}`;
  const dialog = await startNewConnection(page, "postgres", "PostgreSQL");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Host").fill("127.0.0.1");
  await expect(dialog.getByLabel("Port")).toHaveValue("5432");
  await dialog.getByLabel("Database").fill("postgres");
  // The local server trusts 127.0.0.1, so a wrong password alone would pass: a missing role cannot.
  await dialog.getByLabel("User").fill("cm_no_such_role_e2e");
  await dialog.getByRole("textbox", { name: "Password", exact: true }).fill("wrong-password");
  await dialog.getByRole("button", { name: "Save" }).click();

  await expect(dialog.getByRole("alert")).toContainText("cm_no_such_role_e2e");
  await expect(dialog.getByRole("button", { name: "Save" })).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search connections").fill(name);
  await expect(page.getByRole("heading", { name: "No connections match" })).toBeVisible();
});

test("a key in the wrong format is refused in the form", async ({ page }) => {
  await openConnections(page);
  const dialog = await startNewConnection(page, "openai", "OpenAI");
  await dialog.getByLabel("Name").fill(`OpenAI – Bad key ${Date.now()}`);
  await dialog.getByRole("textbox", { name: "API key", exact: true }).fill("not-a-key");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("does not have the expected format");
  await expect(dialog).toBeVisible();

  // A port outside 1–65535 is reported beside its field.
  await dialog.getByRole("button", { name: "Back" }).click();
  await dialog.getByLabel("Search apps").fill("postgres");
  await dialog.getByRole("button", { name: "PostgreSQL", exact: true }).click();
  await dialog.getByLabel("Name").fill(`PostgreSQL – Bad port ${Date.now()}`);
  await dialog.getByLabel("Host").fill("127.0.0.1");
  await dialog.getByLabel("Port").fill("70000");
  await dialog.getByLabel("Database").fill("postgres");
  await dialog.getByRole("textbox", { name: "Password", exact: true }).fill("x");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Port")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText(/Port must be a whole number between 1 and 65535/)).toBeVisible();
});
