import { randomBytes } from "node:crypto";
import { decryptJson, encryptJson } from "@/server/crypto/envelope";
import { getKeyRing } from "@/server/secrets/key-ring";

const aad = (projectId: string) => `project-webhook:${projectId}`;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function sealWebhookSecret(projectId: string, secret: string) {
  const sealed = encryptJson(getKeyRing(), secret, aad(projectId));
  return { webhookSecret: sealed.ciphertext, webhookKeyId: sealed.keyId };
}

export function openWebhookSecret(projectId: string, sealed: { webhookSecret: string; webhookKeyId: string }): string {
  return decryptJson<string>(getKeyRing(), { ciphertext: sealed.webhookSecret, keyId: sealed.webhookKeyId }, aad(projectId));
}
