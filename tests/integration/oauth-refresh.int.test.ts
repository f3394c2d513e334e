import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProjectCtx } from "@/server/context";
import { findConnectionOrThrow } from "@/server/connections/find";
import { ReauthRequiredError } from "@/server/errors";
import { recheckConnection } from "@/server/health/recheck-connection";
import { REVOKED_REASON } from "@/server/oauth/provider/errors";
import { openDatabase } from "@/server/db/client";
import type { Db } from "@/server/db/types";
import { claimConnection, claimDueConnection, holdThroughProviderCall, inFlightLeaseMs, LEASE_MS } from "@/server/oauth/refresh/claim";
import { refreshClaimed } from "@/server/oauth/refresh/refresh-claimed";
import { getFreshOAuthValue } from "@/server/oauth/refresh/get-fresh-value";
import { runDueRefreshes } from "@/server/oauth/refresh/scheduler";
import { SYSTEM_ACTOR } from "@/server/context";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { connectThroughProvider, makeDue, oauthValueOf, revokeAtProvider, startTestProvider, stopTestProvider, type OAuthTestProvider } from "../support/oauth";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let provider: OAuthTestProvider;
let ctx: ProjectCtx;
let user: { id: string; email: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  provider = await startTestProvider();
  ({ ctx, user } = await projectWithMember(tdb.db, "EDITOR"));
});
afterAll(async () => {
  await stopTestProvider(provider);
  await tdb?.dispose();
});
beforeEach(() => {
  provider.setTokenEndpointOutage(null);
  provider.setTokenEndpointDelay(0);
});

const connect = (label: string) => connectThroughProvider(provider, ctx, user, { displayName: `${label} ${Math.random().toString(36).slice(2, 8)}` });
const reload = (id: string) => findConnectionOrThrow(tdb.db, ctx.projectId, id);
const audit = (id: string) =>
  rows<{ action: string; details: Record<string, unknown> }>(tdb.db, sql`select action, details from audit_events where connection_id = ${id} order by id`);
// Other tests' connections must not be picked up by a scheduler run in this one.
const parkOthers = (id: string) =>
  tdb.db.execute(sql`update connections set refresh_at = now() + interval '1 day' where id <> ${id} and refresh_at is not null`);

describe(`OAuth2 token refresh (${databaseLabel()})`, () => {
  it("refreshes a due token in the background and saves the rotated refresh token with it", async () => {
    const before = await connect("Rotation");
    const old = oauthValueOf(before);
    await parkOthers(before.id);
    await makeDue(tdb.db, before.id);

    const grants = provider.refreshGrants();
    expect(await runDueRefreshes(tdb.db)).toMatchObject({ claimed: 1, refreshed: 1, failed: 0 });
    expect(provider.refreshGrants()).toBe(grants + 1);

    const after = await reload(before.id);
    const fresh = oauthValueOf(after);
    expect(fresh.access_token).not.toBe(old.access_token);
    expect(fresh.refresh_token).toBeTruthy();
    expect(fresh.refresh_token).not.toBe(old.refresh_token);
    expect(after).toMatchObject({ status: "ACTIVE", refreshFailures: 0, refreshLeaseUntil: null });
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(after.refreshAt!.getTime()).toBeLessThan(after.tokenExpiresAt!.getTime());
    expect((await audit(before.id)).at(-1)).toMatchObject({ action: "connection.refreshed", details: { trigger: "schedule", rotated: true } });

    // The provider rotated: only the saved refresh token still works, and the next run nothing is due.
    expect(await runDueRefreshes(tdb.db)).toMatchObject({ claimed: 0 });
    await makeDue(tdb.db, before.id);
    expect(await runDueRefreshes(tdb.db)).toMatchObject({ refreshed: 1 });
  });

  it("refreshes on use within the margin, and not when the token is fresh", async () => {
    const row = await connect("On use");
    const grants = provider.refreshGrants();
    expect((await getFreshOAuthValue({ db: tdb.db }, row)).access_token).toBe(oauthValueOf(row).access_token);
    expect(provider.refreshGrants()).toBe(grants);

    await makeDue(tdb.db, row.id, 2 * 60_000);
    const value = await getFreshOAuthValue({ db: tdb.db }, await reload(row.id));
    expect(value.access_token).not.toBe(oauthValueOf(row).access_token);
    expect(provider.refreshGrants()).toBe(grants + 1);
    expect((await audit(row.id)).at(-1)).toMatchObject({ action: "connection.refreshed", details: { trigger: "use" } });
    expect(oauthValueOf(await reload(row.id)).access_token).toBe(value.access_token);
  });

  it("moves a revoked grant to Error with the reason, and stops refreshing it", async () => {
    const row = await connect("Revoked");
    await revokeAtProvider(provider, oauthValueOf(row).refresh_token!);
    await parkOthers(row.id);
    await makeDue(tdb.db, row.id);

    expect(await runDueRefreshes(tdb.db)).toMatchObject({ failed: 1 });
    const after = await reload(row.id);
    expect(after).toMatchObject({ status: "ERROR", statusReason: REVOKED_REASON, refreshAt: null, refreshLeaseUntil: null });
    expect(oauthValueOf(after).access_token).toBe(oauthValueOf(row).access_token);
    const events = await audit(row.id);
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({ action: "connection.refresh_failed", details: expect.objectContaining({ reason: REVOKED_REASON, transient: false }) }),
      expect.objectContaining({ action: "connection.status_changed", details: expect.objectContaining({ from: "ACTIVE", to: "ERROR" }) }),
    ]);
    await expect(getFreshOAuthValue({ db: tdb.db }, after)).rejects.toBeInstanceOf(ReauthRequiredError);
    expect(await runDueRefreshes(tdb.db)).toMatchObject({ claimed: 0 });
  });

  for (const outage of ["http-500", "network"] as const) {
    it(`retries with backoff while the provider is down (${outage}), staying Active while the token is valid`, async () => {
      const row = await connect(`Outage ${outage}`);
      await parkOthers(row.id);
      await makeDue(tdb.db, row.id, 3 * 60_000);
      provider.setTokenEndpointOutage(outage);

      expect(await runDueRefreshes(tdb.db)).toMatchObject({ claimed: 1, failed: 1 });
      let after = await reload(row.id);
      expect(after).toMatchObject({ status: "ACTIVE", statusReason: null, refreshFailures: 1, refreshLeaseUntil: null });
      expect(after.refreshAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
      expect(after.refreshAt!.getTime()).toBeLessThan(after.tokenExpiresAt!.getTime());
      expect((await audit(row.id)).at(-1)).toMatchObject({ action: "connection.refresh_failed", details: { transient: true, attempt: 1 } });

      // A flow still gets the valid token, without hammering the provider during the backoff.
      const attempts = provider.tokenRequests.length;
      expect((await getFreshOAuthValue({ db: tdb.db }, after)).access_token).toBe(oauthValueOf(row).access_token);
      expect(provider.tokenRequests.length).toBe(attempts);

      // The token expires while the provider is still down: Error, but still retrying.
      await tdb.db.execute(
        sql`update connections set token_expires_at = now() - interval '1 second', refresh_at = now() - interval '1 second' where id = ${row.id}`,
      );
      expect(await runDueRefreshes(tdb.db)).toMatchObject({ failed: 1 });
      after = await reload(row.id);
      expect(after).toMatchObject({ status: "ERROR", refreshFailures: 2 });
      expect(after.statusReason).toMatch(/could not be reached to refresh it .* retrying automatically$/);
      expect(after.refreshAt).not.toBeNull();

      // The provider is back: the next attempt recovers the connection.
      provider.setTokenEndpointOutage(null);
      await makeDue(tdb.db, row.id);
      expect(await runDueRefreshes(tdb.db)).toMatchObject({ refreshed: 1 });
      expect(await reload(row.id)).toMatchObject({ status: "ACTIVE", statusReason: null, refreshFailures: 0 });
    });
  }

  it("health checks prove the grant with a refresh", async () => {
    const row = await connect("Checked");
    const grants = provider.refreshGrants();
    expect(await recheckConnection(tdb.db, ctx.projectId, row.id, SYSTEM_ACTOR)).toMatchObject({ outcome: "passed", status: "ACTIVE" });
    expect(provider.refreshGrants()).toBe(grants + 1);

    await revokeAtProvider(provider, oauthValueOf(await reload(row.id)).refresh_token!);
    expect(await recheckConnection(tdb.db, ctx.projectId, row.id, SYSTEM_ACTOR)).toMatchObject({ outcome: "failed", status: "ERROR" });
    expect(await reload(row.id)).toMatchObject({ status: "ERROR", statusReason: REVOKED_REASON });
  });

  it("lets exactly one of several concurrent users refresh, the others get the new token", async () => {
    const row = await connect("Concurrent use");
    await makeDue(tdb.db, row.id, 30_000);
    const stale = await reload(row.id);
    const grants = provider.refreshGrants();
    const values = await Promise.all(Array.from({ length: 5 }, () => getFreshOAuthValue({ db: tdb.db }, stale)));
    expect(provider.refreshGrants()).toBe(grants + 1);
    // Those that found the refresh under way used the still-valid token; none failed.
    const fresh = oauthValueOf(await reload(row.id)).access_token;
    for (const v of values) expect([fresh, oauthValueOf(row).access_token]).toContain(v.access_token);
    expect(values.some((v) => v.access_token === fresh)).toBe(true);
  });

  it(
    "takes over a claim abandoned by an instance that died, within the short lease, with one grant per expiry",
    async () => {
      // The other instance: its own pool on PostgreSQL (PGlite has one process, so the same handle).
      const other = tdb.url ? await openDatabase({ url: tdb.url }) : null;
      const taker: Db = other?.db ?? tdb.db;
      try {
        const scheduled = await connect("Abandoned (schedule)");
        const used = await connect("Abandoned (use)");
        await parkOthers(scheduled.id);
        await makeDue(tdb.db, scheduled.id, 5 * 60_000);
        // `used` has expired already and is not scheduled: only a flow using it can refresh it.
        await tdb.db.execute(sql`update connections set token_expires_at = now() - interval '1 second', refresh_at = null where id = ${used.id}`);

        // The dying instance claims both just before its provider calls, then is killed: no call, no write.
        const claimedAt = Date.now();
        expect(await claimDueConnection(tdb.db, scheduled.id)).not.toBeNull();
        expect(await claimConnection(tdb.db, used.id)).not.toBeNull();
        const grants = provider.refreshGrants();
        const requests = provider.tokenRequests.length;
        // A flow on the expired connection waits for the claim to lapse, then refreshes it itself.
        const usedValue = getFreshOAuthValue({ db: taker }, await reload(used.id)).then((v) => ({ v, at: Date.now() }));
        // The other instance's scheduler leaves the claimed row alone until the lease lapses, then refreshes it.
        let takenAt = 0;
        while (Date.now() - claimedAt < LEASE_MS + 10_000) {
          const run = await runDueRefreshes(taker);
          if (run.refreshed) {
            expect(run).toMatchObject({ claimed: 1, refreshed: 1, failed: 0 });
            takenAt = Date.now();
            break;
          }
          expect(run.claimed).toBe(0);
          await new Promise((r) => setTimeout(r, 250));
        }
        const { v, at } = await usedValue;
        for (const t of [takenAt, at]) {
          expect(t - claimedAt).toBeGreaterThanOrEqual(LEASE_MS - 1_000);
          expect(t - claimedAt).toBeLessThan(LEASE_MS + 5_000);
          // Short, in absolute terms too: before a 20-s access token (the soak's) would have expired.
          expect(t - claimedAt).toBeLessThan(20_000);
        }
        // One refresh grant each, and the rotated tokens are the ones saved.
        expect(provider.refreshGrants()).toBe(grants + 2);
        expect(provider.tokenRequests.slice(requests).filter((r) => r.grantType === "refresh_token" && r.status !== 200)).toEqual([]);
        const [afterScheduled, afterUsed] = [await reload(scheduled.id), await reload(used.id)];
        for (const [after, before] of [
          [afterScheduled, scheduled],
          [afterUsed, used],
        ] as const) {
          expect(after).toMatchObject({ status: "ACTIVE", refreshLeaseUntil: null, refreshFailures: 0 });
          expect(oauthValueOf(after).refresh_token).not.toBe(oauthValueOf(before).refresh_token);
        }
        expect(v.access_token).toBe(oauthValueOf(afterUsed).access_token);
      } finally {
        await other?.close();
      }
    },
    LEASE_MS + 30_000,
  );

  it("once its provider call has started, a refresh holds the row past the short lease: nobody spends the old refresh token again", async () => {
    const other = tdb.url ? await openDatabase({ url: tdb.url }) : null;
    const taker: Db = other?.db ?? tdb.db;
    try {
      const row = await connect("In flight");
      await parkOthers(row.id);
      await makeDue(tdb.db, row.id, 5 * 60_000);
      const grants = provider.refreshGrants();
      // A slow provider: the call is under way while another instance looks, as it would be while
      // this instance waits for the database to come back with the new tokens.
      provider.setTokenEndpointDelay(1_500);
      const claimed = await claimDueConnection(tdb.db, row.id);
      expect(claimed).not.toBeNull();
      const refreshing = refreshClaimed(tdb.db, claimed!, { trigger: "schedule", actor: SYSTEM_ACTOR });
      await new Promise((r) => setTimeout(r, 500));
      // Seen from an instance whose clock is past the short lease: the row is still held.
      const later = () => new Date(Date.now() + LEASE_MS + 1_000);
      expect((await reload(row.id)).refreshLeaseUntil!.getTime()).toBeGreaterThan(later().getTime());
      expect(await runDueRefreshes(taker, { now: later })).toMatchObject({ claimed: 0 });
      expect(await claimConnection(taker, row.id, later())).toBeNull();
      expect(await refreshing).toMatchObject({ result: "refreshed" });
      expect(provider.refreshGrants()).toBe(grants + 1);
      expect(await reload(row.id)).toMatchObject({ status: "ACTIVE", refreshLeaseUntil: null });
      // An instance that died during its call lets go once the in-flight lease has lapsed.
      await makeDue(tdb.db, row.id, 5 * 60_000);
      const dying = await claimDueConnection(tdb.db, row.id);
      expect(dying).not.toBeNull();
      expect(await holdThroughProviderCall(tdb.db, dying!)).toBe(true);
      expect(await claimConnection(taker, row.id, later())).toBeNull();
      expect(await claimConnection(taker, row.id, new Date(Date.now() + inFlightLeaseMs() + 1_000))).not.toBeNull();
    } finally {
      provider.setTokenEndpointDelay(0);
      await other?.close();
    }
  });
});
