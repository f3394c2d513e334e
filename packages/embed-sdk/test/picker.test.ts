// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"enableIframePageLoading": true}}
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openConnectionPicker, PickerError, type ConnectionPicker, type OpenConnectionPickerOptions } from "../src";
import { envelope, type PickerToHost } from "../src/protocol";

// The SDK's logic in a DOM (happy-dom): the iframe loads a stand-in page from a loopback server
// (so it has a real window of the picker's origin), and every picker message reaches the SDK as a
// MessageEvent on the window, with the origin and source a browser would give it. The browser
// journey (the real picker in a real iframe, through the demo editor host) is e2e/08-embed.spec.ts.
let server: Server;
let BASE = "";
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>stand-in picker</p>"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
const connection = { externalId: "slack-ops", displayName: "Slack – Ops", pieceName: "slack" };

afterEach(() => {
  document.body.replaceChildren();
});

/** Opens the picker inline and waits for its frame to load; `received` records what the frame is sent, and to which origin. */
async function open(extra: Partial<OpenConnectionPickerOptions> = {}) {
  const container = document.createElement("div");
  document.body.append(container);
  const picker = openConnectionPicker({ baseUrl: BASE, token: "embt_abc", pieceName: "slack", container, ...extra });
  await new Promise((resolve) => picker.iframe.addEventListener("load", resolve, { once: true }));
  // The frame is cross-origin, so the page cannot listen inside it: record the calls at the boundary.
  const received: unknown[] = [];
  const frame = picker.iframe.contentWindow!;
  const post = frame.postMessage.bind(frame);
  frame.postMessage = ((message: unknown, targetOrigin: string) => {
    received.push([message, targetOrigin]);
    post(message, targetOrigin);
  }) as typeof frame.postMessage;
  return { picker, container, received };
}

/** A message as the browser delivers it: from `origin`, sent by the window `source`. */
function deliver(message: PickerToHost | Record<string, unknown>, opts: { origin?: string; source?: unknown } = {}, picker?: ConnectionPicker) {
  const source = opts.source === undefined ? picker!.iframe.contentWindow : opts.source;
  const event = new MessageEvent("message", { data: envelope(message as PickerToHost), origin: opts.origin ?? BASE });
  Object.defineProperty(event, "source", { value: source });
  window.dispatchEvent(event);
}

const settledState = async (p: Promise<unknown>) =>
  Promise.race([
    p.then(
      () => "settled",
      () => "settled",
    ),
    new Promise((r) => setTimeout(() => r("pending"), 20)),
  ]);

describe("openConnectionPicker", () => {
  it("mounts the picker inline with the piece and token, and resolves with the selected connection", async () => {
    const { picker, container } = await open();
    expect(container.querySelector("iframe")).toBe(picker.iframe);
    expect(picker.iframe.getAttribute("src")).toBe(`${BASE}/embed/connections?piece=slack&token=embt_abc`);
    expect(picker.iframe.title).toBe("Connection picker");
    deliver({ type: "ready", pieceName: "slack" }, {}, picker);
    deliver({ type: "connection-selected", connection }, {}, picker);
    expect(await picker).toEqual({ ...connection, created: false });
    expect(container.querySelector("iframe")).toBeNull();
  });

  it("ignores messages from another origin, from another window, or of an unknown shape", async () => {
    const onClose = vi.fn();
    const { picker } = await open({ onClose });
    const forged = { type: "connection-selected", connection: { ...connection, externalId: "forged" } } as const;
    deliver(forged, { origin: "https://evil.example" }, picker);
    deliver(forged, { origin: `${BASE}.evil.example` }, picker);
    deliver(forged, { source: window }, picker); // right origin claimed, but not our iframe's window
    deliver(forged, { source: null }, picker);
    deliver({ type: "connection-selected", connection: { externalId: 42 } }, {}, picker);
    deliver({ type: "close", v: 2 } as never, { origin: "https://evil.example" }, picker);
    const wrongVersion = new MessageEvent("message", { data: { source: "connections-manager", v: 2, type: "close" }, origin: BASE });
    Object.defineProperty(wrongVersion, "source", { value: picker.iframe.contentWindow });
    window.dispatchEvent(wrongVersion);
    expect(await settledState(picker)).toBe("pending");
    expect(onClose).not.toHaveBeenCalled();
    deliver({ type: "connection-selected", connection }, {}, picker);
    expect(await picker).toMatchObject({ externalId: "slack-ops" });
  });

  it("sizes the iframe on resize (bounded) and reports it", async () => {
    const onResize = vi.fn();
    const { picker } = await open({ onResize, maxHeight: 500 });
    const heights: number[] = [];
    picker.on("resize", (h) => heights.push(h));
    deliver({ type: "resize", height: 321 }, {}, picker);
    expect(picker.iframe.style.height).toBe("321px");
    deliver({ type: "resize", height: 4000 }, {}, picker);
    expect(picker.iframe.style.height).toBe("500px");
    deliver({ type: "resize", height: Number.NaN } as never, {}, picker);
    expect(onResize.mock.calls).toEqual([[321], [4000]]);
    expect(heights).toEqual([321, 4000]);
    picker.close();
    expect(await picker).toBeNull();
  });

  it("marks a connection created in the picker, then cleans up: later messages do nothing", async () => {
    const onClose = vi.fn();
    const { picker } = await open({ onClose });
    const created = vi.fn();
    picker.on("created", created);
    deliver({ type: "connection-created", connection }, {}, picker);
    const frame = picker.iframe.contentWindow;
    deliver({ type: "connection-selected", connection }, {}, picker);
    expect(await picker).toEqual({ ...connection, created: true });
    expect(created).toHaveBeenCalledWith(connection);
    expect(onClose).toHaveBeenCalledTimes(1);
    deliver({ type: "close" }, { source: frame }, picker);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("resolves null when the user closes the picker", async () => {
    const onClose = vi.fn();
    const { picker, container } = await open({ onClose });
    const closed = vi.fn();
    picker.on("close", closed);
    deliver({ type: "close" }, {}, picker);
    expect(await picker).toBeNull();
    expect(onClose).toHaveBeenCalledOnce();
    expect(closed).toHaveBeenCalledOnce();
    expect(container.children).toHaveLength(0);
  });

  it("sends host messages to the picker's exact origin once it is ready, the latest of each kind", async () => {
    const { picker, received } = await open({ selectedExternalId: "slack-ops", keepOpen: true });
    picker.selectPiece("gmail");
    picker.selectPiece("notion");
    await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([]);
    deliver({ type: "ready", pieceName: "slack" }, {}, picker);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      [{ type: "set-selected", externalId: "slack-ops", source: "connections-manager", v: 1 }, BASE],
      [{ type: "select-piece", pieceName: "notion", source: "connections-manager", v: 1 }, BASE],
    ]);
    expect(() => picker.selectPiece("../x")).toThrow(PickerError);

    // keepOpen: the first selection resolves the promise, the picker stays for the next ones.
    const selections: string[] = [];
    picker.on("select", (c) => selections.push(c.externalId));
    deliver({ type: "connection-selected", connection }, {}, picker);
    deliver({ type: "connection-selected", connection: { ...connection, externalId: "slack-2" } }, {}, picker);
    expect(await picker).toMatchObject({ externalId: "slack-ops" });
    expect(selections).toEqual(["slack-ops", "slack-2"]);
    expect(picker.iframe.isConnected).toBe(true);
    picker.close();
    expect(picker.iframe.isConnected).toBe(false);
  });

  it("aborts through an AbortSignal or abort(): rejects with code aborted and removes the picker", async () => {
    const controller = new AbortController();
    const { picker, container } = await open({ signal: controller.signal });
    controller.abort();
    await expect(picker).rejects.toMatchObject({ name: "PickerError", code: "aborted" });
    expect(container.children).toHaveLength(0);

    const second = await open();
    second.picker.abort("step deleted");
    await expect(second.picker).rejects.toMatchObject({ code: "aborted", message: "step deleted" });
    deliver({ type: "connection-selected", connection }, { source: null }, second.picker);
  });

  it("rejects with not_ready when the picker never loads", async () => {
    const started = Date.now();
    const { picker, container } = await open({ readyTimeoutMs: 300 });
    expect(await picker.catch((e: unknown) => e)).toMatchObject({ code: "not_ready" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(container.children).toHaveLength(0);
  });

  it("refuses bad options without touching the page", async () => {
    const container = document.createElement("div");
    const cases: Partial<OpenConnectionPickerOptions>[] = [
      {},
      { container, modal: true },
      { container, baseUrl: "javascript:alert(1)" },
      { container, baseUrl: "not a url" },
      { container, pieceName: "../../admin" },
      { container, token: "" },
    ];
    for (const extra of cases) {
      const picker = openConnectionPicker({ baseUrl: BASE, token: "embt_abc", pieceName: "slack", ...extra });
      await expect(picker).rejects.toMatchObject({ code: "invalid_options" });
    }
    expect(container.children).toHaveLength(0);
    expect(document.body.children).toHaveLength(0);
  });

  it("in a modal dialog: Escape closes it (null), and the dialog is removed", async () => {
    const picker = openConnectionPicker({ baseUrl: `${BASE}/`, token: "embt_abc", pieceName: "slack", modal: true });
    await new Promise((resolve) => picker.iframe.addEventListener("load", resolve, { once: true }));
    const dialog = document.querySelector("dialog")!;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute("aria-label")).toBe("Connection picker");
    expect(dialog.querySelector("iframe")).toBe(picker.iframe);
    dialog.dispatchEvent(new Event("cancel", { cancelable: true }));
    expect(await picker).toBeNull();
    expect(document.querySelector("dialog")).toBeNull();
  });
});
