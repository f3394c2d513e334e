import { desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { previewReplace } from "@/server/connections/preview-replace";
import { auditEvents, platform } from "@/server/db/schema";
import { setOAuthApp } from "@/server/oauth/apps/set-oauth-app";
import { authenticateWithPassword } from "@/server/users/authenticate";
import { userWithPassword } from "../accounts";
import { databaseLabel } from "../db";
import { createUser, uniq } from "../factories";
import { step } from "../flows";
import { authorizeUntilCallback, TEST_PIECE } from "../oauth";
import { inEmbeddedKeyMode } from "./embedded-keys";
import { signedIn, type Harness } from "./harness";

/**
 * How to run each mutation once, successfully, keyed by its path:
 *   trpc:<router.procedure>   action:<exported name>   http:<METHOD> <route as declared>
 * `setup` runs first (its own audit events are not counted); `run` must then write ≥ 1 event.
 * A new mutation needs an entry here (or in EXEMPT, with a reason) or the coverage test fails.
 */
export interface Fixture<S = unknown> {
  setup?: (h: Harness) => Promise<S>;
  run: (h: Harness, state: S) => Promise<unknown>;
}
type Call = (...args: unknown[]) => Promise<unknown>;
export type ActionCalls = Map<string, Call>;

const fixture = <S>(f: Fixture<S>) => f as Fixture<unknown>;
/** A server action answers {ok: false} instead of throwing: a fixture must have succeeded. */
const ok = async (result: Promise<unknown>) => {
  const r = (await result) as { ok?: boolean; message?: string } | undefined;
  expect(r?.ok, r?.message).not.toBe(false);
  return r;
};

const ON_POSTGRES = databaseLabel() === "postgres";
const ROTATE_KEY_ON_POSTGRES =
  "not offered with a PostgreSQL server: the key ring comes from ENCRYPTION_KEYS (required there), so the door refuses and changes nothing; REFUSED_HERE proves it";

/**
 * Doors this database does not offer: instead of a fixture, a check that the door refuses and
 * writes nothing. Each is exempt here only, and covered by a fixture on the other database.
 */
export const REFUSED_HERE: Record<string, (h: Harness) => Promise<unknown>> = ON_POSTGRES
  ? { "trpc:encryption.rotateKey": (h) => expect(h.api.encryption.rotateKey()).rejects.toMatchObject({ code: "CONFLICT" }) }
  : {};

export function fixtures(actions: ActionCalls): Record<string, Fixture> {
  const action = (name: string) => actions.get(`action:${name}`)!;
  return {
    "trpc:project.create": fixture({ run: (h) => h.api.project.create({ name: uniq("Project") }) }),
    "trpc:project.rename": fixture({
      setup: (h) => h.api.project.create({ name: uniq("Project") }),
      run: (h, p) => h.api.project.rename({ projectId: p.id, name: `${p.name} (renamed)` }),
    }),
    "trpc:project.delete": fixture({
      setup: (h) => h.api.project.create({ name: uniq("Doomed") }),
      run: (h, p) => h.api.project.delete({ projectId: p.id, confirmName: p.name }),
    }),
    "trpc:member.add": fixture({
      setup: (h) => createUser(h.db),
      run: (h, u) => h.api.member.add({ projectId: h.projectId, email: u.email, role: "VIEWER" }),
    }),
    "trpc:member.changeRole": fixture({
      setup: (h) => h.member("VIEWER"),
      run: (h, u) => h.api.member.changeRole({ projectId: h.projectId, userId: u.id, role: "EDITOR" }),
    }),
    "trpc:member.remove": fixture({
      setup: (h) => h.member("EDITOR"),
      run: (h, u) => h.api.member.remove({ projectId: h.projectId, userId: u.id }),
    }),
    "trpc:admin.createUser": fixture({
      run: (h) => h.api.admin.createUser({ email: `${uniq("made")}@example.test`, name: "Made", password: h.secret("Pw-"), isPlatformAdmin: false }),
    }),
    "trpc:admin.resetPassword": fixture({
      setup: (h) => createUser(h.db),
      run: (h, u) => h.api.admin.resetPassword({ userId: u.id, password: h.secret("Reset-pw-") }),
    }),
    "trpc:admin.setDisabled": fixture({
      setup: (h) => createUser(h.db),
      run: (h, u) => h.api.admin.setDisabled({ userId: u.id, disabled: true }),
    }),
    "trpc:admin.setPlatformAdmin": fixture({
      setup: (h) => createUser(h.db),
      run: (h, u) => h.api.admin.setPlatformAdmin({ userId: u.id, isPlatformAdmin: true }),
    }),
    "trpc:admin.updateSettings": fixture({
      // The settings live in the platform row that setup writes: this fixture does not depend on another's.
      setup: async (h) => {
        await h.db.insert(platform).values({ id: 1 }).onConflictDoNothing();
        return (await h.api.admin.settings()).projectCreation;
      },
      run: async (h, current) => {
        const next = current === "ADMINS" ? "EVERYONE" : "ADMINS";
        expect(await h.api.admin.updateSettings({ projectCreation: next })).toEqual({ projectCreation: next });
      },
    }),
    "trpc:encryption.reencryptNow": fixture({
      run: async (h) => expect(await h.api.encryption.reencryptNow()).toEqual({ started: true }),
    }),
    ...(ON_POSTGRES
      ? {}
      : {
          "trpc:encryption.rotateKey": fixture({
            // The embedded installation's default start: no ENCRYPTION_KEYS, the ring in the data folder.
            run: (h) =>
              inEmbeddedKeyMode(async () => {
                const rotated = await h.api.encryption.rotateKey();
                const [last] = await h.db
                  .select()
                  .from(auditEvents)
                  .where(eq(auditEvents.action, "encryption.key_rotated"))
                  .orderBy(desc(auditEvents.id))
                  .limit(1);
                expect(last?.details).toEqual({ keyId: rotated.keyId, previousKeyId: rotated.previousKeyId });
              }),
          }),
        }),
    "trpc:transfer.export": fixture({
      setup: (h) => h.connection(),
      run: async (h) => {
        const { counts } = await h.api.transfer.export({ projectId: h.projectId, passphrase: h.secret("passphrase-") });
        expect(counts.connections).toBeGreaterThan(0);
      },
    }),
    "trpc:transfer.import": fixture({
      setup: async (h) => {
        await h.connection();
        const passphrase = h.secret("passphrase-");
        const { file } = await h.api.transfer.export({ projectId: h.projectId, passphrase });
        const into = await h.api.project.create({ name: uniq("Imported") });
        return { file, passphrase, projectId: into.id };
      },
      run: async (h, s) => {
        const summary = await h.api.transfer.import({ projectId: s.projectId, file: s.file, passphrase: s.passphrase });
        expect(summary.connections).toBeGreaterThan(0);
      },
    }),
    "trpc:connection.create": fixture({
      run: (h) =>
        h.api.connection.create({
          projectId: h.projectId,
          pieceName: "openai",
          type: "SECRET_TEXT",
          displayName: uniq("Created"),
          credentials: { secret_text: h.secret() },
        }),
    }),
    "trpc:connection.update": fixture({
      setup: (h) => h.connection(),
      run: (h, c) => h.api.connection.update({ projectId: h.projectId, connectionId: c.id, displayName: uniq("Renamed") }),
    }),
    "trpc:connection.reconnect": fixture({
      setup: (h) => h.connection(),
      run: (h, c) => h.api.connection.reconnect({ projectId: h.projectId, connectionId: c.id, credentials: { secret_text: h.secret() } }),
    }),
    "trpc:health.recheck": fixture({
      setup: (h) => h.connection(),
      run: (h, c) => h.api.health.recheck({ projectId: h.projectId, connectionId: c.id }),
    }),
    "trpc:apiKey.create": fixture({
      run: async (h) => {
        const created = await h.api.apiKey.create({ projectId: h.projectId, name: uniq("Key"), scopes: ["connections:read"] });
        h.secrets.push(created.token);
      },
    }),
    "trpc:apiKey.revoke": fixture({
      setup: async (h) => {
        const created = await h.api.apiKey.create({ projectId: h.projectId, name: uniq("Key"), scopes: ["connections:read"] });
        h.secrets.push(created.token);
        return created.key.id;
      },
      run: (h, id) => h.api.apiKey.revoke({ projectId: h.projectId, keyId: id }),
    }),
    "trpc:notifications.update": fixture({
      run: async (h) => {
        const saved = await h.api.notifications.update({
          projectId: h.projectId,
          webhookUrl: `https://hooks.example.test/in/${h.secret("tok")}`,
          emailAdmins: true,
        });
        if (saved.newSecret) h.secrets.push(saved.newSecret);
      },
    }),
    "trpc:notifications.rotateSecret": fixture({
      run: async (h) => h.secrets.push((await h.api.notifications.rotateSecret({ projectId: h.projectId })).newSecret),
    }),
    "trpc:oauth.start": fixture({
      run: (h) => h.api.oauth.start({ projectId: h.projectId, pieceName: TEST_PIECE, displayName: uniq("OAuth") }),
    }),
    "trpc:oauth.complete": fixture({
      setup: async (h) => (await authorizeUntilCallback(h.oauth, h.ctx, { displayName: uniq("OAuth relayed") })).callback.search,
      run: async (h, query) => {
        const outcome = (await h.api.oauth.complete({ projectId: h.projectId, query })) as { ok: boolean };
        expect(outcome.ok).toBe(true);
      },
    }),
    "trpc:oauthApp.set": fixture({
      run: (h) => h.api.oauthApp.set({ pieceName: "gmail", clientId: "coverage-client", clientSecret: h.secret("cs-") }),
    }),
    "trpc:oauthApp.remove": fixture({
      setup: (h) =>
        setOAuthApp({
          ctx: { db: h.db, actor: { type: "USER", id: h.admin.id, label: h.admin.email } },
          input: { pieceName: "slack", clientId: "c", clientSecret: h.secret("cs-") },
        }),
      run: (h) => h.api.oauthApp.remove({ pieceName: "slack" }),
    }),

    "action:completeSetupAction": fixture({
      run: async (h) => {
        const form = new FormData();
        Object.entries({ name: "Owner", email: `${uniq("owner")}@example.test`, password: h.secret("Owner-pw-"), projectName: "First" }).forEach(([k, v]) =>
          form.set(k, v),
        );
        const state = (await action("completeSetupAction")({ ok: false }, form)) as { ok: boolean; message?: string };
        expect(state.ok, state.message).toBe(true);
      },
    }),
    "action:changePasswordAction": fixture({
      // Another account than the harness's admin, signed in for this call only (its sessions end).
      setup: async (h) => {
        const current = h.secret("Current-pw-");
        return { user: await userWithPassword(h.db, current), current };
      },
      run: async (h, { user, current }) => {
        const next = h.secret("New-pw-");
        const form = new FormData();
        Object.entries({ currentPassword: current, newPassword: next, confirmPassword: next }).forEach(([k, v]) => form.set(k, v));
        const admin = signedIn.userId;
        signedIn.userId = user.id;
        signedIn.signIns.length = 0;
        try {
          const state = (await action("changePasswordAction")({}, form)) as { ok?: boolean; message?: string };
          expect(state).toEqual({ ok: true });
        } finally {
          signedIn.userId = admin;
        }
        // This browser signs in again with the new password, which is now the one that works.
        expect(signedIn.signIns).toEqual([{ provider: "credentials", options: { email: user.email, password: next, redirect: false } }]);
        expect(await authenticateWithPassword(h.db, { email: user.email, password: next })).toMatchObject({ id: user.id });
      },
    }),
    "action:deleteConnectionsAction": fixture({
      setup: (h) => h.connection(),
      run: (h, c) => ok(action("deleteConnectionsAction")(h.projectId, [c.id])),
    }),
    "action:replaceConnectionAction": fixture({
      setup: async (h) => {
        const [from, to] = [await h.connection(), await h.connection()];
        const preview = await previewReplace({ ctx: h.ctx, input: { fromConnectionId: from.id, toConnectionId: to.id } });
        return { from: from.id, to: to.id, fingerprint: preview.fingerprint };
      },
      run: (h, s) => ok(action("replaceConnectionAction")(h.projectId, { fromConnectionId: s.from, toConnectionId: s.to, expectedFingerprint: s.fingerprint })),
    }),

    "http:PUT /api/v1/flows/:id": fixture({
      setup: (h) => h.connection(),
      run: async (h, c) => expect((await h.http("PUT", `/flows/${uniq("flow")}`, { name: "Saved", draft: [step("s1", c.externalId)] })).status).toBe(201),
    }),
    "http:DELETE /api/v1/flows/:id": fixture({
      setup: async (h) => {
        const id = uniq("flow");
        expect((await h.http("PUT", `/flows/${id}`, { name: "To delete", draft: [] })).status).toBe(201);
        return id;
      },
      run: async (h, id) => expect((await h.http("DELETE", `/flows/${id}`)).status).toBe(204),
    }),
    "http:POST /api/v1/worker/resolve": fixture({
      setup: (h) => h.connection(),
      run: async (h, c) => {
        const res = await h.http("POST", "/worker/resolve", { input: { auth: `{{connections['${c.externalId}']}}` } }, { "x-flow-id": uniq("flow") });
        expect(res.status).toBe(200);
        await h.engine.usage.idle();
      },
    }),
  };
}

/** Mutations that write no audit event, each with the reason it needs none. Keep this list short. */
export const EXEMPT: Record<string, string> = {
  ...(ON_POSTGRES ? { "trpc:encryption.rotateKey": ROTATE_KEY_ON_POSTGRES } : {}),
  "trpc:notifications.sendTest": "sends a signed test event to the saved webhook; stores nothing and changes no setting",
  "action:previewReplaceAction": "read-only: lists the flows a Replace would change and their fingerprint",
  "action:signInAction": "starts the caller's own session (a signed cookie); stores nothing",
  "action:signInWithOidcAction": "redirects to the identity provider; the account it may create on return is not a mutation of this door",
  "action:signOutAction": "ends the caller's own session; stores nothing",
  "http:POST /api/v1/embed/sessions":
    "issues a one-time picker token for an existing member (a sign-in for the iframe); what is done with it is audited under that member",
};
