import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner } from "./support/accounts";

// A real API on loopback that the app's validator and health check call; it accepts one key.
let api: Server;
let apiUrl = "";
let acceptedKey = "key-good-0001";
test.beforeAll(async () => {
  api = createServer((req, res) => {
    res.writeHead(req.headers["x-api-key"] === acceptedKey ? 200 : 401, { "content-type": "application/json" });
    res.end("{}");
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

async function openConnections(page: Page) {
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  await page.goto(`/p/${projectId}/connections`);
  return projectId;
}

const rowOf = (page: Page, name: string): Locator => page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });

async function createApiConnection(page: Page, name: string, key: string) {
  await page.getByRole("button", { name: "New Connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Connection" });
  await dialog.getByLabel("Search apps").fill("custom headers");
  await dialog.getByRole("button", { name: "HTTP (custom headers)", exact: true }).click();
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Base URL").fill(apiUrl);
  await dialog.getByLabel("Header name").fill("X-API-Key");
  await dialog.getByRole("textbox", { name: "Header value", exact: true }).fill(key);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, name).getByText("Active", { exact: true })).toBeVisible();
}

test("the timeline shows create → rename → reconnect, and the audit log filters and exports CSV", async ({ page }) => {
  const projectId = await openConnections(page);
  const stamp = Date.now();
  const name = `Billing API ${stamp}`;
  const renamed = `Billing API (prod) ${stamp}`;
  await createApiConnection(page, name, acceptedKey);

  await page.getByRole("button", { name: `Edit ${name}`, exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit connection" });
  await edit.getByRole("textbox", { name: "Name", exact: true }).fill(renamed);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();

  await page.getByRole("button", { name: `Reconnect ${renamed}`, exact: true }).click();
  const reconnect = page.getByRole("dialog", { name: `Reconnect ${renamed}` });
  await reconnect.getByLabel("Base URL").fill(apiUrl);
  await reconnect.getByLabel("Header name").fill("X-API-Key");
  await reconnect.getByRole("textbox", { name: "Header value", exact: true }).fill(acceptedKey);
  await reconnect.getByRole("button", { name: "Save" }).click();
  await expect(reconnect).toBeHidden();

  await page.getByRole("button", { name: `${renamed} details`, exact: true }).click();
  const timeline = page.getByRole("list", { name: "Connection timeline" });
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  await expect(timeline.getByRole("listitem").nth(0)).toContainText("Reconnected");
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("Renamed");
  await expect(timeline.getByRole("listitem").nth(1)).toContainText(`“${name}” → “${renamed}”`);
  await expect(timeline.getByRole("listitem").nth(2)).toContainText("Created");
  await page.keyboard.press("Escape");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Connection" }).click();
  await page.getByRole("option", { name: renamed }).click();
  await expect(page).toHaveURL(/connection=/);
  await expect(page.getByRole("row")).toHaveCount(4);
  await page.getByRole("button", { name: "Event type" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Renamed", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/action=connection.renamed/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("cell", { name: new RegExp(`→ “${renamed.replace(/[()]/g, "\\$&")}”`) })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("row")).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("time,action,actor_type,actor,connection,connection_external_id,flow,details");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("connection.renamed");
  expect(csv).not.toContain(acceptedKey);
  expect(projectId).toBeTruthy();
});

test("Recheck on a connection whose key was revoked shows Error with its reason", async ({ page }) => {
  await openConnections(page);
  const name = `Revocable API ${Date.now()}`;
  await createApiConnection(page, name, acceptedKey);
  const row = rowOf(page, name);
  await expect(row.getByText("not checked yet")).toBeVisible();

  acceptedKey = "key-rotated-0002";
  await row.getByRole("button", { name: `Recheck ${name}`, exact: true }).click();
  await expect(row.getByText("Error", { exact: true })).toBeVisible();
  await expect(row.getByText(/checked/)).toBeVisible();
  await row.getByText("Error", { exact: true }).hover();
  await expect(page.getByRole("tooltip")).toContainText("The server rejected the credentials (HTTP 401)");
  await expect(page.getByRole("status", { name: "Connections needing attention" })).toBeVisible();

  await page.getByRole("button", { name: `${name} details`, exact: true }).click();
  const drawer = page.getByRole("dialog", { name });
  // Exact: the timeline (once loaded) repeats the reason inside longer lines.
  await expect(drawer.getByText("The server rejected the credentials (HTTP 401)", { exact: true })).toBeVisible();
  await expect(drawer.getByRole("list", { name: "Connection timeline" })).toContainText("Status changed");
});
