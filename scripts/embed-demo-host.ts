/**
 * A stand-in for the workflow editor, on its own origin: a step form whose "Connection" field
 * opens our picker inline or in a dialog, through the embed SDK (packages/embed-sdk), whose
 * browser bundle it serves at /embed-sdk.js. Its back end asks our API for a one-time embed token with a
 * project API key (scope "embed:sessions"), as a real editor would.
 *
 *   APP_URL=http://localhost:3000 EMBED_API_KEY=cmk_… EMBED_USER_EMAIL=you@example.com \
 *   npm run demo:embed-host                 # http://127.0.0.1:3221/?piece=openai
 *
 * The app must list this host's origin in EMBED_ALLOWED_ORIGINS (http://127.0.0.1:3221).
 * The e2e tests start it in-process with startDemoHost().
 */
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { bundleEmbedSdk } from "../packages/embed-sdk/scripts/bundle";

export interface DemoHostOptions {
  appUrl: string;
  port: number;
  apiKey: string;
  userEmail: string;
}

export async function startDemoHost(opts: DemoHostOptions): Promise<Server> {
  const appUrl = opts.appUrl.replace(/\/$/, "");
  // The SDK exactly as an editor would load it: the browser bundle, served from this host.
  const sdk = await bundleEmbedSdk("iife");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://host");
    if (url.pathname === "/session") {
      void embedToken(appUrl, opts).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify(body));
        },
        (err: Error) => {
          res.writeHead(502, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: err.message }));
        },
      );
      return;
    }
    if (url.pathname === "/embed-sdk.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      res.end(sdk);
      return;
    }
    if (url.pathname === "/forge") {
      // A page of this host's origin that, framed by another host, posts a forged picker message to
      // its parent: the SDK there must ignore it (the e2e tests frame it from the allowed host).
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(forgePage(url.searchParams.get("externalId") ?? "forged"));
      return;
    }
    if (url.pathname !== "/") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(appUrl, url.searchParams.get("piece") ?? "openai"));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve(server));
  });
}

async function embedToken(appUrl: string, { apiKey, userEmail }: DemoHostOptions): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${appUrl}/api/v1/embed/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ userEmail }),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

const APPS: [string, string][] = [
  ["openai", "OpenAI"],
  ["anthropic", "Anthropic Claude"],
  ["slack", "Slack"],
  ["salesforce", "Salesforce"],
  ["postgres", "PostgreSQL"],
];

const forgePage = (externalId: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>forger</title></head><body>forger<script>
  const message = { source: "connections-manager", v: 1, type: "connection-selected", connection: { externalId: ${JSON.stringify(externalId)}, displayName: "Forged", pieceName: "openai" } };
  window.parent.postMessage(message, "*");
  window.parent.postMessage({ source: "connections-manager", v: 1, type: "close" }, "*");
</script></body></html>`;

const page = (appUrl: string, piece: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workflow editor (demo host)</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #111; }
  fieldset { border: 1px solid #ddd; border-radius: 8px; padding: 1rem; max-width: 40rem; display: grid; gap: .5rem; }
  #frame iframe { border: 1px solid #ddd; border-radius: 8px; margin-top: 1rem; }
  #log li { font-family: ui-monospace, monospace; font-size: 12px; }
</style>
<script src="/embed-sdk.js"></script></head>
<body>
  <h1>Demo workflow editor</h1>
  <fieldset>
    <legend>Step settings</legend>
    <label for="app">Step app</label>
    <select id="app">${APPS.map(([name, label]) => `<option value="${name}"${name === piece ? " selected" : ""}>${label}</option>`).join("")}</select>
    <label for="connection">Connection</label>
    <input id="connection" readonly placeholder="No connection chosen">
    <label for="reference">Step input</label>
    <input id="reference" readonly>
    <div><button id="choose" type="button">Choose connection</button> <button id="choose-modal" type="button">Choose in a dialog</button></div>
    <p>Picker height: <output id="height" aria-label="Picker height">none</output></p>
    <div id="frame"></div>
  </fieldset>
  <h2>Messages from the picker</h2>
  <ul id="log" aria-label="Messages from the picker"></ul>
<script>
  // The editor's integration, all through the embed SDK (packages/embed-sdk): it builds the
  // iframe or dialog, checks every message's origin and window, sizes the frame and cleans up.
  const { openConnectionPicker, connectionReference } = window.ConnectionsEmbed;
  const baseUrl = ${JSON.stringify(appUrl)};
  const app = document.getElementById("app");
  const log = (text) => { const li = document.createElement("li"); li.textContent = text; document.getElementById("log").append(li); };
  let picker = null;

  async function open(mode) {
    if (picker) picker.close();
    const res = await fetch("/session");          // our back end asks for a one-time token
    const body = await res.json();
    if (!res.ok) { log("error " + (body.message || res.status)); return; }
    const current = picker = openConnectionPicker({
      baseUrl,
      token: body.token,
      pieceName: app.value,
      ...(mode === "modal" ? { modal: true } : { container: document.getElementById("frame"), keepOpen: true }),
      onResize: (height) => { document.getElementById("height").value = String(height); },
      onClose: () => log("close"),
    });
    current.on("ready", (pieceName) => log("ready " + pieceName));
    current.on("created", (c) => log("connection-created " + c.externalId));
    current.on("select", (c) => {
      log("connection-selected " + c.externalId);
      document.getElementById("connection").value = c.displayName + " (" + c.externalId + ")";
      document.getElementById("reference").value = connectionReference(c.externalId);
    });
    const done = () => { if (picker === current) picker = null; };
    current.on("close", done);
    current.then(
      (c) => log("resolved " + (c ? c.externalId + (c.created ? " created" : "") : "null")),
      (err) => { log("rejected " + err.code); done(); },
    );
  }

  app.addEventListener("change", () => {
    document.getElementById("connection").value = "";
    document.getElementById("reference").value = "";
    if (picker) picker.selectPiece(app.value);
  });
  document.getElementById("choose").addEventListener("click", () => open("inline"));
  document.getElementById("choose-modal").addEventListener("click", () => open("modal"));
</script></body></html>`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts: DemoHostOptions = {
    appUrl: process.env.APP_URL ?? "http://localhost:3000",
    port: Number(process.env.EMBED_HOST_PORT ?? 3221),
    apiKey: process.env.EMBED_API_KEY ?? "",
    userEmail: process.env.EMBED_USER_EMAIL ?? "",
  };
  if (!opts.apiKey || !opts.userEmail) {
    console.error("Set EMBED_API_KEY (an API key with the “Open the connection picker” scope) and EMBED_USER_EMAIL (a member of its project).");
    process.exit(1);
  }
  void startDemoHost(opts).then(() => console.log(`demo editor host on http://127.0.0.1:${opts.port}/?piece=openai → picker at ${opts.appUrl}`));
}
