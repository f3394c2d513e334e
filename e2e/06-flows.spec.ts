import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { projectIdFrom, signInAsOwner } from "./support/accounts";
import { createApiKeyInPage } from "./support/api-keys";
import { randomChars } from "./support/connections";

function rowOf(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("button", { name: `${name} details`, exact: true }) });
}

/** Creates an API key on the API keys page and returns it (it is shown once). */
async function createApiKey(page: Page, projectId: string): Promise<string> {
  await page.goto(`/p/${projectId}/settings/api-keys`);
  await page.getByLabel("Key name").fill("E2E workflow editor");
  await page.getByRole("checkbox", { name: /Write flows/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your new API key" });
  const token = await dialog.getByLabel("New API key").inputValue();
  expect(token).toMatch(/^cmk_/);
  await dialog.getByRole("button", { name: "I stored it" }).click();
  await expect(page.getByRole("table", { name: "API keys" }).getByRole("cell", { name: "E2E workflow editor", exact: true })).toBeVisible();
  return token;
}

async function createOpenAiConnection(page: Page, name: string, key: string) {
  await page.getByRole("button", { name: "New Connection" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Connection" });
  await dialog.getByLabel("Search apps").fill("openai");
  await dialog.getByRole("button", { name: "OpenAI", exact: true }).click();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("textbox", { name: "API key", exact: true }).fill(key);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, name)).toBeVisible();
}

/** The workflow editor's call: create or update a flow over the engine API. */
async function putFlow(request: APIRequestContext, token: string, id: string, body: object) {
  const res = await request.put(`/api/v1/flows/${id}`, { headers: { authorization: `Bearer ${token}` }, data: body });
  expect(res.status(), await res.text()).toBe(201);
}

const usingStep = (externalId: string) => [
  { name: "trigger", pieceName: "webhook", input: {} },
  { name: "ask", displayName: "Ask the model", pieceName: "openai", input: { auth: `{{connections['${externalId}']}}` } },
];

test("a connection's flows: count, filtered list, Replace, and deleting a used one through the warning", async ({ page }) => {
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  const token = await createApiKey(page, projectId);

  const stamp = String(Date.now());
  const [oldName, newName, doomedName] = [`Old ${stamp}`, `New ${stamp}`, `Doomed ${stamp}`];
  const [oldId, newId, doomedId] = [`old-${stamp}`, `new-${stamp}`, `doomed-${stamp}`];
  const newKey = `sk-test${randomChars(40)}`;
  await page.goto(`/p/${projectId}/connections`);
  await createOpenAiConnection(page, oldName, `sk-test${randomChars(40)}`);
  await createOpenAiConnection(page, newName, newKey);
  await createOpenAiConnection(page, doomedName, `sk-test${randomChars(40)}`);

  await putFlow(page.request, token, `alpha-${stamp}`, { name: `Alpha ${stamp}`, draft: usingStep(oldId), publish: true, enabled: true });
  await putFlow(page.request, token, `beta-${stamp}`, { name: `Beta ${stamp}`, draft: usingStep(oldId) });
  await putFlow(page.request, token, `gamma-${stamp}`, { name: `Gamma ${stamp}`, draft: usingStep(doomedId), publish: true });

  // The Flows column counts them and links to the filtered Flows page.
  await page.goto(`/p/${projectId}/connections?search=${stamp}`);
  await expect(rowOf(page, oldName).getByRole("link", { name: `2 flows use ${oldName}` })).toBeVisible();
  await expect(rowOf(page, newName).getByRole("link", { name: `0 flows use ${newName}` })).toBeVisible();
  await rowOf(page, oldName)
    .getByRole("link", { name: `2 flows use ${oldName}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/flows\\?connection=${oldId}`));
  await expect(page.getByRole("status").filter({ hasText: `Using ${oldName}` })).toBeVisible();
  const alphaRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: `Alpha ${stamp}` }) });
  await expect(alphaRow.getByText("Draft + published")).toBeVisible();
  await expect(
    page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: `Beta ${stamp}` }) })
      .getByText("Draft", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: `Gamma ${stamp}` })).toHaveCount(0);

  // Flow detail: each step with its connection.
  await page.getByRole("link", { name: `Alpha ${stamp}` }).click();
  await expect(page.getByRole("heading", { name: `Alpha ${stamp}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Published steps" }).getByRole("link", { name: oldName })).toBeVisible();

  // Replace: the preview lists the flows, confirming moves the counts.
  await page.goto(`/p/${projectId}/connections?search=${stamp}`);
  await page.getByRole("toolbar", { name: "Find and manage connections" }).getByRole("button", { name: "Replace" }).click();
  const replace = page.getByRole("dialog", { name: "Replace a connection" });
  await replace.getByRole("combobox", { name: "App" }).click();
  await page.getByRole("option", { name: /^OpenAI/ }).click();
  await replace.getByRole("combobox", { name: "Connection to replace" }).click();
  await page.getByRole("option", { name: new RegExp(`^${oldName}`) }).click();
  await replace.getByRole("combobox", { name: "Replacement" }).click();
  await page.getByRole("option", { name: newName, exact: true }).click();
  const preview = replace.getByRole("list", { name: "Affected flows" });
  await expect(preview.getByRole("link", { name: `Alpha ${stamp}` })).toBeVisible();
  await expect(preview.getByRole("link", { name: `Beta ${stamp}` })).toBeVisible();
  await replace.getByRole("button", { name: "Replace in 2 flows" }).click();
  await expect(replace).toBeHidden();
  await expect(rowOf(page, oldName).getByRole("link", { name: `0 flows use ${oldName}` })).toBeVisible();
  await expect(rowOf(page, newName).getByRole("link", { name: `2 flows use ${newName}` })).toBeVisible();

  // The flow engine now resolves the flows' reference to the new connection's credentials.
  const resolved = await page.request.get(`/api/v1/worker/connections/${newId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(resolved.status()).toBe(200);
  expect((await resolved.json()).value.secret_text).toBe(newKey);

  // Deleting a used connection: the warning lists the flow and needs an explicit confirmation.
  await rowOf(page, doomedName)
    .getByRole("button", { name: `Delete ${doomedName}`, exact: true })
    .click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${doomedName}?` });
  await expect(confirm.getByRole("list", { name: "Flows that would break" }).getByRole("link", { name: `Gamma ${stamp}` })).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Replace instead" })).toBeVisible();
  const deleteAnyway = confirm.getByRole("button", { name: "Delete anyway" });
  await expect(deleteAnyway).toBeDisabled();
  await confirm.getByRole("checkbox", { name: "I understand that 1 flow will break" }).check();
  await deleteAnyway.click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(page, doomedName)).toHaveCount(0);

  // The flow still references it, now flagged as not found.
  await page.goto(`/p/${projectId}/flows/gamma-${stamp}`);
  await expect(page.getByRole("alert").filter({ hasText: /needs? attention/ })).toBeVisible();
  await expect(page.getByText(`No connection “${doomedId}” in this project`)).toBeVisible();
});

test("the editor's key lists connections, apps and flows with the new scopes; the API reference loads from this server only", async ({ page }) => {
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  const stamp = String(Date.now());
  await page.goto(`/p/${projectId}/connections`);
  await createOpenAiConnection(page, `Listed ${stamp}`, `sk-test${randomChars(40)}`);
  const token = await createApiKeyInPage(page, projectId, `E2E lister ${stamp}`, [/List connections and apps/, /Read flows/, /Write flows/]);
  const headers = { authorization: `Bearer ${token}` };
  await putFlow(page.request, token, `listed-${stamp}`, { name: `Listed ${stamp}`, draft: usingStep(`listed-${stamp}`) });

  const connections = await page.request.get(`/api/v1/connections?q=${stamp}`, { headers });
  expect(connections.status()).toBe(200);
  const listed = (await connections.json()) as { data: { displayName: string; value?: unknown }[]; nextCursor: string | null };
  expect(listed.data.map((c) => c.displayName)).toEqual([`Listed ${stamp}`]);
  expect(listed.data[0]!.value).toBeUndefined();
  const flows = (await (await page.request.get(`/api/v1/flows?q=${stamp}`, { headers })).json()) as { data: { id: string; connections: string[] }[] };
  expect(flows.data).toEqual([expect.objectContaining({ id: `listed-${stamp}`, connections: [`listed-${stamp}`] })]);
  const pieces = (await (await page.request.get("/api/v1/pieces?limit=100", { headers })).json()) as { data: { name: string }[] };
  expect(pieces.data.map((p) => p.name)).toContain("openai");
  // Without connections:read the same key gets no credential.
  expect((await page.request.get(`/api/v1/worker/connections/listed-${stamp}`, { headers })).status()).toBe(403);

  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) outside.push(r.url());
  });
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { name: /engine API/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decrypted credentials of one connection" })).toBeVisible();
  expect(outside).toEqual([]);
});
