import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Integration tests never touch the developer's data directory or real secrets.
process.env.DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "cm-int-"));
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.ENCRYPTION_KEYS ??= `test1:${randomBytes(32).toString("base64")}`;
process.env.LOG_LEVEL ??= "warn";
// Background work only runs in tests that start it themselves.
process.env.OAUTH_REFRESH_SCHEDULER ??= "off";
