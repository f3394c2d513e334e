import { createServer } from "node:net";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/server/errors";
import { isDatabaseUnavailable } from "./unavailable";

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("isDatabaseUnavailable", () => {
  it("recognises the driver's error for a server that is not there, also wrapped as a cause", async () => {
    const sql = postgres(`postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, { max: 1, connect_timeout: 2, onnotice: () => {} });
    const err = await sql`select 1`.then(
      () => null,
      (e: unknown) => e,
    );
    await sql.end({ timeout: 1 });
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: err }))).toBe(true);
  });

  it("recognises PostgreSQL's shutdown and connection SQLSTATEs, and nothing else", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new ValidationError("bad"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
