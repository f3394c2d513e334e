import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";

// /api/v1/docs: the engine API's reference, rendered in the browser by Redoc's standalone bundle,
// served from node_modules by this app. Nothing is fetched from anywhere else: the page's CSP
// allows this origin only.

const require = createRequire(import.meta.url);
let bundle: string | null = null;

// The bundle's one outside resource: the logo of its "API docs by Redocly" footer, made an empty
// inline image so the browser does not even try to fetch it (the CSP would block it anyway).
const OUTSIDE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E";

function redocBundle(): string {
  return (bundle ??= readFileSync(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8").replaceAll(OUTSIDE_LOGO, EMPTY_IMAGE));
}

const CSP = [
  "default-src 'none'",
  "script-src 'self' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Engine API reference — Connections manager</title>
<style>
  body { margin: 0; }
</style>
</head>
<body>
<redoc spec-url="/api/v1/openapi.json" hide-download-button="false" native-scrollbars="true" path-in-middle-panel="true" json-sample-expand-level="3"></redoc>
<script src="/api/v1/docs/redoc.standalone.js"></script>
</body>
</html>
`;

/** GET /docs (the page) and GET /docs/redoc.standalone.js (its one script). Public, like the document. */
export function docsRoutes() {
  const app = new Hono();
  app.get("/", (c) => c.html(PAGE, 200, { "content-security-policy": CSP, "cache-control": "no-cache" }));
  app.get("/redoc.standalone.js", (c) =>
    c.body(redocBundle(), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    }),
  );
  return app;
}
