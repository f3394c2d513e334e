import type { Server } from "node:http";
import { expect, test, type Browser, type FrameLocator, type Locator, type Page } from "@playwright/test";
import { startDemoHost } from "../scripts/embed-demo-host";
import { OWNER, projectIdFrom, signInAsOwner } from "./support/accounts";
import { openAiKey, startNewConnection } from "./support/connections";
import { E2E_PORT, EMBED_HOST_ORIGIN, EMBED_HOST_PORT, EMBED_OTHER_HOST_PORT, OAUTH_TEST } from "./support/env";
import { logInAndAllow } from "./support/oauth-provider";
import { createApiKeyInPage } from "./support/api-keys";

// The picker inside the demo workflow editor (scripts/embed-demo-host.ts), which runs on another
// origin (127.0.0.1:EMBED_HOST_PORT, allowed by EMBED_ALLOWED_ORIGINS) and gets its one-time
// tokens from POST /api/v1/embed/sessions with a project API key, like a real editor's back end.
// The editor's users browse without any cookie of ours: every test uses a fresh browser context.
test.describe.configure({ mode: "serial" });

const APP_URL = `http://localhost:${E2E_PORT}`;
const EXISTING = `OpenAI – Embedded ${String(Date.now()).slice(-6)}`;
let apiKey = "";
let existingExternalId = "";
const hosts: Server[] = [];

function createEmbedKey(page: Page, projectId: string): Promise<string> {
  return createApiKeyInPage(page, projectId, "Workflow editor (embed)", [/Open the connection picker/]);
}

test.beforeAll(async ({ browser }) => {
  // Sign-in, an API key and a connection through the UI: slow on a loaded machine.
  test.setTimeout(120_000);
  const page = await browser.newPage({ baseURL: APP_URL });
  await signInAsOwner(page);
  const projectId = projectIdFrom(page);
  apiKey = await createEmbedKey(page, projectId);
  await page.goto(`/p/${projectId}/connections`);
  const dialog = await startNewConnection(page, "openai", "OpenAI");
  await dialog.getByLabel("Name").fill(EXISTING);
  await dialog.getByRole("textbox", { name: "API key", exact: true }).fill(openAiKey());
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  existingExternalId = (await page.getByRole("row").filter({ hasText: EXISTING }).locator(".font-mono").first().textContent())!.trim();
  expect(existingExternalId).toBeTruthy();
  await page.close();

  const options = { appUrl: APP_URL, apiKey, userEmail: OWNER.email };
  hosts.push(await startDemoHost({ ...options, port: EMBED_HOST_PORT }));
  hosts.push(await startDemoHost({ ...options, port: EMBED_OTHER_HOST_PORT }));
});

test.afterAll(async () => {
  await Promise.all(hosts.map((h) => new Promise((resolve) => h.close(resolve))));
});

/**
 * Waits until nothing moves under a click in the picker: its list is in ("Create Connection" is
 * shown only then) and the host has sized the iframe to the picker's latest height report. Until
 * then a click can be computed inside a frame that is still too short (scrolled to reach the
 * button) and land elsewhere once the host grows it: seen in CI as a click that changed nothing.
 */
async function pickerSettled(page: Page, picker: FrameLocator, iframe: Locator, limit = 900) {
  await expect(picker.getByRole("button", { name: "Create Connection" })).toBeVisible();
  await expect
    .poll(async () => {
      const reported = Number(await page.getByLabel("Picker height").textContent());
      const box = await iframe.boundingBox();
      return box !== null && Math.round(box.height) === Math.min(reported, limit);
    })
    .toBe(true);
}

/** A fresh visitor of the editor (no cookie of ours) at the demo host, with the picker opened (and settled, unless told). */
async function openPicker(browser: Browser, piece: string, port = EMBED_HOST_PORT, settle = true) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?piece=${piece}`);
  await page.getByRole("button", { name: "Choose connection" }).click();
  const picker = page.frameLocator('iframe[title="Connection picker"]');
  const messages = page.getByRole("list", { name: "Messages from the picker" });
  if (settle) await pickerSettled(page, picker, page.locator('iframe[title="Connection picker"]'));
  return { context, page, picker, messages };
}

function messageLog(messages: Locator) {
  return messages.getByRole("listitem").allTextContents();
}

test("the editor opens the picker, the user selects an existing connection and the host receives it", async ({ browser }) => {
  const { context, page, picker, messages } = await openPicker(browser, "openai");
  await expect(picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  await expect(messages.getByText("ready openai", { exact: true })).toBeVisible();

  await picker.getByRole("button", { name: `Use ${EXISTING}` }).click();
  await expect(messages.getByText(`connection-selected ${existingExternalId}`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(`${EXISTING} (${existingExternalId})`);
  // The SDK sized the iframe to its content from the resize messages (it starts it at 160px), and
  // told the host (onResize → "Picker height").
  // The picker reports again as its content settles: each poll compares with the latest report.
  await expect(page.getByLabel("Picker height")).not.toHaveText("none");
  await expect
    .poll(async () => {
      const reported = Number(await page.getByLabel("Picker height").textContent());
      const height = (await page.locator("iframe").boundingBox())?.height;
      return { reportedAboveStart: reported > 160, sized: height === Math.min(reported, 900) };
    })
    .toEqual({ reportedAboveStart: true, sized: true });

  // Reloading the picker is harmless: the one-time token is spent, but the frame keeps its session.
  const frame = page.frames().find((f) => f.url().includes("/embed/connections"))!;
  await frame.goto(frame.url());
  await expect(picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  await expect(picker.getByRole("button", { name: `Use ${EXISTING}` })).toBeVisible();

  // The host switches the step's app: the picker follows (host → picker message).
  await page.getByLabel("Step app").selectOption("anthropic");
  await expect(picker.getByRole("heading", { name: "Choose a connection for Anthropic Claude" })).toBeVisible();

  // Close goes back to the host, which removes the frame.
  await picker.getByRole("button", { name: "Close picker" }).click();
  await expect(page.locator("iframe")).toHaveCount(0);
  expect(await messageLog(messages)).toContain("close");
  await context.close();
});

test("in a dialog: the SDK resolves with the selection and removes the dialog; Escape resolves null", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${EMBED_HOST_PORT}/?piece=openai`);
  const messages = page.getByRole("list", { name: "Messages from the picker" });
  await page.getByRole("button", { name: "Choose in a dialog" }).click();
  const dialog = page.getByRole("dialog", { name: "Connection picker" });
  await expect(dialog).toBeVisible();
  const picker = page.frameLocator('dialog iframe[title="Connection picker"]');
  await expect(picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  // The list in first: its arrival grows the picker, and the dialog, centred, moves up by half of
  // that (see pickerSettled).
  const use = picker.getByRole("button", { name: `Use ${EXISTING}` });
  await expect(use).toBeVisible();
  // resize events size the iframe inside the dialog and reach the host's onResize.
  await expect(page.getByLabel("Picker height")).not.toHaveText("none");
  const viewport = page.viewportSize()!.height;
  // Compared with the latest report on each poll (the picker reports again as its list loads).
  await expect
    .poll(async () => {
      const reported = Number(await page.getByLabel("Picker height").textContent());
      const height = Math.round((await dialog.locator("iframe").boundingBox())!.height);
      return height === Math.min(reported, 900, viewport - 32);
    })
    .toBe(true);

  await use.click();
  await expect(messages.getByText(`resolved ${existingExternalId}`, { exact: true })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator("iframe")).toHaveCount(0);
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(`${EXISTING} (${existingExternalId})`);
  await expect(page.getByLabel("Step input")).toHaveValue(`{{connections['${existingExternalId}']}}`);

  // Reopened and dismissed with Escape: the promise resolves null, onClose fires, nothing is left behind.
  await page.getByRole("button", { name: "Choose in a dialog" }).click();
  await expect(picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(messages.getByText("resolved null", { exact: true })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator("iframe")).toHaveCount(0);
  expect((await messageLog(messages)).filter((m) => m === "close")).toHaveLength(2);
  await context.close();
});

test("messages forged by another origin, or by the host page itself, are ignored by the SDK", async ({ browser }) => {
  const { context, page, picker, messages } = await openPicker(browser, "openai");
  await expect(picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  await expect(messages.getByText("ready openai", { exact: true })).toBeVisible();
  // A raw listener of the test's own, to prove the forged messages really reached the page.
  await page.evaluate(() => {
    (window as unknown as { seen: string[] }).seen = [];
    window.addEventListener("message", (e) => (window as unknown as { seen: string[] }).seen.push(`${e.origin} ${(e.data as { type?: string })?.type}`));
  });
  const otherOrigin = `http://127.0.0.1:${EMBED_OTHER_HOST_PORT}`;
  await page.evaluate((src) => {
    const forger = document.createElement("iframe");
    forger.title = "Forger";
    forger.src = src;
    document.body.append(forger);
    // The host page posting to itself: right shape, but neither the picker's origin nor its window.
    window.postMessage(
      {
        source: "connections-manager",
        v: 1,
        type: "connection-selected",
        connection: { externalId: "forged-self", displayName: "Forged", pieceName: "openai" },
      },
      "*",
    );
  }, `${otherOrigin}/forge?externalId=forged-other`);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen))
    .toEqual(expect.arrayContaining([`${otherOrigin} connection-selected`, `${otherOrigin} close`, `${EMBED_HOST_ORIGIN} connection-selected`]));
  await page.waitForTimeout(500);
  const log = await messageLog(messages);
  expect(log.filter((m) => m.includes("forged") || m === "close" || m.startsWith("resolved"))).toEqual([]);
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue("");
  await expect(page.locator('iframe[title="Connection picker"]')).toHaveCount(1);

  // The real picker still gets through.
  await picker.getByRole("button", { name: `Use ${EXISTING}` }).click();
  await expect(messages.getByText(`resolved ${existingExternalId}`, { exact: true })).toBeVisible();
  await context.close();
});

test("a new API-key connection is created inside the iframe and handed to the host", async ({ browser }) => {
  const { context, page, picker, messages } = await openPicker(browser, "openai");
  await picker.getByRole("button", { name: "Create Connection" }).click();
  await expect(picker.getByRole("heading", { name: "New OpenAI connection" })).toBeVisible();
  const name = `OpenAI – From the editor ${String(Date.now()).slice(-6)}`;
  await picker.getByLabel("Name").fill(name);
  await picker.getByRole("textbox", { name: "API key", exact: true }).fill(openAiKey());
  await picker.getByRole("button", { name: "Save" }).click();

  await expect(messages.getByText(/^connection-created /)).toBeVisible();
  const created = (await messages.getByText(/^connection-created /).textContent())!.split(" ")[1]!;
  await expect(messages.getByText(`connection-selected ${created}`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(`${name} (${created})`);
  await expect(picker.getByRole("button", { name: `Use ${name}` })).toHaveAttribute("aria-pressed", "true");
  await context.close();
});

test("an OAuth2 connection is authorized through a popup opened from inside the iframe", async ({ browser }) => {
  const { context, page, picker, messages } = await openPicker(browser, OAUTH_TEST.piece);
  await picker.getByRole("button", { name: "Create Connection" }).click();
  const name = `${OAUTH_TEST.appName} – From the editor ${String(Date.now()).slice(-6)}`;
  await picker.getByLabel("Name").fill(name);
  const popupOpened = context.waitForEvent("page");
  await picker.getByRole("button", { name: "Connect", exact: true }).click();
  // The popup has no cookie of ours: the callback hands the answer to the picker, which finishes it.
  await logInAndAllow(await popupOpened);

  await expect(messages.getByText(/^connection-created /)).toBeVisible();
  const created = (await messages.getByText(/^connection-created /).textContent())!.split(" ")[1]!;
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(`${name} (${created})`);
  const item = picker.getByRole("listitem").filter({ hasText: name });
  await expect(item.getByText("Active", { exact: true })).toBeVisible();
  await context.close();
});

test("an OAuth2 connection left Missing in the iframe is finished with Reconnect there", async ({ browser }) => {
  const { context, picker, messages } = await openPicker(browser, OAUTH_TEST.piece);
  await picker.getByRole("button", { name: "Create Connection" }).click();
  const name = `${OAUTH_TEST.appName} – Unfinished ${String(Date.now()).slice(-6)}`;
  await picker.getByLabel("Name").fill(name);
  const popupOpened = context.waitForEvent("page");
  await picker.getByRole("button", { name: "Connect", exact: true }).click();
  await (await popupOpened).close();
  await expect(picker.getByRole("alert").filter({ hasText: "saved as Missing" })).toBeVisible();
  await picker.getByRole("button", { name: "Cancel" }).click();

  const item = picker.getByRole("listitem").filter({ hasText: name });
  await expect(item.getByText("Missing", { exact: true })).toBeVisible();
  await item.getByRole("button", { name: `Reconnect ${name}` }).click();
  const dialog = picker.getByRole("dialog", { name: `Reconnect ${name}` });
  await expect(dialog).toBeVisible();
  const reopened = context.waitForEvent("page");
  await dialog.getByRole("button", { name: "Reconnect", exact: true }).click();
  await logInAndAllow(await reopened);
  await expect(dialog).toBeHidden();
  await expect(item.getByText("Active", { exact: true })).toBeVisible();
  expect((await messageLog(messages)).filter((m) => m.startsWith("error"))).toEqual([]);
  await context.close();
});

test("a host on an origin that is not allowed cannot frame the picker and receives nothing", async ({ browser, request }) => {
  const { context, page, picker, messages } = await openPicker(browser, "openai", EMBED_OTHER_HOST_PORT, false);
  await expect(page.locator("iframe")).toHaveCount(1);
  // Chromium refuses to render the frame (CSP frame-ancestors): nothing of ours appears in it.
  await expect.poll(() => page.frames().some((f) => f.url().startsWith("chrome-error://"))).toBe(true);
  await expect(picker.getByRole("heading")).toHaveCount(0);
  await page.waitForTimeout(1_000);
  expect(await messageLog(messages)).toEqual([]);
  await context.close();

  const embed = await request.get("/embed/connections?piece=openai");
  expect(embed.headers()["content-security-policy"]).toBe(`frame-ancestors ${EMBED_HOST_ORIGIN}`);
  const other = await request.get("/sign-in");
  expect(other.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(other.headers()["x-frame-options"]).toBe("DENY");
});

test("a reused, forged or expired embed token shows a clear page", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const first = await openPicker(browser, "openai", EMBED_HOST_PORT, false);
  await expect(first.picker.getByRole("heading", { name: "Choose a connection for OpenAI" })).toBeVisible();
  const src = (await first.page.locator("iframe").getAttribute("src"))!;
  await first.context.close();

  // The same link in another visitor's frame: already spent.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${EMBED_HOST_ORIGIN}/`);
  const frameIn = async (url: string): Promise<FrameLocator> => {
    await page.evaluate((u) => {
      const iframe = document.createElement("iframe");
      iframe.title = "Connection picker";
      iframe.src = u;
      document.getElementById("frame")!.replaceChildren(iframe);
    }, url);
    return page.frameLocator('iframe[title="Connection picker"]');
  };
  let picker = await frameIn(src);
  await expect(picker.getByRole("heading", { name: "Cannot open the connection picker" })).toBeVisible();
  await expect(picker.getByText("This embed link was already used. Reopen the picker from the editor.")).toBeVisible();

  picker = await frameIn(`${APP_URL}/embed/connections?piece=openai&token=embt_forged`);
  await expect(picker.getByText("This embed link is not valid.")).toBeVisible();

  // The shortest lifetime the API allows is 30 seconds: issue one, wait it out, then open it.
  const issued = await request.post("/api/v1/embed/sessions", {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { userEmail: OWNER.email, ttlSeconds: 30 },
  });
  expect(issued.status()).toBe(201);
  const { token, expiresAt } = (await issued.json()) as { token: string; expiresAt: string };
  await page.waitForTimeout(new Date(expiresAt).getTime() - Date.now() + 1_000);
  picker = await frameIn(`${APP_URL}/embed/connections?piece=openai&token=${token}`);
  await expect(picker.getByText("This embed link has expired. Reopen the picker from the editor.")).toBeVisible();
  await context.close();
});
