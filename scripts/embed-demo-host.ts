/**
 * A stand-in for the workflow editor, on its own origin: a step form whose "Connection" field
 * opens our picker in an iframe. Its back end asks our API for a one-time embed token with a
 * project API key (scope "embed"), as a real editor would.
 *
 *   APP_URL=http://localhost:3000 EMBED_API_KEY=cmk_… EMBED_USER_EMAIL=you@example.com \
 *   node --import tsx scripts/embed-demo-host.ts          # http://localhost:3221
 *
 * The app must list this host's origin in EMBED_ALLOWED_ORIGINS.
 */
import { createServer } from "node:http";

const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
const port = Number(process.env.EMBED_HOST_PORT ?? 3221);
const apiKey = process.env.EMBED_API_KEY ?? "";
const userEmail = process.env.EMBED_USER_EMAIL ?? "";

async function embedToken(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${appUrl}/api/v1/embed/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ userEmail }),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

const page = (piece: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workflow editor (demo host)</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #111; }
  fieldset { border: 1px solid #ddd; border-radius: 8px; padding: 1rem; max-width: 40rem; }
  iframe { width: 100%; border: 1px solid #ddd; border-radius: 8px; margin-top: 1rem; height: 240px; }
  #log li { font-family: ui-monospace, monospace; font-size: 12px; }
</style></head>
<body>
  <h1>Demo workflow editor</h1>
  <fieldset>
    <legend>Step: ${piece}</legend>
    <label for="connection">Connection</label>
    <input id="connection" readonly placeholder="No connection chosen">
    <button id="choose" type="button">Choose connection</button>
    <div id="frame"></div>
  </fieldset>
  <h2>Messages from the picker</h2>
  <ul id="log" aria-label="Messages from the picker"></ul>
<script>
  const pickerOrigin = ${JSON.stringify(new URL(appUrl).origin)};
  const piece = ${JSON.stringify(piece)};
  const log = (text) => { const li = document.createElement("li"); li.textContent = text; document.getElementById("log").append(li); };
  window.addEventListener("message", (event) => {
    if (event.origin !== pickerOrigin) return;            // only our picker may talk to us
    const m = event.data;
    if (!m || m.source !== "connections-manager" || m.v !== 1) return;
    log(m.type + (m.connection ? " " + m.connection.externalId : "") + (m.height ? " " + m.height : ""));
    const iframe = document.querySelector("iframe");
    if (m.type === "resize" && iframe) iframe.style.height = Math.min(m.height, 900) + "px";
    if (m.type === "connection-selected") document.getElementById("connection").value = m.connection.displayName + " (" + m.connection.externalId + ")";
    if (m.type === "close" && iframe) iframe.remove();
  });
  document.getElementById("choose").addEventListener("click", async () => {
    const res = await fetch("/session");
    const body = await res.json();
    if (!res.ok) { log("error " + (body.message || res.status)); return; }
    const iframe = document.createElement("iframe");
    iframe.title = "Connection picker";
    iframe.src = pickerOrigin + "/embed/connections?piece=" + encodeURIComponent(piece) + "&token=" + encodeURIComponent(body.token);
    document.getElementById("frame").replaceChildren(iframe);
  });
</script></body></html>`;

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://host");
  if (url.pathname === "/session") {
    void embedToken().then(
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
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(page(url.searchParams.get("piece") ?? "openai"));
}).listen(port, "127.0.0.1", () => console.log(`demo editor host on http://127.0.0.1:${port} → picker at ${appUrl}`));
