import { randomBytes } from "node:crypto";
import { decryptJson, encryptJson } from "@/server/crypto/envelope";
import { openSealed } from "@/server/encryption/undecryptable";
import { getKeyRing } from "@/server/secrets/key-ring";

export const webhookSecretAad = (projectId: string) => `project-webhook:${projectId}`;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function sealWebhookSecret(projectId: string, secret: string) {
  const sealed = encryptJson(getKeyRing(), secret, webhookSecretAad(projectId));
  return { webhookSecret: sealed.ciphertext, webhookKeyId: sealed.keyId };
}

export function openWebhookSecret(projectId: string, sealed: { webhookSecret: string; webhookKeyId: string }): string {
  const { webhookSecret: ciphertext, webhookKeyId: keyId } = sealed;
  return openSealed("The webhook signing secret", keyId, () => decryptJson<string>(getKeyRing(), { ciphertext, keyId }, webhookSecretAad(projectId)));
}
