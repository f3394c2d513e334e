import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { getPiece } from "@/pieces";
import { findConnectionOrThrow } from "@/server/connections/find";
import { connections, oauthStates } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { authorizeProject } from "@/server/authz/project-access";
import { personOf, type Principal } from "@/server/authz/principal";
import type { ProjectCtx } from "@/server/context";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { exchangeAuthorizationCode } from "../provider/endpoints";
import { classifyProviderError } from "../provider/errors";
import { resolveOAuthPiece } from "../provider/settings";
import { UndecryptableError } from "@/server/encryption/undecryptable";
import { hashState, openStatePayload, type StatePayload } from "./state";
import { storeAuthorizedTokens } from "./store-tokens";
import { toOAuth2Value } from "../refresh/token-value";

type StateRow = typeof oauthStates.$inferSelect;

export interface CallbackOutcome {
  ok: boolean;
  /** Shown in the popup (or after the redirect) and kept as the reason of a Missing connection. */
  error?: string;
  connectionId: string | null;
  projectId: string | null;
  mode: StateRow["mode"];
  returnTo: string | null;
}

function outcome(row: StateRow | null, error?: string): CallbackOutcome {
  return {
    ok: !error,
    ...(error ? { error } : {}),
    connectionId: row?.connectionId ?? null,
    projectId: row?.projectId ?? null,
    mode: row?.mode ?? "popup",
    returnTo: row?.returnTo ?? null,
  };
}

/**
 * Marks the state used, once. Unknown, used and someone else's states are refused untouched; an
 * expired one is used up and refused.
 */
async function consumeState(db: Db, stateHash: string, userId: string, projectId?: string): Promise<{ row: StateRow | null; refusal?: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash)).limit(1).for("update");
    if (!row || (projectId && row.projectId !== projectId))
      return {
        row: null,
        refusal: "This authorization is not recognised (its link was altered, or it was started elsewhere). Start again from the Connections page.",
      };
    if (row.usedAt) return { row, refusal: "This authorization was already used. Start again from the Connections page." };
    if (row.userId !== userId) return { row: null, refusal: "This authorization was started by another account. Sign in as that account, or start again." };
    await tx.update(oauthStates).set({ usedAt: new Date() }).where(eq(oauthStates.stateHash, stateHash));
    if (row.expiresAt.getTime() <= Date.now()) return { row, refusal: "This authorization expired (they last 10 minutes). Start again." };
    return { row };
  });
}

function providerErrorMessage(app: string, params: URLSearchParams): string {
  const error = params.get("error")!;
  if (error === "access_denied") return `Access was denied at ${app}: nothing was authorized.`;
  const description = params.get("error_description");
  return `${app} refused the authorization (${error}${description ? `: ${description.slice(0, 200)}` : ""}).`;
}

function exchangeErrorMessage(app: string, err: unknown): string {
  if (err instanceof oauth.OperationProcessingError && !(err.cause instanceof Response)) {
    return `The answer did not come from ${app}'s authorization server as expected (${err.message}). Start again.`;
  }
  const { kind, detail } = classifyProviderError(err);
  if (kind === "transient") return `${app} could not be reached to finish the authorization (${detail}). Try again.`;
  if (kind === "client") return `${app} refused this server's OAuth client (${detail}): a platform admin must check the OAuth app.`;
  return `${app} refused the authorization code (${detail}). Start again.`;
}

/** Nothing is stored on failure; a connection never authorized keeps Missing with the reason. */
async function recordFailure(db: Db, row: StateRow, message: string) {
  await db
    .update(connections)
    .set({ statusReason: `${message} Reconnect to finish it.`.slice(0, 500), updatedAt: new Date() })
    .where(and(eq(connections.id, row.connectionId), eq(connections.status, "MISSING")));
}

/**
 * The provider's redirect back: checks the state (known, unused, unexpired, same signed-in user),
 * marks it used, and exchanges the code server-side with the PKCE verifier and the client secret.
 */
export async function completeAuthorization({
  ctx,
  input,
}: {
  /** Who is asking: the project is known only once the state is read, so authz is asked here. */
  ctx: { db: Db; principal: Principal };
  /** projectId: only complete an authorization of this project (callers limited to one, like the embedded picker). */
  input: { params: URLSearchParams; projectId?: string };
}): Promise<CallbackOutcome> {
  const { db } = ctx;
  const { params } = input;
  const state = params.get("state");
  if (!state) return outcome(null, "The app's answer has no state. Start again from the Connections page.");
  const user = personOf(ctx.principal);
  if (!user) return outcome(null, "Sign in to this app, then start the authorization again.");

  const consumed = await consumeState(db, hashState(state), user.id, input.projectId);
  if (consumed.refusal) {
    // A replay must not touch the connection: the first use may have authorized it already.
    if (consumed.row && !consumed.row.usedAt) await recordFailure(db, consumed.row, consumed.refusal);
    return outcome(consumed.row, consumed.refusal);
  }
  const row = consumed.row!;

  let payload: StatePayload;
  let actor: ProjectCtx["actor"];
  try {
    actor = (await authorizeProject(db, ctx.principal, row.projectId, "EDITOR")).actor;
    payload = openStatePayload(row.stateHash, row);
  } catch (err) {
    if (err instanceof UndecryptableError) return outcome(row, err.message);
    if (err instanceof AppError) return outcome(row, "You can no longer change connections in this project.");
    throw err;
  }
  const app = getPiece(payload.settings.pieceName)?.displayName ?? payload.settings.pieceName;

  if (params.get("error")) {
    const message = providerErrorMessage(app, params);
    await recordFailure(db, row, message);
    return outcome(row, message);
  }

  let tokens;
  try {
    tokens = await exchangeAuthorizationCode(payload.settings, {
      callback: params,
      expectedState: state,
      redirectUri: row.redirectUri,
      codeVerifier: payload.codeVerifier,
    });
  } catch (err) {
    const message = exchangeErrorMessage(app, err);
    log.warn("oauth: code exchange failed", { connectionId: row.connectionId, reason: message });
    await recordFailure(db, row, message);
    return outcome(row, message);
  }

  const { auth } = resolveOAuthPiece(payload.settings.pieceName);
  const now = new Date();
  const value = toOAuth2Value(tokens, { now, clientId: payload.settings.client.clientId, props: payload.props });
  try {
    await db.transaction(async (tx) => {
      const connection = await findConnectionOrThrow(tx, row.projectId, row.connectionId, { forUpdate: true });
      await storeAuthorizedTokens(tx, { connection, auth, value, grantType: payload.settings.grantType, intent: payload.intent, actor, now });
    });
  } catch (err) {
    if (err instanceof AppError) return outcome(row, "The connection was deleted while it was being authorized.");
    throw err;
  }
  return outcome(row);
}
