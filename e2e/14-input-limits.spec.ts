import { expect, test } from "@playwright/test";
import { keepAliveIsHonest, rawRequest } from "../tests/support/raw-http";
import { projectIdFrom, signInAsOwner } from "./support/accounts";
import { E2E_PORT } from "./support/env";

// The hardened doors on the real server (`npm run serve`: Next and the engine API on one port).

const ping = "GET /sign-in HTTP/1.1\nHost: localhost\n";
const chunkedBody = (bytes: number) => {
  const chunk = "x".repeat(64 * 1024);
  return Array.from({ length: Math.ceil(bytes / chunk.length) }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("") + "0\r\n\r\n";
};

test("sign-in never redirects to another site, whatever the callbackUrl", async ({ page }) => {
  await signInAsOwner(page);
  for (const payload of ["/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example", "/\\evil.example"]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`);
    expect(new URL(page.url()).host).toBe(`localhost:${E2E_PORT}`);
  }
});

test("oversized bodies are refused before they are read, and the connection is closed honestly", async () => {
  for (const path of ["/api/trpc/apiKey.create", "/api/embed/session", "/api/auth/callback/credentials", "/api/v1/flows/big", "/api/v1/worker/resolve"]) {
    const res = await rawRequest(
      E2E_PORT,
      `POST ${path} HTTP/1.1\nHost: localhost\nContent-Type: application/json\nContent-Length: ${50 * 1024 * 1024}\n`,
      "{".repeat(2048),
    );
    expect(res.status, path).toBe(413);
    expect(res.headers.connection, path).toBe("close");
    expect(await keepAliveIsHonest(E2E_PORT, res, ping), path).toBe(true);
  }
  // No Content-Length: the route handlers cut the stream off themselves. The client reads nothing
  // for a moment (a busy machine): the 413 must still be there when it does, not reset away.
  for (const path of ["/api/trpc/apiKey.create", "/api/embed/session", "/api/auth/callback/credentials"]) {
    const res = await rawRequest(
      E2E_PORT,
      `POST ${path} HTTP/1.1\nHost: localhost:${E2E_PORT}\nOrigin: http://localhost:${E2E_PORT}\nContent-Type: application/json\nTransfer-Encoding: chunked\n`,
      chunkedBody(3 * 1024 * 1024),
      500,
      200,
    );
    expect(res.status, path).toBe(413);
    expect(await keepAliveIsHonest(E2E_PORT, res, ping), path).toBe(true);
  }
});

test("a server action without this app's Origin is refused; an oversized one is a readable 413", async () => {
  const noOrigin = await rawRequest(E2E_PORT, "POST /sign-in HTTP/1.1\nHost: localhost\nNext-Action: 0000\nContent-Length: 2\n", "[]");
  expect(noOrigin.status).toBe(403);
  const foreign = await rawRequest(
    E2E_PORT,
    "POST /sign-in HTTP/1.1\nHost: localhost\nNext-Action: 0000\nOrigin: http://evil.example\nContent-Length: 2\n",
    "[]",
  );
  expect(foreign.status).toBe(403);
  const big = await rawRequest(
    E2E_PORT,
    `POST /sign-in HTTP/1.1\nHost: localhost\nNext-Action: 0000\nOrigin: http://localhost:${E2E_PORT}\nContent-Length: ${2 * 1024 * 1024}\n`,
    "x",
  );
  expect(big.status).toBe(413);
});

test("a cross-origin tRPC mutation carrying the session cookie creates nothing", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto("/");
  await page.waitForURL(/\/p\/[^/]+\//);
  const projectId = projectIdFrom(page);
  const body = { json: { projectId, name: "Planted by another site", scopes: ["connections:read"] } };
  const refused = await page.request.post("/api/trpc/apiKey.create", { data: body, headers: { origin: "http://evil.example" } });
  expect(refused.status()).toBe(403);
  const list = await page.request.get(`/api/trpc/apiKey.list?input=${encodeURIComponent(JSON.stringify({ json: { projectId } }))}`);
  expect(await list.text()).not.toContain("Planted by another site");
  // The same call from the app's own origin is accepted: the check is not refusing everything.
  const accepted = await page.request.post("/api/trpc/apiKey.create", {
    data: { json: { ...body.json, name: "Made here" } },
    headers: { origin: `http://localhost:${E2E_PORT}` },
  });
  expect(accepted.status()).toBe(200);
});

test("bad input is a 400 naming the field, never a 500", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto("/");
  await page.waitForURL(/\/p\/[^/]+\//);
  const projectId = projectIdFrom(page);
  const origin = `http://localhost:${E2E_PORT}`;
  const audit = await page.request.get(
    `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { projectId, from: "+099999-01-01T00:00:00.000Z" } }))}`,
  );
  expect(audit.status()).toBe(400);
  expect(await audit.text()).toContain("from");
  const nul = await page.request.post("/api/trpc/connection.create", {
    data: { json: { projectId, pieceName: "openai", type: "SECRET_TEXT", displayName: "bad\u0000name", credentials: { secret_text: "sk-x" } } },
    headers: { origin },
  });
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toContain("displayName");
  for (const path of [`/p/%00/connections`, `/p/${projectId}/flows/%00`, `/p/%00/audit/export`]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(404);
  }
});
