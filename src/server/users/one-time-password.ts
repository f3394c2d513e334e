import { randomInt } from "node:crypto";

// No 0/O, 1/l/I: it is read off a screen and typed once.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A 20-character password in four groups (about 98 bits), shown once and changed at next sign-in. */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 5; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}
