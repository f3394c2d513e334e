import { setTimeout as sleep } from "node:timers/promises";
import { LB, OWNER } from "./config";
import { call, cookiesOf, now, outcomeOf, trpcData, type Outcome } from "./http";
import type { ServerActions } from "./actions";

export interface Write {
  kind: "flow.save" | "connection.create" | "connection.rename" | "connection.reconnect" | "connection.delete" | "connection.replace" | "embed.session";
  /** What to look for in the database: a flow id, a connection id, a display name, an embed token. */
  key: string;
  /** The value written: a name, a secret, the replacement's id. */
  value?: string;
  outcome: Outcome;
  at: number;
  status: number;
}

export interface DriverState {
  /** When the load stops (ms on the soak's clock); the fault schedule may push it out so every phase has load. */
  until: number;
  projectId: string;
  resolveKey: string;
  flowKey: string;
  embedKey: string;
  secretRefs: string[];
  oauthRefs: string[];
  /** The connection every Replace flow points at now (changes with each acknowledged Replace). */
  replaceTarget: { id: string; externalId: string };
  writes: Write[];
  embedReuseAccepted: number;
  embedExchanges: number;
  errors: string[];
}

const record = (state: DriverState, w: Omit<Write, "at">) => state.writes.push({ ...w, at: now() });

/** Signs in through next-auth's credentials callback, as the sign-in form does; the cookie header. */
export async function signIn(): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const csrf = await call("sign-in", "/api/auth/csrf", { record: false });
    const token = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken;
    if (token) {
      const res = await call("sign-in", "/api/auth/callback/credentials", {
        record: false,
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf.headers).join("; "), origin: LB },
        body: new URLSearchParams({ csrfToken: token, email: OWNER.email, password: OWNER.password, callbackUrl: LB }).toString(),
      });
      const session = cookiesOf(res.headers).filter((c) => c.includes("session-token"));
      if (session.length) return session.join("; ");
    }
    await sleep(500);
  }
  throw new Error("could not sign in through the load balancer");
}

const trpcGet = (kind: string, cookie: string, proc: string, input: unknown) =>
  call(kind, `/api/trpc/${proc}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`, { headers: { cookie } });
const trpcPost = (kind: string, cookie: string, proc: string, input: unknown) =>
  call(kind, `/api/trpc/${proc}?batch=1`, { headers: { cookie, origin: LB }, body: { 0: { json: input } } });

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** Engine resolves, most of the traffic: a secret connection or an OAuth2 one (whose token may need a refresh). */
async function resolveWorker(state: DriverState) {
  for (let i = 0; i < 10_000_000 && now() < state.until; i++) {
    const oauth = Math.random() < 0.3;
    const ref = oauth ? pick(state.oauthRefs) : pick(state.secretRefs);
    const r = await call(oauth ? "resolve.oauth" : "resolve", "/api/v1/worker/resolve", {
      headers: { authorization: `Bearer ${state.resolveKey}` },
      body: { input: { auth: `{{connections['${ref}']}}`, n: i } },
      tag: ref,
    });
    if (r.status === 0) await sleep(50);
  }
}

/** Flow saves through the engine API, each a new flow with a known id. */
async function flowWorker(state: DriverState, tag: string) {
  for (let i = 0; i < 1_000_000 && now() < state.until; i++) {
    const id = `soak-${tag}-${i}`;
    const r = await call("flow.save", `/api/v1/flows/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${state.flowKey}` },
      body: {
        name: `Soak flow ${tag} ${i}`,
        draft: [{ name: "step_1", pieceName: "openai", input: { auth: `{{connections['${pick(state.secretRefs)}']}}` } }],
      },
    });
    record(state, { kind: "flow.save", key: id, outcome: outcomeOf(r), status: r.status });
    await sleep(100);
  }
}

/** A person on the Connections page: list, search, create, rename, new credentials, delete. */
async function peopleWorker(state: DriverState, actions: ServerActions | null) {
  let cookie = await signIn();
  for (let i = 0; i < 1_000_000 && now() < state.until; i++) {
    const projectId = state.projectId;
    const list = await trpcGet("trpc.list", cookie, "connection.list", { projectId, pageSize: 20 });
    if (list.status === 401) cookie = await signIn();
    await trpcGet("trpc.search", cookie, "connection.list", { projectId, search: `Soak key ${i % 10}`, pageSize: 20 });
    const name = `Soak person ${i} ${Math.random().toString(36).slice(2, 8)}`;
    const created = await trpcPost("trpc.create", cookie, "connection.create", {
      projectId,
      pieceName: "openai",
      type: "SECRET_TEXT",
      displayName: name,
      credentials: { secret_text: `sk-test${Math.random().toString(36).slice(2)}${"0".repeat(24)}` },
    });
    record(state, { kind: "connection.create", key: name, outcome: outcomeOf(created), status: created.status });
    const id = trpcData<{ connection?: { id: string }; id?: string }>(created);
    const connectionId = id?.connection?.id ?? id?.id;
    if (created.status !== 200 || !connectionId) {
      await sleep(200);
      continue;
    }
    const renamed = `${name} renamed`;
    const rename = await trpcPost("trpc.rename", cookie, "connection.update", { projectId, connectionId, displayName: renamed });
    record(state, { kind: "connection.rename", key: connectionId, value: renamed, outcome: outcomeOf(rename), status: rename.status });
    const secret = `sk-test${Math.random().toString(36).slice(2)}${"1".repeat(24)}`;
    const reconnect = await trpcPost("trpc.reconnect", cookie, "connection.reconnect", { projectId, connectionId, credentials: { secret_text: secret } });
    record(state, { kind: "connection.reconnect", key: connectionId, value: secret, outcome: outcomeOf(reconnect), status: reconnect.status });
    if (actions && i % 2 === 0) {
      const del = await actions.call("trpc.delete", cookie, "deleteConnectionsAction", [projectId, [connectionId]]);
      record(state, { kind: "connection.delete", key: connectionId, outcome: actions.outcome(del), status: del.status });
    }
    await sleep(150);
  }
}

/** The workflow editor's back end issues an embed session; the picker spends it once (a second spend is refused). */
async function embedWorker(state: DriverState) {
  for (let i = 0; i < 1_000_000 && now() < state.until; i++) {
    const issued = await call("embed.issue", "/api/v1/embed/sessions", {
      headers: { authorization: `Bearer ${state.embedKey}` },
      body: { userEmail: OWNER.email },
    });
    const token = (issued.body as { token?: string } | undefined)?.token;
    if (issued.status === 201 && token) {
      record(state, { kind: "embed.session", key: token, outcome: "acked", status: issued.status });
      const first = await call("embed.exchange", "/api/embed/session", { headers: { origin: LB }, body: { token } });
      if (first.status === 200) {
        state.embedExchanges++;
        const again = await call("embed.exchange", "/api/embed/session", { headers: { origin: LB }, body: { token }, record: false });
        if (again.status === 200) state.embedReuseAccepted++;
      }
    }
    await sleep(400);
  }
}

/** Replace across the few hundred flows: a new connection (a person's create), then Replace the current target with it. */
async function replaceWorker(state: DriverState, everyMs: number, actions: ServerActions | null) {
  if (!actions) return;
  let cookie = await signIn();
  for (let i = 0; i < 1_000 && now() < state.until; i++) {
    await sleep(everyMs);
    if (now() >= state.until) break;
    const name = `Soak replacement ${i}`;
    const created = await trpcPost("trpc.create", cookie, "connection.create", {
      projectId: state.projectId,
      pieceName: "openai",
      type: "SECRET_TEXT",
      displayName: name,
      credentials: { secret_text: `sk-test${"2".repeat(30)}${i}` },
    });
    if (created.status === 401) cookie = await signIn();
    record(state, { kind: "connection.create", key: name, outcome: outcomeOf(created), status: created.status });
    const data = trpcData<{ connection?: { id: string; externalId: string } }>(created);
    if (created.status !== 200 || !data?.connection) continue;
    const from = state.replaceTarget;
    const ids = { fromConnectionId: from.id, toConnectionId: data.connection.id };
    const preview = await actions.call("replace.preview", cookie, "previewReplaceAction", [state.projectId, ids]);
    const fingerprint = (preview.result?.data as { fingerprint?: string } | undefined)?.fingerprint;
    if (!fingerprint) {
      state.errors.push(`replace preview ${i}: ${preview.status} ${preview.text.slice(0, 200)}`);
      continue;
    }
    const r = await actions.call("replace", cookie, "replaceConnectionAction", [
      state.projectId,
      { ...ids, expectedFingerprint: fingerprint, deleteOld: true },
    ]);
    const outcome = actions.outcome(r);
    record(state, { kind: "connection.replace", key: from.id, value: data.connection.id, outcome, status: r.status });
    if (outcome === "acked") state.replaceTarget = { id: data.connection.id, externalId: data.connection.externalId };
    else state.errors.push(`replace ${i}: ${r.status} ${r.text.slice(0, 200)}`);
  }
}

export async function runDriver(state: DriverState, actions: ServerActions | null, seconds: number) {
  await Promise.all([
    ...Array.from({ length: 6 }, () => resolveWorker(state)),
    flowWorker(state, "a"),
    peopleWorker(state, actions).catch((err: Error) => void state.errors.push(`people: ${err.message}`)),
    embedWorker(state),
    replaceWorker(state, Math.max(8_000, (seconds * 1000) / 8), actions).catch((err: Error) => void state.errors.push(`replace: ${err.message}`)),
  ]);
}
