import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { referencedExternalIds } from "@/lib/connection-ref";
import { connectionReferences, connections, type FlowStep } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export type FlowVersionKind = "DRAFT" | "PUBLISHED";

export interface StepReference {
  version: FlowVersionKind;
  stepName: string;
  externalId: string;
}

/** Every (version, step, externalId) a flow's versions reference: the rows of the index. */
export function flowReferences(draft: FlowStep[], published: FlowStep[] | null): StepReference[] {
  const out: StepReference[] = [];
  const add = (version: FlowVersionKind, steps: FlowStep[]) => {
    for (const step of steps) for (const externalId of referencedExternalIds(step.input)) out.push({ version, stepName: step.name, externalId });
  };
  add("DRAFT", draft);
  if (published) add("PUBLISHED", published);
  return out;
}

/** Whether an index row's draft (published version) uses its connection, as SQL. */
export const usedInDraft = sql<boolean>`(cardinality(${connectionReferences.draftSteps}) > 0)`;
export const usedInPublished = sql<boolean>`(cardinality(${connectionReferences.publishedSteps}) > 0)`;

/** externalId → the versions that reference it, for one flow. */
export type FlowUses = Map<string, FlowVersionKind[]>;

const versionsOf = (row: { draftSteps: string[]; publishedSteps: string[] }): FlowVersionKind[] => [
  ...(row.draftSteps.length > 0 ? (["DRAFT"] as const) : []),
  ...(row.publishedSteps.length > 0 ? (["PUBLISHED"] as const) : []),
];

/** The index rows of these flows, in one query: flowId → its uses; a flow that references nothing is absent. */
export async function referencesOfFlows(db: Db, projectId: string, flowIds: string[]): Promise<Map<string, FlowUses>> {
  if (flowIds.length === 0) return new Map();
  const rows = await db
    .select({
      flowId: connectionReferences.flowId,
      externalId: connectionReferences.externalId,
      draftSteps: connectionReferences.draftSteps,
      publishedSteps: connectionReferences.publishedSteps,
    })
    .from(connectionReferences)
    .where(and(eq(connectionReferences.projectId, projectId), inArray(connectionReferences.flowId, flowIds)));
  const byFlow = new Map<string, FlowUses>();
  for (const r of rows) {
    const uses = byFlow.get(r.flowId) ?? new Map<string, FlowVersionKind[]>();
    uses.set(r.externalId, versionsOf(r));
    byFlow.set(r.flowId, uses);
  }
  return byFlow;
}

/** A flow's references as its index rows: one per externalId, with the referencing steps of each version. */
export function indexRowsOf(references: StepReference[]): { externalId: string; draftSteps: string[]; publishedSteps: string[] }[] {
  const byId = new Map<string, { draft: Set<string>; published: Set<string> }>();
  for (const r of references) {
    const entry = byId.get(r.externalId) ?? { draft: new Set<string>(), published: new Set<string>() };
    (r.version === "DRAFT" ? entry.draft : entry.published).add(r.stepName);
    byId.set(r.externalId, entry);
  }
  return [...byId].map(([externalId, { draft, published }]) => ({ externalId, draftSteps: [...draft].sort(), publishedSteps: [...published].sort() }));
}

const INSERT_CHUNK = 500;

/** Rewrites the index rows of one flow. Call it in the transaction that saves the flow. */
export async function syncFlowReferences(tx: Db, flow: { projectId: string; flowId: string; references: StepReference[] }) {
  await tx.delete(connectionReferences).where(and(eq(connectionReferences.projectId, flow.projectId), eq(connectionReferences.flowId, flow.flowId)));
  const rows = indexRowsOf(flow.references).map((r) => ({ projectId: flow.projectId, flowId: flow.flowId, ...r }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(connectionReferences).values(rows.slice(i, i + INSERT_CHUNK));
  }
}

/**
 * Share-locks the referenced connections before a flow is written, so a Replace or Delete of
 * one of them (which locks it for update) and this save happen one after the other: their
 * check of "which flows use it" can never miss a save committed in between.
 * Connections are always locked before flows, in id order, so these locks cannot deadlock.
 */
export async function lockReferencedConnections(tx: Db, projectId: string, externalIds: string[]) {
  if (externalIds.length === 0) return;
  await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), inArray(connections.externalId, externalIds)))
    .orderBy(asc(connections.id))
    .for("share");
}
