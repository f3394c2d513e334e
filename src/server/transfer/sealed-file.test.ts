import { describe, expect, it } from "vitest";
import { ValidationError } from "@/server/errors";
import { openExport, sealExport, WRONG_PASSPHRASE } from "./sealed-file";

const payload = { connections: [{ externalId: "pg", value: { password: "s3cret-canary" } }] };
const PASS = "correct horse battery";

describe("export file sealing", () => {
  const file = sealExport(payload, PASS, { N: 2 ** 14 });

  it("round-trips with the passphrase and shows nothing in clear", () => {
    expect(file).not.toContain("s3cret-canary");
    expect(JSON.parse(file)).toMatchObject({ format: "connections-manager-export", version: 1, kdf: { name: "scrypt" }, cipher: { name: "aes-256-gcm" } });
    expect(openExport(file, PASS)).toEqual(payload);
  });

  it("refuses a wrong passphrase", () => {
    expect(() => openExport(file, "wrong horse battery")).toThrow(WRONG_PASSPHRASE);
  });

  it("refuses every single flipped byte", () => {
    const bytes = Buffer.from(file, "utf8");
    // Positions spread over the whole file: header fields, salt, iv, ciphertext and tag.
    const positions = [...Array.from({ length: 60 }, (_, i) => Math.floor((bytes.length * i) / 60)), bytes.length - 3, bytes.length - 2];
    for (const at of positions) {
      if (bytes[at] === 0x0a) continue; // the trailing newline is not part of the file's content
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      expect(() => openExport(copy.toString("utf8"), PASS), `byte ${at}`).toThrow(ValidationError);
    }
  }, 30_000);

  it("names a file that is not an export, and a newer format version", () => {
    expect(() => openExport("hello", PASS)).toThrow(/not an export file/);
    const newer = JSON.stringify({ ...JSON.parse(file), version: 2 });
    expect(() => openExport(newer, PASS)).toThrow(/format version 2/);
  });
});
