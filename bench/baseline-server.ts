/**
 * The engine API benchmark's baseline: bare node:http doing the same indexed select and one
 * AES-256-GCM decrypt, nothing else (no auth, no framework). Started by bench/engine-api.ts.
 *   BASELINE_PORT, PROJECT_ID, ENCRYPTION_KEYS and either DATABASE_URL or PGLITE_DIR
 */
import { createServer } from "node:http";
import { decryptJson } from "../src/server/crypto/envelope";
import { parseKeyRing } from "../src/server/crypto/keyring";

interface Row {
  id: string;
  external_id: string;
  display_name: string;
  piece_name: string;
  type: string;
  value: string;
  key_id: string;
}

const SELECT = "select id, external_id, display_name, piece_name, type, value, key_id from connections where project_id = $1 and external_id = $2 limit 1";

async function openQuery(): Promise<(projectId: string, externalId: string) => Promise<Row | undefined>> {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const sql = postgres(process.env.DATABASE_URL, { max: 10 });
    return async (p, e) => (await sql.unsafe<Row[]>(SELECT, [p, e], { prepare: true }))[0];
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const db = await PGlite.create(process.env.PGLITE_DIR!, { extensions: { pg_trgm } });
  return async (p, e) => (await db.query<Row>(SELECT, [p, e])).rows[0];
}

const ring = parseKeyRing(process.env.ENCRYPTION_KEYS!);
const projectId = process.env.PROJECT_ID!;
const query = await openQuery();

const server = createServer((req, res) => {
  const externalId = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
  query(projectId, externalId)
    .then((row) => {
      if (!row) return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"connection_not_found"}');
      const value = decryptJson(ring, { ciphertext: row.value, keyId: row.key_id }, row.id);
      const body = JSON.stringify({ id: row.id, externalId: row.external_id, displayName: row.display_name, pieceName: row.piece_name, type: row.type, value });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    })
    .catch((err: unknown) => res.writeHead(500).end(String(err)));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.BASELINE_PORT), "127.0.0.1", () => console.log("baseline ready"));
process.on("SIGTERM", () => process.exit(0));
