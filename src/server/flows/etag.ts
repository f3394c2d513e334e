import { sql } from "drizzle-orm";
import { flows } from "@/server/db/schema";

// A flow's version for HTTP (ETag / If-Match): its updated_at in microseconds. Every write of a flow
// moves updated_at (a save makes it strictly later than the version it replaces), so two versions
// never share it; computed in SQL so the microseconds PostgreSQL keeps are not lost to a JS Date.
export const flowVersionSql = sql<string>`(extract(epoch from ${flows.updatedAt}) * 1000000)::bigint::text`;

/** The version of a timestamp the server wrote itself (whole milliseconds). */
export function flowVersionOf(updatedAt: Date): string {
  return String(updatedAt.getTime() * 1000);
}

export function flowEtag(version: string): string {
  return `"${version}"`;
}

/** Whether an If-Match header value allows writing over `version` (null: the flow does not exist). */
export function ifMatchAllows(header: string, version: string | null): boolean {
  const value = header.trim();
  if (value === "*") return version !== null;
  if (version === null) return false;
  const wanted = flowEtag(version);
  // Strong comparison (RFC 9110): a weak W/"…" validator never matches.
  return value.split(",").some((tag) => tag.trim() === wanted);
}
