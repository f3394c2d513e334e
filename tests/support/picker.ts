import { createCaller } from "@/server/api/root";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { pickerPrincipal } from "@/server/authz/picker-session";
import { SYSTEM_ACTOR } from "@/server/context";
import type { Db } from "@/server/db/types";
import { createEmbedSession, exchangeEmbedToken } from "@/server/embed/sessions";

/** An embed:sessions key of the project, as its admin would create it in Settings → API keys. */
export async function embedKey(db: Db, projectId: string, name = "Editor host") {
  const { key } = await createApiKey({ ctx: { db, actor: SYSTEM_ACTOR, projectId, role: "ADMIN" }, input: { name, scopes: ["embed:sessions"] } });
  return key;
}

/**
 * The picker as the iframe gets it: a session issued with the key for `userEmail`, exchanged for
 * the access token, and the principal that token resolves to, behind a tRPC caller.
 */
export async function openPicker(db: Db, projectId: string, userEmail: string, key?: { id: string; name: string }) {
  const k = key ?? (await embedKey(db, projectId));
  const session = await createEmbedSession(db, { projectId, apiTokenId: k.id }, { userEmail });
  const { accessToken } = await exchangeEmbedToken(db, session.token);
  const principal = await pickerPrincipal(db, accessToken);
  return { key: k, accessToken, principal, api: createCaller({ db, principal }) };
}
