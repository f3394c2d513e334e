/**
 * The operator's key commands (docs: README → Rotating the encryption key).
 *
 *   npm run keys -- status      key ids, values each seals per kind, the re-encryption job
 *   npm run keys -- rotate      embedded: a new current key in the data folder (old ones kept);
 *                               with ENCRYPTION_KEYS: prints the new entry to put first there
 *   npm run keys -- reencrypt   runs re-encryption to completion with a progress bar; exits 1 on failures
 *
 * With the embedded database, stop the app before status and reencrypt: one process at a time may
 * open it (Admin → Encryption shows the same while it runs).
 */
import { getEnv } from "../src/env";
import { SYSTEM_ACTOR } from "../src/server/context";
import { generateKeySpec } from "../src/server/crypto/keyring";
import { closeDatabase, getDatabase } from "../src/server/db/client";
import { getEncryptionStatus, type EncryptionStatus } from "../src/server/encryption/encryption-status";
import { describeMissingKeys } from "../src/server/encryption/missing-keys";
import { countSealedByKey, missingKeys } from "../src/server/encryption/count-sealed";
import { nextKeyId, rotateKeyFile } from "../src/server/encryption/rotate-key";
import { runReencryption } from "../src/server/encryption/run-reencryption";
import { startReencryption } from "../src/server/encryption/start-reencryption";
import { syncCurrentKey } from "../src/server/encryption/sync-current-key";
import { getKeyRing } from "../src/server/secrets/key-ring";

const COMMANDS = ["status", "rotate", "reencrypt"] as const;

function printStatus(s: EncryptionStatus) {
  const headers = ["key id", ...s.kinds.map((k) => k.label), "total"];
  const rows = s.keys.map((k) => [
    `${k.keyId}${k.current ? " (current)" : ""}${k.inRing ? "" : " (MISSING)"}`,
    ...s.kinds.map((kind) => String(k.counts[kind.name])),
    String(k.total),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(headers));
  for (const r of rows) console.log(line(r));
  const j = s.job;
  if (j.status === "idle") console.log("\nRe-encryption: never run");
  else if (j.status === "running")
    console.log(`\nRe-encryption with ${j.keyId}: running, ${j.total - j.remaining} of ${j.total} (${Math.floor(j.progress * 100)}%), ${j.failed} failed`);
  else console.log(`\nRe-encryption with ${j.keyId}: finished, ${j.resealed} re-sealed, ${j.failed} failed`);
  for (const k of s.keys.filter((k) => k.removable)) console.log(`${k.keyId} can be removed: it seals nothing any more.`);
  if (s.missingKeyIds.length) console.log(`Missing from the key ring: ${s.missingKeyIds.join(", ")}`);
}

function bar(done: number, total: number): string {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(share * width);
  return `[${"#".repeat(full)}${".".repeat(width - full)}] ${done}/${total} (${Math.floor(share * 100)}%)`;
}

async function reencrypt(): Promise<number> {
  const ring = getKeyRing();
  const { db } = await getDatabase();
  const missing = missingKeys(await countSealedByKey(db), ring);
  if (missing.size) console.error(`Skipping values sealed with keys missing from the ring: ${describeMissingKeys(missing)}`);
  await syncCurrentKey(db, ring, SYSTEM_ACTOR);
  const { state } = await startReencryption(db, { ring, actor: { type: "SYSTEM", id: null, label: "keys command" }, trigger: "command" });
  const total = state.jobTotal;
  let done = 0;
  const tty = process.stdout.isTTY;
  let lastPrint = 0;
  const print = (force = false) => {
    if (!force && Date.now() - lastPrint < (tty ? 200 : 5_000)) return;
    lastPrint = Date.now();
    process.stdout.write(tty ? `\r${bar(done, total)}` : `${bar(done, total)}\n`);
  };
  let failed = 0;
  let resealed = 0;
  for (;;) {
    const run = await runReencryption(db, { ring, budgetMs: 5_000, onValue: () => (done++, print()) });
    failed += run.failed;
    resealed += run.resealed;
    if (run.finished) break;
  }
  print(true);
  if (tty) process.stdout.write("\n");
  const status = await getEncryptionStatus(db, ring);
  console.log(`Done: every value this ring can open is sealed with ${ring.current.id}; ${status.job.failed} failed.`);
  console.log(`This process re-sealed ${resealed} values (other instances may have shared the work).`);
  if (status.job.lastError) console.error(`Last failure: ${status.job.lastError}`);
  return status.job.failed > 0 || failed > 0 ? 1 : 0;
}

function rotate(): number {
  if (getEnv().ENCRYPTION_KEYS) {
    const keyId = nextKeyId(getKeyRing());
    console.log("ENCRYPTION_KEYS comes from the environment, so nothing was changed. On every instance, put this new key first");
    console.log("and keep the current entries after it, then restart; re-encryption starts by itself:\n");
    console.log(`  ENCRYPTION_KEYS="${generateKeySpec(keyId)},<the current value of ENCRYPTION_KEYS>"\n`);
    return 0;
  }
  const { keyId, previousKeyId } = rotateKeyFile();
  console.log(`New current key ${keyId} written to the data folder (${previousKeyId} and older keys kept to decrypt).`);
  console.log("Restart the app: it records the rotation and re-encrypts every value in the background (or run: npm run keys -- reencrypt).");
  return 0;
}

async function main() {
  const command = process.argv[2];
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    console.error(`Usage: npm run keys -- <${COMMANDS.join(" | ")}>`);
    return 2;
  }
  if (command === "rotate") return rotate();
  try {
    if (command === "reencrypt") return await reencrypt();
    const { db } = await getDatabase();
    printStatus(await getEncryptionStatus(db, getKeyRing()));
    return 0;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`keys: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
