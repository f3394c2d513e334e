import { and, eq, like } from "drizzle-orm";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

const MAX_SLUG = 60;

/** "Gmail – Support Inbox" → "gmail-support-inbox": readable, stable, safe inside {{connections['…']}}. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, "");
  return slug || "connection";
}

/** The first free "<slug>", "<slug>-2", "<slug>-3"… in the project. */
export async function nextExternalId(db: Db, projectId: string, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db
    .select({ externalId: connections.externalId })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), like(connections.externalId, `${base}%`)));
  const used = new Set(taken.map((r) => r.externalId));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
