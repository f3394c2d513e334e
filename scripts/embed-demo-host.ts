/**
 * A stand-in for the workflow editor, on its own origin: a step form whose "Connection" field
 * opens our picker in an iframe. Its back end asks our API for a one-time embed token with a
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

export interface DemoHostOptions {
  appUrl: string;
  port: number;
  apiKey: string;
  userEmail: string;
}

export function startDemoHost(opts: DemoHostOptions): Promise<Server> {
  const appUrl = opts.appUrl.replace(/\/$/, "");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://host");
    if (url.pathname === "/session") {
      void embedToken(appUrl, opts).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        (err: Error) => {
          res.writeHead(502, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: err.message }));
        },
      );
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

const page = (appUrl: string, piece: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workflow editor (demo host)</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #111; }
  fieldset { border: 1px solid #ddd; border-radius: 8px; padding: 1rem; max-width: 40rem; display: grid; gap: .5rem; }
  iframe { width: 100%; border: 1px solid #ddd; border-radius: 8px; margin-top: 1rem; height: 240px; }
  #log li { font-family: ui-monospace, monospace; font-size: 12px; }
</style></head>
<body>
  <h1>Demo workflow editor</h1>
  <fieldset>
    <legend>Step settings</legend>
    <label for="app">Step app</label>
    <select id="app">${APPS.map(([name, label]) => `<option value="${name}"${name === piece ? " selected" : ""}>${label}</option>`).join("")}</select>
    <label for="connection">Connection</label>
    <input id="connection" readonly placeholder="No connection chosen">
    <button id="choose" type="button">Choose connection</button>
    <div id="frame"></div>
  </fieldset>
  <h2>Messages from the picker</h2>
  <ul id="log" aria-label="Messages from the picker"></ul>
<script>
  const pickerOrigin = ${JSON.stringify(new URL(appUrl).origin)};
  const app = document.getElementById("app");
  const log = (text) => { const li = document.createElement("li"); li.textContent = text; document.getElementById("log").append(li); };
  const toPicker = (message) => {
    const iframe = document.querySelector("iframe");
    // Always the picker's exact origin, never "*": the message is for our picker only.
    if (iframe) iframe.contentWindow.postMessage({ ...message, source: "connections-manager", v: 1 }, pickerOrigin);
  };
  window.addEventListener("message", (event) => {
    if (event.origin !== pickerOrigin) return;            // only our picker may talk to us
    const m = event.data;
    if (!m || m.source !== "connections-manager" || m.v !== 1) return;
    if (m.type !== "resize") log(m.type + (m.connection ? " " + m.connection.externalId : m.pieceName ? " " + m.pieceName : ""));
    const iframe = document.querySelector("iframe");
    if (m.type === "resize" && iframe) iframe.style.height = Math.min(m.height, 900) + "px";
    if (m.type === "connection-selected") document.getElementById("connection").value = m.connection.displayName + " (" + m.connection.externalId + ")";
    if (m.type === "close" && iframe) iframe.remove();
  });
  app.addEventListener("change", () => {
    document.getElementById("connection").value = "";
    toPicker({ type: "select-piece", pieceName: app.value });
  });
  document.getElementById("choose").addEventListener("click", async () => {
    const res = await fetch("/session");
    const body = await res.json();
    if (!res.ok) { log("error " + (body.message || res.status)); return; }
    const iframe = document.createElement("iframe");
    iframe.title = "Connection picker";
    iframe.src = pickerOrigin + "/embed/connections?piece=" + encodeURIComponent(app.value) + "&token=" + encodeURIComponent(body.token);
    document.getElementById("frame").replaceChildren(iframe);
  });
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
