import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Reads a secret kept in a file of the data directory, creating it once with `make()`.
 * The exclusive create makes concurrent first starts agree on a single value.
 */
export function readOrCreateSecretFile(dir: string, file: string, make: () => string): { value: string; created: boolean } {
  const full = path.join(dir, file);
  try {
    return { value: readFileSync(full, "utf8").trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(full, make() + "\n", { flag: "wx", mode: 0o600 });
    return { value: readFileSync(full, "utf8").trim(), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return { value: readFileSync(full, "utf8").trim(), created: false };
    throw err;
  }
}
