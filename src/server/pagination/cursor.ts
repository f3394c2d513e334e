import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { ValidationError } from "@/server/errors";

// Opaque keyset cursors for the engine API's lists: base64url of the last row's sort key. A cursor
// is only ever decoded here; anything that is not one we made is a 400 naming `cursor`.

const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const invalid = () => new ValidationError("cursor: not a cursor this API gave (pass nextCursor as it is)", { cursor: "Not a valid cursor" });

export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, size: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(key) || key.length !== size || !key.every((part) => typeof part === "string" && part.length > 0 && part.length <= 300)) throw invalid();
  return key as string[];
}

/** A (timestamp, id) keyset: the timestamp with the microseconds PostgreSQL keeps, as UTC text. */
export function microIso(column: AnyPgColumn) {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The rows strictly after the cursor in (timestamp desc, id desc) order. */
export function afterTimeIdCursor(cursor: string | undefined, time: AnyPgColumn, id: AnyPgColumn) {
  if (!cursor) return undefined;
  const [at, lastId] = decodeCursor(cursor, 2) as [string, string];
  if (!MICRO_ISO.test(at) || Number.isNaN(Date.parse(at))) throw invalid();
  return sql`(${time}, ${id}) < (${at}::timestamptz, ${lastId})`;
}

/** Cuts one row past the page off and makes the next cursor from the page's last row. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => string[]) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? encodeCursor(keyOf(data[data.length - 1]!)) : null };
}
