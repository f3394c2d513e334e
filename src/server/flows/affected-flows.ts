import { and, eq, inArray, sql } from "drizzle-orm";
import { connectionReferences, flows } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import type { VersionUse } from "./dto";
import { usedInDraft, usedInPublished } from "./references";

export interface AffectedFlow {
  id: string;
  name: string;
  enabled: boolean;
  use: VersionUse;
  /** The externalIds (of those asked about) this flow references. */
  externalIds: string[];
}

export interface AffectedSummary {
  total: number;
  counts: { draft: number; published: number; both: number };
  /**
   * Digest of every (flow, externalId, versions) using the connections. A preview hands it to
   * the user; Replace and Delete compare it again under lock to refuse a stale confirmation.
   */
  fingerprint: string;
}

const refsOf = (projectId: string, externalIds: string[]) =>
  and(eq(connectionReferences.projectId, projectId), inArray(connectionReferences.externalId, externalIds));

export async function summarizeAffectedFlows(db: Db, projectId: string, externalIds: string[]): Promise<AffectedSummary> {
  if (externalIds.length === 0) return { total: 0, counts: { draft: 0, published: 0, both: 0 }, fingerprint: emptyFingerprint };
  const perFlow = db.$with("per_flow").as(
    db
      .select({
        flowId: connectionReferences.flowId,
        inDraft: sql<boolean>`bool_or(${usedInDraft})`.as("in_draft"),
        inPublished: sql<boolean>`bool_or(${usedInPublished})`.as("in_published"),
        signature:
          sql<string>`string_agg(${connectionReferences.externalId} || '/' || ${usedInDraft}::int || ${usedInPublished}::int, ',' order by ${connectionReferences.externalId})`.as(
            "signature",
          ),
      })
      .from(connectionReferences)
      .where(refsOf(projectId, externalIds))
      .groupBy(connectionReferences.flowId),
  );
  const [row] = await db
    .with(perFlow)
    .select({
      total: sql<number>`count(*)::int`,
      draft: sql<number>`(count(*) filter (where ${perFlow.inDraft} and not ${perFlow.inPublished}))::int`,
      published: sql<number>`(count(*) filter (where ${perFlow.inPublished} and not ${perFlow.inDraft}))::int`,
      both: sql<number>`(count(*) filter (where ${perFlow.inDraft} and ${perFlow.inPublished}))::int`,
      fingerprint: sql<string>`md5(coalesce(string_agg(${perFlow.flowId} || ':' || ${perFlow.signature}, ';' order by ${perFlow.flowId}), ''))`,
    })
    .from(perFlow);
  return {
    total: row?.total ?? 0,
    counts: { draft: row?.draft ?? 0, published: row?.published ?? 0, both: row?.both ?? 0 },
    fingerprint: row?.fingerprint ?? emptyFingerprint,
  };
}

// md5 of the empty string: what the query answers when no flow uses the connections.
const emptyFingerprint = "d41d8cd98f00b204e9800998ecf8427e";

/** One page of the flows using any of `externalIds`, by name. */
export async function pageAffectedFlows(db: Db, projectId: string, externalIds: string[], page: { page: number; pageSize: number }): Promise<AffectedFlow[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .select({
      id: connectionReferences.flowId,
      name: flows.name,
      enabled: flows.enabled,
      inDraft: sql<boolean>`bool_or(${usedInDraft})`,
      inPublished: sql<boolean>`bool_or(${usedInPublished})`,
      externalIds: sql<string>`json_agg(distinct ${connectionReferences.externalId})::text`,
    })
    .from(connectionReferences)
    .innerJoin(flows, and(eq(flows.projectId, connectionReferences.projectId), eq(flows.id, connectionReferences.flowId)))
    .where(refsOf(projectId, externalIds))
    .groupBy(connectionReferences.flowId, flows.name, flows.enabled)
    .orderBy(sql`lower(${flows.name})`, connectionReferences.flowId)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    use: r.inDraft && r.inPublished ? "BOTH" : r.inPublished ? "PUBLISHED" : "DRAFT",
    externalIds: (JSON.parse(r.externalIds) as string[]).sort(),
  }));
}

/** Distinct flows whose draft or published version references each externalId: one query. */
export async function countFlowsByExternalId(db: Db, projectId: string, externalIds: string[]): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select({ externalId: connectionReferences.externalId, flows: sql<number>`count(*)::int` })
    .from(connectionReferences)
    .where(refsOf(projectId, externalIds))
    .groupBy(connectionReferences.externalId);
  return new Map(rows.map((r) => [r.externalId, r.flows]));
}
