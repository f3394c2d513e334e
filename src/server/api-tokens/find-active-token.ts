import { and, eq, isNull, sql } from "drizzle-orm";
import { hashToken } from "@/server/crypto/hash";
import { apiTokens } from "@/server/db/schema";
import { oncePerDb } from "@/server/db/prepared";
import type { Db } from "@/server/db/types";
import { TOKEN_PREFIX } from "./dto";

export interface ActiveToken {
  id: string;
  projectId: string;
  name: string;
  scopes: string[];
}

const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

const lookupQuery = oncePerDb((db) =>
  db
    .select({ id: apiTokens.id, projectId: apiTokens.projectId, name: apiTokens.name, scopes: apiTokens.scopes })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
    .limit(1)
    .prepare("api_token_by_hash"),
);

/** The unrevoked token with this value: one prepared lookup on the unique hash index. */
export async function findActiveToken(db: Db, token: string): Promise<ActiveToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await lookupQuery(db).execute({ hash: hashToken(token) });
  return row ?? null;
}

/** The unrevoked token with this id in this project (a picker session re-checks its key on every call). */
export async function findActiveTokenById(db: Db, id: string, projectId: string): Promise<ActiveToken | null> {
  const [row] = await db
    .select({ id: apiTokens.id, projectId: apiTokens.projectId, name: apiTokens.name, scopes: apiTokens.scopes })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.projectId, projectId), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}
