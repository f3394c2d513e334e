import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { hashToken, randomToken } from "@/server/crypto/hash";
import { embedSessions, memberships, users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/server/errors";
import { PICKER_MIN_MEMBER_ROLE } from "@/server/authz/picker";
import { roleAtLeast } from "@/server/authz/roles";
import { parseOrThrow } from "@/server/validation";
import { ZCreateEmbedSessionBody } from "@/schemas/engine-api";
import { signEmbedAccessToken, type EmbedClaims } from "./access-token";

export const EMBED_SESSION_TTL_SECONDS = 5 * 60;
export const EMBED_ACCESS_TTL_SECONDS = 60 * 60;

const ZCreateEmbedSession = ZCreateEmbedSessionBody;

/**
 * Called by the workflow editor's back end with a project API key: a one-time token, valid for a
 * few minutes, that lets one member of that project open the picker in an iframe.
 */
export async function createEmbedSession(db: Db, auth: { projectId: string; apiTokenId: string }, input: unknown) {
  const data = parseOrThrow(ZCreateEmbedSession, input);
  const [member] = await db
    .select({ userId: users.id, role: memberships.role })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.projectId, auth.projectId)))
    .where(eq(sql`lower(${users.email})`, data.userEmail))
    .limit(1);
  if (!member) throw new NotFoundError("User", `No member of this project uses ${data.userEmail}`);
  if (!roleAtLeast(member.role, PICKER_MIN_MEMBER_ROLE)) throw new PickerRoleError(data.userEmail);
  const token = randomToken("embt_");
  const expiresAt = new Date(Date.now() + data.ttlSeconds * 1000);
  await db.insert(embedSessions).values({
    tokenHash: hashToken(token),
    projectId: auth.projectId,
    userId: member.userId,
    createdByToken: auth.apiTokenId,
    expiresAt,
  });
  return { token, expiresAt, projectId: auth.projectId };
}

export class EmbedTokenError extends UnauthorizedError {}

/** The picker creates connections: a viewer would get a picker that can do nothing but fail. */
export class PickerRoleError extends ForbiddenError {
  constructor(email: string) {
    super(`${email} is a viewer of this project: the picker needs a member who can create connections (editor or admin)`);
  }
}

/** Spends a one-time token (atomically: a second use finds it spent) for an access token. */
export async function exchangeEmbedToken(db: Db, token: unknown) {
  if (typeof token !== "string" || !token.startsWith("embt_") || token.length > 200) {
    throw new EmbedTokenError("This embed link is not valid.");
  }
  const now = new Date();
  const [spent] = await db
    .update(embedSessions)
    .set({ usedAt: now })
    .where(and(eq(embedSessions.tokenHash, hashToken(token)), isNull(embedSessions.usedAt), gt(embedSessions.expiresAt, now)))
    .returning({ userId: embedSessions.userId, projectId: embedSessions.projectId, keyId: embedSessions.createdByToken });
  if (!spent?.keyId) {
    const [known] = await db
      .select({ usedAt: embedSessions.usedAt, expiresAt: embedSessions.expiresAt })
      .from(embedSessions)
      .where(eq(embedSessions.tokenHash, hashToken(token)))
      .limit(1);
    if (!known) throw new EmbedTokenError("This embed link is not valid.");
    if (known.usedAt) throw new EmbedTokenError("This embed link was already used. Reopen the picker from the editor.");
    throw new EmbedTokenError("This embed link has expired. Reopen the picker from the editor.");
  }
  const claims: EmbedClaims = { uid: spent.userId, pid: spent.projectId, kid: spent.keyId, exp: Math.floor(now.getTime() / 1000) + EMBED_ACCESS_TTL_SECONDS };
  return { accessToken: signEmbedAccessToken(claims), expiresAt: new Date(claims.exp * 1000), projectId: spent.projectId };
}
