import type { PropValue } from "@/pieces/value-schema";
import { decryptJson, encryptJson } from "@/server/crypto/envelope";
import { hashToken } from "@/server/crypto/hash";
import { openSealed } from "@/server/encryption/undecryptable";
import { getKeyRing } from "@/server/secrets/key-ring";
import type { OAuthSettings } from "../provider/settings";

export const STATE_TTL_MS = 10 * 60_000;

/** What the callback needs to finish an authorization; sealed in the oauth_states row. */
export interface StatePayload {
  v: 1;
  intent: "create" | "reconnect";
  codeVerifier: string | null;
  settings: OAuthSettings;
  /** The fields entered before authorizing (a custom app's endpoints and client), kept with the tokens. */
  props: Record<string, PropValue>;
}

/** Only the hash is stored: a leaked table cannot be used to complete someone's authorization. */
export function hashState(state: string): string {
  return hashToken(`oauth-state:${state}`);
}

// The state hash is bound in, so a payload copied to another row will not open.
export const statePayloadAad = (stateHash: string) => `oauth-state:${stateHash}`;

export function sealStatePayload(stateHash: string, payload: StatePayload) {
  return encryptJson(getKeyRing(), payload, statePayloadAad(stateHash));
}

export function openStatePayload(stateHash: string, row: { payload: string; keyId: string }): StatePayload {
  const sealed = { ciphertext: row.payload, keyId: row.keyId };
  return openSealed("This authorization", row.keyId, () => decryptJson<StatePayload>(getKeyRing(), sealed, statePayloadAad(stateHash)));
}
