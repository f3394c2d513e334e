import type { ConnectionValue } from "@/pieces/value-schema";
import { decryptJson } from "@/server/crypto/envelope";
import { openSealed } from "@/server/encryption/undecryptable";
import { getKeyRing } from "@/server/secrets/key-ring";
import type { ConnectionRow } from "./dto";

/**
 * Decrypts a row's credentials (its id is the additional data); null while it has none. A value
 * this server cannot open throws UndecryptableError naming the key id it needs.
 */
export function openConnectionValue(row: Pick<ConnectionRow, "id" | "value" | "keyId">): ConnectionValue | null {
  if (!row.value || !row.keyId) return null;
  const sealed = { ciphertext: row.value, keyId: row.keyId };
  return openSealed("The connection's credentials", row.keyId, () => decryptJson<ConnectionValue>(getKeyRing(), sealed, row.id));
}
