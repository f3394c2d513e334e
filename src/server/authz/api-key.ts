import type { ActiveToken } from "@/server/api-tokens/find-active-token";
import type { ProjectCtx } from "@/server/context";
import type { Db } from "@/server/db/types";
import type { ApiKeyScope } from "@/schemas/api-keys";
import type { Principal } from "./principal";
import { actorOf } from "./principal";

export type ApiKeyPrincipal = Extract<Principal, { kind: "apiKey" }>;

export function apiKeyPrincipal(key: ActiveToken): ApiKeyPrincipal {
  return { kind: "apiKey", key };
}

/** What an API key may do is exactly its scopes, on its own project. */
export function keyHasScope(principal: ApiKeyPrincipal, scope: ApiKeyScope): boolean {
  return principal.key.scopes.includes(scope);
}

/** The key's own project, with editor rights: scopes, not roles, decide what a key may call. */
export function apiKeyProjectCtx(db: Db, principal: ApiKeyPrincipal): ProjectCtx {
  return { db, actor: actorOf(principal), projectId: principal.key.projectId, role: "EDITOR" };
}
