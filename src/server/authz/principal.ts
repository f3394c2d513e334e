import type { Actor } from "@/server/context";
import type { SessionUser } from "@/server/users/authenticate";

/** The API key whose embed session opened a picker: named in every audit row the picker writes. */
export interface PickerKey {
  id: string;
  name: string;
}

/**
 * Who is asking. A person signed in to this app; the connection picker acting for one member of
 * one project (an embed session opened by an API key); or an API key of one project (/api/v1).
 */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; user: SessionUser }
  | { kind: "picker"; user: SessionUser; projectId: string; key: PickerKey }
  | { kind: "apiKey"; key: { id: string; projectId: string; name: string; scopes: string[] } };

export const ANONYMOUS: Principal = { kind: "anonymous" };

export function userPrincipal(user: SessionUser | null | undefined): Principal {
  return user ? { kind: "user", user } : ANONYMOUS;
}

/** The person behind a request, whether signed in here or through the picker. */
export function personOf(principal: Principal): SessionUser | null {
  return principal.kind === "user" || principal.kind === "picker" ? principal.user : null;
}

/** How the audit trail names the principal; a picker names both the user and the API key. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case "user":
      return { type: "USER", id: principal.user.id, label: principal.user.email };
    case "picker":
      return {
        type: "USER",
        id: principal.user.id,
        label: `${principal.user.email} (via picker session of key "${principal.key.name}")`,
        via: { kind: "picker_session", apiKeyId: principal.key.id, apiKeyName: principal.key.name },
      };
    case "apiKey":
      return { type: "API_TOKEN", id: principal.key.id, label: principal.key.name };
    case "anonymous":
      return { type: "SYSTEM", id: null, label: "anonymous" };
  }
}
