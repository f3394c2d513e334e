import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-connections-signature";

/** "sha256=<hex>" of HMAC-SHA256 over the exact body bytes, with the project's webhook secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** For receivers (and our tests): constant-time check of a signature header. */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
