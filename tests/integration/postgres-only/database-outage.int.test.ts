import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { createTestDatabase, type TestDatabase } from "../../support/db";

/**
 * A TCP hop in front of the real PostgreSQL that can go away like a stopped server: every open
 * connection is cut and new ones are refused, then it listens again on the same port.
 */
class Hop {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

// Runs only in the PostgreSQL tier (see vitest.config.ts).
describe("PostgreSQL goes away and comes back", () => {
  let tdb: TestDatabase;
  let hop: Hop;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const target = new URL(tdb.url!);
    hop = new Hop({ host: target.hostname, port: Number(target.port || 5432) });
    await hop.up();
    const via = new URL(tdb.url!);
    via.hostname = "127.0.0.1";
    via.port = String(hop.port);
    handle = await openDatabase({ url: via.toString() });
  });
  afterAll(async () => {
    await handle?.close();
    await tdb?.dispose();
  });

  it("queries during the outage fail as unavailable, and the pool serves again at once when it returns (within 1.5 s)", async () => {
    const ping = () => handle.db.execute(sql`select 1 as one`);
    await Promise.all(Array.from({ length: 10 }, ping));

    await hop.down();
    // Requests keep coming while the database is away (each pool connection fails, again and again).
    const during: Promise<unknown>[] = [];
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      during.push(
        ping().then(
          () => "ok",
          (err: unknown) => (isDatabaseUnavailable(err) ? "unavailable" : err),
        ),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    await hop.up();
    const back = Date.now();
    await ping();
    const recoveredMs = Date.now() - back;
    expect(recoveredMs).toBeLessThan(1_500);
    // Every request of the outage settled: served once it was over, or refused as unavailable.
    for (const outcome of await Promise.all(during)) expect(["ok", "unavailable"]).toContain(outcome);
  }, 60_000);
});
