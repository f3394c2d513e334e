import { eq } from "drizzle-orm";
import { getEnv } from "@/env";
import { decryptJson, encryptJson } from "@/server/crypto/envelope";
import { oauthApps } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { openSealed } from "@/server/encryption/undecryptable";
import { getKeyRing } from "@/server/secrets/key-ring";

export interface ConfiguredClient {
  clientId: string;
  clientSecret: string;
  source: "admin" | "default";
}

// The piece name is bound in, so a sealed secret copied to another app's row will not open.
export const clientSecretAad = (pieceName: string) => `oauth-app:${pieceName}`;

export function sealClientSecret(pieceName: string, secret: string) {
  return encryptJson(getKeyRing(), secret, clientSecretAad(pieceName));
}

export function openClientSecret(pieceName: string, row: { clientSecret: string; keyId: string }): string {
  const sealed = { ciphertext: row.clientSecret, keyId: row.keyId };
  return openSealed("This app's OAuth client secret", row.keyId, () => decryptJson<string>(getKeyRing(), sealed, clientSecretAad(pieceName)));
}

export function defaultClient(pieceName: string): ConfiguredClient | undefined {
  const app = getEnv().OAUTH_DEFAULT_APPS[pieceName];
  return app ? { clientId: app.clientId, clientSecret: app.clientSecret, source: "default" } : undefined;
}

/** The clients usable for an app, preferred first: the admin's OAuth app, then the server's default. */
export async function configuredClients(db: Db, pieceName: string): Promise<ConfiguredClient[]> {
  const [row] = await db.select().from(oauthApps).where(eq(oauthApps.pieceName, pieceName)).limit(1);
  const list: ConfiguredClient[] = [];
  if (row) list.push({ clientId: row.clientId, clientSecret: openClientSecret(pieceName, row), source: "admin" });
  const fallback = defaultClient(pieceName);
  if (fallback) list.push(fallback);
  return list;
}
