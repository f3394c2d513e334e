import type { ConnectionValue } from "@/pieces/value-schema";
import { decryptJson } from "@/server/crypto/envelope";
import { getKeyRing } from "@/server/secrets/key-ring";
import type { ConnectionRow } from "./dto";

export const UNDECRYPTABLE_REASON = "The stored credentials can no longer be decrypted (unknown encryption key) — Reconnect";

/** Decrypts a row's credentials (its id is the additional data); null while it has none. */
export function openConnectionValue(row: Pick<ConnectionRow, "id" | "value" | "keyId">): ConnectionValue | null {
  if (!row.value || !row.keyId) return null;
  return decryptJson<ConnectionValue>(getKeyRing(), { ciphertext: row.value, keyId: row.keyId }, row.id);
}
