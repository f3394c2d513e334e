import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as embedSessionPost } from "@/app/api/embed/session/route";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";

// The route handlers themselves, for what server.ts's guard cannot see: a chunked body with no
// Content-Length, and a tRPC mutation from another origin. All refused before any database work.

function streamOf(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

const chunked = (url: string, bytes: number, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body: streamOf(bytes), headers: { host: "localhost:3000", ...headers }, duplex: "half" } as RequestInit);

describe("tRPC door", () => {
  it("refuses a cross-origin mutation with 403 before running it", async () => {
    const body = JSON.stringify({ json: { projectId: "p", name: "k", scopes: ["connections:read"] } });
    for (const origin of ["http://evil.example", "null", "http://localhost:3000.evil.example"]) {
      const res = await trpcPost(
        new Request("http://localhost:3000/api/trpc/apiKey.create", {
          method: "POST",
          body,
          headers: { host: "localhost:3000", origin, "content-type": "application/json" },
        }),
      );
      expect(res.status).toBe(403);
    }
  });

  it("cuts a chunked body off past 1 MB with a 413 that closes the connection", async () => {
    const res = await trpcPost(chunked("http://localhost:3000/api/trpc/apiKey.create", 3 * 1024 * 1024, { origin: "http://localhost:3000" }));
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });

  it("refuses input nested 5,000 deep, in a body or a query string, before parsing it", async () => {
    const deep = `{"0":{"json":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
    const post = await trpcPost(
      new Request("http://localhost:3000/api/trpc/flow.list?batch=1", { method: "POST", body: deep, headers: { host: "localhost:3000" } }),
    );
    expect(post.status).toBe(400);
    const get = await trpcGet(
      new Request(`http://localhost:3000/api/trpc/flow.list?input=${encodeURIComponent("[".repeat(3000))}`, { headers: { host: "localhost:3000" } }),
    );
    expect(get.status).toBe(400);
  });
});

describe("embed session and next-auth doors", () => {
  it("embed session: a chunked 1 MB body is a 413", async () => {
    const res = await embedSessionPost(chunked("http://localhost:3000/api/embed/session", 1024 * 1024));
    expect(res.status).toBe(413);
  });

  it("next-auth credentials callback: a chunked 5 MB body is a 413", async () => {
    const res = await authPost(chunked("http://localhost:3000/api/auth/callback/credentials", 5 * 1024 * 1024) as Parameters<typeof authPost>[0]);
    expect(res.status).toBe(413);
  });

  it("embed session: a small malformed body is still an ordinary 400", async () => {
    const res = await embedSessionPost(
      new Request("http://localhost:3000/api/embed/session", { method: "POST", body: "{", headers: { host: "localhost:3000" } }),
    );
    expect(res.status).toBe(400);
  });
});
