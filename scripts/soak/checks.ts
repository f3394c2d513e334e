import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/types";
import type { TokenRequestRecord } from "../../tests/support/oidc-server";
import type { DriverState, Write } from "./driver";
import type { Sample } from "./http";

export interface Timeline {
  warmupEnd: number;
  /** When the warm-up readings (and their forced collections) were over: the steady phase starts here. */
  steadyFrom: number;
  kill: number;
  /** Wall-clock time (epoch ms) of the kill -9, to compare with the provider's log. */
  killWall: number;
  term: number;
  instancesBack: number;
  pgStop: number;
  pgStart: number;
  revoke: number;
  end: number;
  /** ms after PostgreSQL's return until each instance answered /readyz and a resolve with 200. */
  recovery: Record<string, number>;
  /** ms after the revocation until each instance refused the key. */
  revocation: Record<string, number>;
  /** Status each instance answered with the key just before it was revoked. */
  revokedBefore: Record<string, number>;
  lostWithKill: Sample[];
  rssWarm: Record<string, number | null>;
  rssEnd: Record<string, number | null>;
  /** Whether a full collection ran just before each reading (asked through the instance's inspector). */
  gcWarm: Record<string, boolean>;
  gcEnd: Record<string, boolean>;
  /** The JS heap in use (bytes, from /metrics) when the RSS was read: tells growth of live objects from allocator slack. */
  heapWarm: Record<string, number | null>;
  heapEnd: Record<string, number | null>;
  restartedPids: Record<string, number>;
  pidsAtPgStop: Record<string, number>;
  pidsAfterRecovery: Record<string, number>;
  drain: { readyz?: number; exitMs?: number; exitCode?: number | null };
}

interface CheckInput {
  db: Db;
  state: DriverState;
  tl: Timeline;
  samples: Sample[];
  instances: { name: string; restarts: number }[];
  tokenRequests: TokenRequestRecord[];
  grantOf: Map<string, string>;
  replaceFlows: number;
  healthIntervalMs: number;
  accessTokenMs: number;
  marginMs: number;
  tokenCacheMs: number;
  outageMs: number;
  report?: string;
}

interface Row {
  check: string;
  ok: boolean;
  detail: string;
}

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as T[];

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

const a2t = (ms: number) => new Date(ms).toISOString().slice(11, 23);

export async function runChecks(input: CheckInput): Promise<boolean> {
  const { db, state, tl, samples } = input;
  const results: Row[] = [];
  const notes: string[] = [];
  const add = (check: string, ok: boolean, detail: string) => results.push({ check, ok, detail });
  const projectId = state.projectId;

  // ---- 1. writes
  const writes = state.writes;
  const count = (w: Write[], o: Write["outcome"]) => w.filter((x) => x.outcome === o).length;
  {
    const flowIds = new Set(
      (await rows<{ id: string }>(db, sql`select id from flows where project_id = ${projectId} and id like 'soak-a-%'`)).map((r) => r.id),
    );
    const saves = writes.filter((w) => w.kind === "flow.save");
    const lost = saves.filter((w) => w.outcome === "acked" && !flowIds.has(w.key));
    const ghost = saves.filter((w) => w.outcome === "refused" && flowIds.has(w.key));
    add(
      "flow saves: acknowledged are stored, refused are not",
      lost.length === 0 && ghost.length === 0 && count(saves, "acked") > 0,
      `${count(saves, "acked")} acked, ${count(saves, "refused")} refused, ${count(saves, "unknown")} no answer; lost ${lost.length}, refused-but-stored ${ghost.length}`,
    );
  }
  {
    const conns = await rows<{ id: string; display_name: string }>(db, sql`select id, display_name from connections where project_id = ${projectId}`);
    const byId = new Map(conns.map((c) => [c.id, c]));
    const names = new Set(conns.map((c) => c.display_name));
    const problems: string[] = [];
    const creates = writes.filter((w) => w.kind === "connection.create");
    // A refused create must have left no connection of that name (nor its renamed form).
    for (const w of creates.filter((w) => w.outcome === "refused"))
      if (names.has(w.key) || names.has(`${w.key} renamed`)) problems.push(`refused create stored: ${w.key}`);
    // Per connection the people's worker touched: the last acknowledged rename / delete holds, a refused one did nothing.
    const perConn = new Map<string, Write[]>();
    for (const w of writes.filter((w) => w.kind === "connection.rename" || w.kind === "connection.delete" || w.kind === "connection.reconnect")) {
      perConn.set(w.key, [...(perConn.get(w.key) ?? []), w]);
    }
    const { openConnectionValue } = await import("@/server/connections/open-value");
    const { findConnectionOrThrow } = await import("@/server/connections/find");
    let checked = 0;
    for (const [id, ws] of perConn) {
      const del = ws.find((w) => w.kind === "connection.delete");
      const row = byId.get(id);
      if (del?.outcome === "acked" && row) problems.push(`acked delete still there: ${id}`);
      if (del?.outcome === "refused" && !row) problems.push(`refused delete gone: ${id}`);
      if (!del && !row) problems.push(`connection vanished: ${id}`);
      if (!row || del?.outcome === "unknown") continue;
      const rename = ws.find((w) => w.kind === "connection.rename");
      if (rename?.outcome === "acked" && row.display_name !== rename.value) problems.push(`acked rename lost: ${id}`);
      if (rename?.outcome === "refused" && row.display_name === rename.value) problems.push(`refused rename applied: ${id}`);
      const reconnect = ws.find((w) => w.kind === "connection.reconnect");
      if (reconnect && reconnect.outcome !== "unknown") {
        const value = openConnectionValue(await findConnectionOrThrow(db, projectId, id)) as { secret_text?: string } | null;
        const stored = value?.secret_text === reconnect.value;
        if (reconnect.outcome === "acked" && !stored) problems.push(`acked credentials update lost: ${id}`);
        if (reconnect.outcome === "refused" && stored) problems.push(`refused credentials update applied: ${id}`);
      }
      checked++;
    }
    const people = writes.filter((w) => w.kind.startsWith("connection.") && w.kind !== "connection.replace");
    add(
      "people's writes (create, rename, credentials, delete)",
      problems.length === 0 && count(creates, "acked") > 0,
      `${count(people, "acked")} acked, ${count(people, "refused")} refused, ${count(people, "unknown")} no answer over ${checked} connections` +
        (problems.length ? `; ${problems.length} wrong, e.g. ${problems.slice(0, 3).join("; ")}` : ""),
    );
  }
  {
    const replaces = writes.filter((w) => w.kind === "connection.replace");
    const acked = replaces.filter((w) => w.outcome === "acked");
    const problems: string[] = [];
    const ids = new Set((await rows<{ id: string }>(db, sql`select id from connections where project_id = ${projectId}`)).map((r) => r.id));
    for (const w of acked) if (ids.has(w.key)) problems.push(`replaced connection not deleted: ${w.key}`);
    const [refs] = await rows<{ n: number }>(
      db,
      sql`select count(distinct r.flow_id)::int as n from connection_references r where r.project_id = ${projectId} and r.flow_id like 'soak-replace-%' and r.external_id = ${state.replaceTarget.externalId}`,
    );
    const all = (refs?.n ?? 0) === input.replaceFlows;
    add(
      `Replace across ${input.replaceFlows} flows`,
      problems.length === 0 && all && acked.length > 0,
      `${acked.length} acked, ${count(replaces, "refused")} refused, ${count(replaces, "unknown")} no answer; flows on the latest target ${refs?.n ?? 0}/${input.replaceFlows}` +
        (problems.length ? `; ${problems.join("; ")}` : "") +
        (state.errors.length ? `; driver: ${state.errors.slice(0, 2).join(" | ")}` : ""),
    );
  }
  {
    const { hashToken } = await import("@/server/crypto/hash");
    const sessions = writes.filter((w) => w.kind === "embed.session");
    const hashes = new Set(
      (await rows<{ token_hash: string }>(db, sql`select token_hash from embed_sessions where project_id = ${projectId}`)).map((r) => r.token_hash),
    );
    const lost = sessions.filter((w) => !hashes.has(hashToken(w.key)));
    add(
      "embed sessions: issued are stored, each spent once",
      lost.length === 0 && state.embedReuseAccepted === 0 && state.embedExchanges > 0,
      `${sessions.length} issued, ${state.embedExchanges} exchanged, second spend accepted ${state.embedReuseAccepted}, lost ${lost.length}`,
    );
  }

  // Connections whose rotated refresh token the kill -9 lost (see below): their provider grant ids, and their externalIds.
  const lostToKill = new Set<string>();
  const lostRefs = new Set<string>();

  // ---- 2. OAuth2 refresh
  {
    const audits = await rows<{ connection_id: string; at: string; trigger: string }>(
      db,
      sql`select connection_id, created_at::text as at, details->>'trigger' as trigger from audit_events where action = 'connection.refreshed' order by id`,
    );
    const refreshOk = input.tokenRequests.filter((r) => r.grantType === "refresh_token" && r.status === 200);
    const refusedAll = input.tokenRequests.filter((r) => r.grantType === "refresh_token" && r.status !== 200);
    const perConn: string[] = [];
    const mismatch: string[] = [];
    const early: string[] = [];
    const lapsed: string[] = [];
    const minGap = (input.accessTokenMs - input.marginMs - 0.1 * input.accessTokenMs) * 0.9;
    // A kill -9 landing between the provider's answer and the commit loses the rotated refresh
    // token: it existed only in the killed process. Nothing an instance does can recover it (only
    // a provider's grace period for the previous token would); the connection then needs a
    // Reconnect. Such a loss is excused only when the kill came within KILL_WINDOW_MS after a grant
    // of that connection was answered (or up to 1 s before: the request had reached the provider),
    // and reported.
    const KILL_WINDOW_MS = 2_000;
    for (const [connectionId, grantId] of input.grantOf) {
      const grants = refreshOk.filter((r) => r.grantId === grantId).length;
      const mine = audits.filter((a) => a.connection_id === connectionId);
      perConn.push(String(grants));
      const answeredAroundKill = refreshOk.some(
        (r) => r.grantId === grantId && tl.killWall - r.at.getTime() >= -1_000 && tl.killWall - r.at.getTime() <= KILL_WINDOW_MS,
      );
      if (grants === mine.length + 1 && answeredAroundKill) lostToKill.add(grantId);
      else if (grants !== mine.length) mismatch.push(`${connectionId.slice(0, 8)}: provider ${grants}, stored ${mine.length}`);
      // When the provider granted each refresh (the k-th grant is the k-th stored refresh: both are in order per connection).
      const times = refreshOk.filter((r) => r.grantId === grantId).map((r) => r.at.getTime());
      for (let i = 1; i < Math.min(mine.length, times.length); i++) {
        const gap = times[i]! - times[i - 1]!;
        if (mine[i]!.trigger !== "check" && gap < minGap)
          early.push(`${connectionId.slice(0, 8)} ${mine[i - 1]!.trigger}→${mine[i]!.trigger} ${(gap / 1000).toFixed(1)} s at ${a2t(times[i]!)}`);
        if (gap > input.accessTokenMs + input.outageMs + 5_000) lapsed.push(`${connectionId.slice(0, 8)} ${(gap / 1000).toFixed(1)} s`);
      }
    }
    const refused = refusedAll.filter((r) => !r.grantId || !lostToKill.has(r.grantId));
    for (const [connectionId, grantId] of input.grantOf) {
      if (!lostToKill.has(grantId)) continue;
      const [c] = await rows<{ external_id: string }>(db, sql`select external_id from connections where id = ${connectionId}`);
      if (c) lostRefs.add(c.external_id);
    }
    add(
      "OAuth2: each provider refresh grant stored exactly once",
      mismatch.length === 0 && refreshOk.length > 0,
      `${refreshOk.length} refresh grants for ${input.grantOf.size} connections (per connection: ${perConn.join(" ")})` +
        (mismatch.length ? `; mismatch: ${mismatch.slice(0, 4).join(", ")}` : "") +
        (lostToKill.size ? `; lost to the kill -9 between the provider's answer and the commit: ${lostToKill.size}` : ""),
    );
    add(
      "OAuth2: one refresh per expiry (none early, none missed)",
      early.length === 0 && lapsed.length === 0,
      `refreshes closer than ${(minGap / 1000).toFixed(1)} s apart: ${early.length}${early.length ? ` (${early.slice(0, 4).join(", ")})` : ""}; gaps over the token's life: ${lapsed.length}${lapsed.length ? ` (${lapsed.slice(0, 4).join(", ")})` : ""}`,
    );
    add(
      "OAuth2: no refresh-token reuse at the provider",
      refused.length === 0,
      (refusedAll.length > refused.length ? `${refusedAll.length - refused.length} refused after a token lost to the kill -9; ` : "") +
        (refused.length
          ? `${refused.length} refused refresh grants: ${refused
              .slice(0, 4)
              .map((r) => `${r.status} ${r.error ?? ""}`)
              .join(", ")}`
          : "0 refused refresh grants"),
    );
    const notActive = await rows<{ id: string; display_name: string; status: string; status_reason: string | null }>(
      db,
      sql`select id, display_name, status::text as status, status_reason from connections where project_id = ${projectId} and status <> 'ACTIVE'`,
    );
    // A connection whose rotated token the kill -9 lost should be in Error (its grant is gone).
    const inError = notActive.filter((c) => !lostToKill.has(input.grantOf.get(c.id) ?? ""));
    add(
      "no connection in Error (or Missing) that should not be",
      inError.length === 0,
      (notActive.length > inError.length ? `${notActive.length - inError.length} in Error after its token was lost to the kill -9; ` : "") +
        (inError.length
          ? inError
              .slice(0, 4)
              .map((c) => `${c.display_name}: ${c.status} (${c.status_reason ?? ""})`)
              .join("; ")
          : "every other connection Active"),
    );
  }

  // ---- 3. health checks
  {
    const checks = await rows<{ connection_id: string; at: string }>(
      db,
      sql`select connection_id, created_at::text as at from audit_events where action = 'connection.rechecked' order by id`,
    );
    const last = new Map<string, number>();
    const twice: string[] = [];
    const minGap = input.healthIntervalMs * 0.9 - 1_000;
    for (const c of checks) {
      const t = Date.parse(c.at.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
      const prev = last.get(c.connection_id);
      if (prev !== undefined && t - prev < minGap) twice.push(`${c.connection_id.slice(0, 8)} ${((t - prev) / 1000).toFixed(1)} s apart`);
      last.set(c.connection_id, t);
    }
    add(
      "health checks: no connection checked twice in one round",
      twice.length === 0 && checks.length > 0,
      `${checks.length} checks of ${last.size} connections, round ${(input.healthIntervalMs / 1000).toFixed(0)} s ±10%; twice: ${twice.length}${twice.length ? ` (${twice.slice(0, 4).join(", ")})` : ""}`,
    );
  }

  // ---- 4. availability
  {
    const windowEnd = tl.pgStart + 10_000;
    const inOutage = (s: Sample) => s.end >= tl.pgStop && s.start <= windowEnd;
    // A request in flight on the instance killed with SIGKILL has no answer to give: HAProxy answers 502 for it.
    const lostWithKill = (s: Sample) => s.server === "app1" && s.status === 502 && s.start <= tl.kill + 200 && s.end >= tl.kill;
    // A connection the client saw closed before any answer (undici: "other side closed") is counted apart, below the table.
    const closed = (s: Sample) => s.status === 0 && (s.error ?? "").includes("other side closed");
    // Flows on a connection whose token the kill -9 lost wait for the dead refresh's lease: 503
    // connection_unavailable, until the lease lapses and the connection goes to Error.
    const waitedOnLoss = (s: Sample) =>
      s.status === 503 && s.error === "connection_unavailable" && s.tag !== undefined && lostRefs.has(s.tag) && s.start >= tl.kill;
    const bad = samples.filter((s) => (s.status >= 500 || s.status === 0) && !closed(s) && !inOutage(s) && !lostWithKill(s) && !waitedOnLoss(s));
    notes.push(
      `requests whose connection to HAProxy closed before any answer (client side "other side closed"; not counted as 5xx): ${samples.filter(closed).length} of ${samples.length}`,
    );
    const killed = samples.filter(lostWithKill);
    const byKind = new Map<string, number>();
    const when = bad.length ? ` between ${(bad[0]!.start / 1000).toFixed(1)} s and ${(bad.at(-1)!.start / 1000).toFixed(1)} s` : "";
    for (const s of bad)
      byKind.set(
        `${s.kind} ${s.status} ${s.server} ${s.error ?? ""}`.trim(),
        (byKind.get(`${s.kind} ${s.status} ${s.server} ${s.error ?? ""}`.trim()) ?? 0) + 1,
      );
    add(
      "no 5xx (nor timeout) outside the PostgreSQL outage",
      bad.length === 0,
      `${samples.length} requests; 5xx or no answer outside the outage: ${bad.length}` +
        (bad.length
          ? `${when} (${[...byKind]
              .slice(0, 4)
              .map(([k, n]) => `${n}× ${k}`)
              .join("; ")})`
          : "") +
        `; in flight on the SIGKILLed instance: ${killed.length}` +
        (lostRefs.size ? `; 503 connection_unavailable on the connection whose token the kill -9 lost: ${samples.filter(waitedOnLoss).length}` : ""),
    );
    const during = samples.filter((s) => inOutage(s) && (s.status >= 500 || s.status === 0));
    const unclear = during.filter((s) => !closed(s) && (s.status !== 503 || !s.error || s.error.startsWith("<")));
    const kinds = new Map<string, number>();
    for (const s of unclear) kinds.set(`${s.kind} ${s.status} ${s.error ?? ""}`, (kinds.get(`${s.kind} ${s.status} ${s.error ?? ""}`) ?? 0) + 1);
    add(
      "during the outage: 503 with a clear error",
      unclear.length === 0,
      `${during.length} failed requests in the window, ${during.length - unclear.length} were 503 with a JSON error` +
        (unclear.length
          ? `; others: ${[...kinds]
              .slice(0, 4)
              .map(([k, n]) => `${n}× ${k.slice(0, 100)}`)
              .join("; ")}`
          : ""),
    );
    const names = input.instances.map((i) => i.name);
    const slow = names.filter((n) => tl.recovery[n] === undefined || tl.recovery[n]! > 10_000);
    const restarted = names.filter((n) => tl.pidsAtPgStop[n] !== tl.pidsAfterRecovery[n]);
    add(
      "every instance serving within 10 s of PostgreSQL's return, no restart",
      slow.length === 0 && restarted.length === 0,
      names.map((n) => `${n} ${tl.recovery[n] === undefined ? "never" : `${(tl.recovery[n]! / 1000).toFixed(1)} s`}`).join(", ") +
        (restarted.length ? `; restarted: ${restarted.join(", ")}` : ""),
    );
    // A database blip must not sign people out: while it lasts their calls are 503, never 401.
    const signedOut = samples.filter((s) => s.kind.startsWith("trpc.") && s.status === 401);
    add(
      "signed-in people are never taken for signed out (no 401), through every fault",
      signedOut.length === 0 && samples.some((s) => s.kind.startsWith("trpc.") && s.status === 200),
      `${samples.filter((s) => s.kind.startsWith("trpc.")).length} tRPC calls; 401: ${signedOut.length}` +
        (signedOut.length ? ` (between ${(signedOut[0]!.start / 1000).toFixed(1)} s and ${(signedOut.at(-1)!.start / 1000).toFixed(1)} s)` : ""),
    );
    add(
      "graceful SIGTERM: /readyz draining, exit within the shutdown timeout",
      tl.drain.readyz !== 200 && tl.drain.exitCode === 0 && (tl.drain.exitMs ?? Infinity) < 15_000,
      `/readyz answered ${tl.drain.readyz === 0 ? "no connection (listener closed)" : tl.drain.readyz} while draining; exit code ${tl.drain.exitCode} after ${((tl.drain.exitMs ?? NaN) / 1000).toFixed(1)} s`,
    );
  }

  // ---- 5. revocation
  {
    const names = input.instances.map((i) => i.name);
    const late = names.filter((n) => tl.revocation[n] === undefined || tl.revocation[n]! > input.tokenCacheMs + 1_000);
    const notWorking = names.filter((n) => tl.revokedBefore[n] !== 200);
    add(
      `revoked key refused by every instance within ENGINE_TOKEN_CACHE_SECONDS (${input.tokenCacheMs / 1000} s)`,
      late.length === 0 && notWorking.length === 0,
      names.map((n) => `${n} ${tl.revocation[n] === undefined ? "never" : `${(tl.revocation[n]! / 1000).toFixed(1)} s`}`).join(", ") +
        (notWorking.length ? `; key did not work before revocation on ${notWorking.join(", ")}` : ""),
    );
  }

  // ---- 6. memory
  {
    const parts: string[] = [];
    let ok = true;
    for (const { name } of input.instances) {
      const warm = tl.rssWarm[name];
      const end = tl.rssEnd[name];
      if (!warm || !end) {
        parts.push(`${name} n/a (restarted too late to measure)`);
        continue;
      }
      const ratio = end / warm;
      if (ratio > 1.2 || ratio < 0.8) ok = false;
      // A reading taken without a collection moves with garbage: it proves nothing either way.
      const collected = tl.gcWarm[name] && tl.gcEnd[name];
      if (!collected) ok = false;
      const [hw, he] = [tl.heapWarm[name], tl.heapEnd[name]];
      const heap = hw && he ? `; heap in use ${Math.round(hw / 2 ** 20)}→${Math.round(he / 2 ** 20)} MB` : "";
      parts.push(
        `${name} ${Math.round(warm / 1024)}→${Math.round(end / 1024)} MB (${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(0)}%${heap}${collected ? "" : "; NOT read after a collection"})`,
      );
    }
    add("RSS after a full collection at the end within 20 % of after warm-up", ok, parts.join(", "));
  }

  // ---- 7. resolves per phase
  const resolves = samples.filter((s) => s.kind === "resolve" || s.kind === "resolve.oauth");
  const phases: [string, number, number][] = [
    ["steady", tl.steadyFrom, tl.kill],
    ["instance killed / restarting", tl.kill, tl.instancesBack],
    ["PostgreSQL down", tl.pgStop, tl.pgStart],
    ["recovered", tl.pgStart + 10_000, tl.end],
  ];
  const phaseRows = phases.map(([name, from, to]) => {
    const xs = resolves.filter((s) => s.start >= from && s.start < to);
    const okXs = xs.filter((s) => s.status === 200);
    const lat = okXs.map((s) => s.end - s.start).sort((a, b) => a - b);
    const seconds = Math.max(0.001, (to - from) / 1000);
    return {
      phase: name,
      seconds: Number(seconds.toFixed(1)),
      requests: xs.length,
      ok: okXs.length,
      perSecond: Number((okXs.length / seconds).toFixed(1)),
      p50: Number(quantile(lat, 0.5).toFixed(1)),
      p99: Number(quantile(lat, 0.99).toFixed(1)),
    };
  });

  // ---- print
  const w = Math.max(...results.map((r) => r.check.length));
  console.log("\nSoak checks");
  console.log(`${"".padEnd(6)}${"check".padEnd(w)}  detail`);
  for (const r of results) console.log(`${(r.ok ? "PASS" : "FAIL").padEnd(6)}${r.check.padEnd(w)}  ${r.detail}`);
  console.log("\nResolves through the load balancer, per phase (successful ones; latency in ms)");
  console.log(
    `${"phase".padEnd(30)}${"seconds".padStart(8)}${"requests".padStart(10)}${"200".padStart(8)}${"per s".padStart(8)}${"p50".padStart(8)}${"p99".padStart(8)}`,
  );
  for (const p of phaseRows) {
    console.log(
      `${p.phase.padEnd(30)}${String(p.seconds).padStart(8)}${String(p.requests).padStart(10)}${String(p.ok).padStart(8)}${String(p.perSecond).padStart(8)}${String(p.p50).padStart(8)}${String(p.p99).padStart(8)}`,
    );
  }
  for (const n of notes) console.log(`\nNote: ${n}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`\nsoak: ${passed} passed, ${failed} failed`);

  if (input.report) {
    mkdirSync(path.dirname(input.report), { recursive: true });
    // Shaped like vitest's JSON report, so scripts/summarize-tests.mjs counts each check.
    writeFileSync(
      input.report,
      JSON.stringify({ numPassedTests: passed, numFailedTests: failed, success: failed === 0, soak: { checks: results, phases: phaseRows } }, null, 2),
    );
  }
  return failed === 0;
}
