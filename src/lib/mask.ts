const HIDDEN = "••••";
const MAX_REVEALED = 8;

/**
 * Display hint for a secret: enough to recognise which key it is, never enough
 * to use it. Reveals at most 8 characters and at most a third of the secret.
 */
export function maskSecret(secret: string): string {
  const length = secret.length;
  if (length >= 12) {
    const budget = Math.min(MAX_REVEALED, Math.floor(length / 3));
    const tail = Math.ceil(budget / 2);
    const head = budget - tail;
    return `${secret.slice(0, head)}…${secret.slice(length - tail)}`;
  }
  if (length >= 6) return `${HIDDEN}${secret.slice(length - 2)}`;
  return HIDDEN;
}
