import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { resetEnvCache } from "@/env";
import type { ProjectCtx } from "@/server/context";
import { encryptJson } from "@/server/crypto/envelope";
import { connections, oauthApps, oauthStates, projectSettings } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { sealWebhookSecret } from "@/server/notifications/webhook-secret";
import { sealClientSecret } from "@/server/oauth/apps/configured-clients";
import { hashState, sealStatePayload, type StatePayload } from "@/server/oauth/authorize/state";
import { getKeyRing, resetKeyRingCache } from "@/server/secrets/key-ring";

export const newKey = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

/** Switches this process to another key ring (tests only), e.g. "k2:…,k1:…". */
export function useKeyRing(spec: string, extra: Record<string, string | undefined> = {}) {
  process.env.ENCRYPTION_KEYS = spec;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetKeyRingCache();
  return getKeyRing();
}

/** An OAuth2 connection with a token sealed with the current key. */
export async function insertOAuthConnection(db: Db, ctx: ProjectCtx, accessToken: string) {
  const id = randomUUID();
  const value = {
    type: "OAUTH2",
    access_token: accessToken,
    refresh_token: "rt",
    token_type: "Bearer",
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const sealed = encryptJson(getKeyRing(), value, id);
  await db.insert(connections).values({
    id,
    projectId: ctx.projectId,
    externalId: `oauth-${id.slice(0, 8)}`,
    displayName: `OAuth ${id.slice(0, 8)}`,
    pieceName: "gmail",
    type: "OAUTH2",
    status: "ACTIVE",
    value: sealed.ciphertext,
    keyId: sealed.keyId,
    tokenExpiresAt: new Date(Date.now() + 3_600_000),
  });
  return id;
}

/** One value of every other sealed kind: an OAuth app secret, a webhook secret, a pending OAuth state. */
export async function insertOtherSealedKinds(db: Db, ctx: ProjectCtx, connectionId: string, userId: string) {
  const clientSecret = `cs-${randomBytes(8).toString("hex")}`;
  const app = sealClientSecret("gmail", clientSecret);
  await db.insert(oauthApps).values({ pieceName: "gmail", clientId: "client-1", clientSecret: app.ciphertext, keyId: app.keyId, secretHint: "…" });
  const webhookSecret = `whsec_${randomBytes(8).toString("hex")}`;
  await db
    .insert(projectSettings)
    .values({ projectId: ctx.projectId, webhookUrl: "http://127.0.0.1:1/hook", ...sealWebhookSecret(ctx.projectId, webhookSecret) });
  const stateHash = hashState(randomBytes(16).toString("hex"));
  const payload = { v: 1, intent: "create", codeVerifier: "verifier-1", settings: {}, props: {} } as unknown as StatePayload;
  const sealedState = sealStatePayload(stateHash, payload);
  await db.insert(oauthStates).values({
    stateHash,
    userId,
    projectId: ctx.projectId,
    connectionId,
    payload: sealedState.ciphertext,
    keyId: sealedState.keyId,
    redirectUri: "http://localhost/api/oauth/callback",
    mode: "popup",
    expiresAt: new Date(Date.now() + 600_000),
  });
  return { clientSecret, webhookSecret, stateHash, codeVerifier: "verifier-1" };
}

export async function keyIdOf(db: Db, connectionId: string) {
  const [row] = await db.select({ keyId: connections.keyId }).from(connections).where(eq(connections.id, connectionId));
  return row?.keyId;
}
