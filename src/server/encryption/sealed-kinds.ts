import { sql, type SQL } from "drizzle-orm";
import { webhookSecretAad } from "@/server/notifications/webhook-secret";
import { clientSecretAad } from "@/server/oauth/apps/configured-clients";
import { statePayloadAad } from "@/server/oauth/authorize/state";

export const SEALED_KIND_NAMES = ["connection", "oauth_app_secret", "webhook_secret", "oauth_state"] as const;
export type SealedKindName = (typeof SEALED_KIND_NAMES)[number];

/**
 * Where one kind of sealed value lives: its table, primary key, ciphertext and key id columns,
 * and the additional data bound into each ciphertext. Everything that counts, checks or
 * re-seals values walks this list, so a new sealed column is added here or it is never rotated.
 */
export interface SealedKind {
  name: SealedKindName;
  /** Plural, for people: "connections". */
  label: string;
  table: string;
  pk: string;
  ciphertext: string;
  keyId: string;
  /** Rows that still matter (a finished or expired OAuth state is garbage, whatever its key). */
  live?: SQL;
  aad: (pk: string) => string;
}

export const SEALED_KINDS: readonly SealedKind[] = [
  { name: "connection", label: "connections", table: "connections", pk: "id", ciphertext: "value", keyId: "key_id", aad: (id) => id },
  {
    name: "oauth_app_secret",
    label: "OAuth app client secrets",
    table: "oauth_apps",
    pk: "piece_name",
    ciphertext: "client_secret",
    keyId: "key_id",
    aad: clientSecretAad,
  },
  {
    name: "webhook_secret",
    label: "webhook signing secrets",
    table: "project_settings",
    pk: "project_id",
    ciphertext: "webhook_secret",
    keyId: "webhook_key_id",
    aad: webhookSecretAad,
  },
  {
    name: "oauth_state",
    label: "pending OAuth authorizations",
    table: "oauth_states",
    pk: "state_hash",
    ciphertext: "payload",
    keyId: "key_id",
    live: sql`used_at is null and expires_at > now()`,
    aad: statePayloadAad,
  },
];

export function sealedKind(name: SealedKindName): SealedKind {
  return SEALED_KINDS.find((k) => k.name === name)!;
}

/** `table`, `pk`, … as SQL identifiers, and the condition every query on the kind starts from. */
export function kindSql(kind: SealedKind) {
  const id = (name: string) => sql.identifier(name);
  const sealed = sql`${id(kind.ciphertext)} is not null and ${id(kind.keyId)} is not null`;
  return {
    table: id(kind.table),
    pk: id(kind.pk),
    ciphertext: id(kind.ciphertext),
    keyId: id(kind.keyId),
    lease: id("reseal_lease_until"),
    sealed: kind.live ? sql`${sealed} and ${kind.live}` : sealed,
  };
}
