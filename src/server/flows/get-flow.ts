import { and, eq } from "drizzle-orm";
import { findReferences, referencedExternalIds } from "@/lib/connection-ref";
import type { ProjectCtx } from "@/server/context";
import { flows, type FlowStep } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZFlowId } from "@/schemas/flows";
import { connectionsByExternalId, type ReferencedConnection } from "./connection-lookup";
import { flowReferences } from "./references";

/** Why a step's connection would fail at run time; null when it is usable. */
export type StepProblem = "CONNECTION_NOT_FOUND" | "CONNECTION_ERROR" | "CONNECTION_MISSING" | "OTHER_APP" | null;

export interface StepView {
  name: string;
  displayName: string | null;
  pieceName: string;
  connections: { externalId: string; reference: string; connection: ReferencedConnection | null; problem: StepProblem }[];
}

function problemOf(step: FlowStep, externalId: string, connection: ReferencedConnection | null): StepProblem {
  if (!connection) return "CONNECTION_NOT_FOUND";
  if (connection.status === "ERROR") return "CONNECTION_ERROR";
  if (connection.status === "MISSING") return "CONNECTION_MISSING";
  // Only the step's own `auth` must be of its app; a generic step may use any key elsewhere.
  const isStepAuth = referencedExternalIds(step.input.auth).has(externalId);
  return isStepAuth && connection.pieceName !== step.pieceName ? "OTHER_APP" : null;
}

function firstReference(step: FlowStep, externalId: string): string {
  for (const value of Object.values(step.input)) {
    if (typeof value !== "string") continue;
    const ref = findReferences(value).find((r) => r.externalId === externalId);
    if (ref) return ref.raw;
  }
  return `{{connections['${externalId}']}}`;
}

/** A flow with, for each step of each version, the connections it uses and their state. */
export async function getFlow({ ctx, input }: { ctx: ProjectCtx; input: { flowId: unknown } }) {
  const flowId = parseOrThrow(ZFlowId, input.flowId);
  const [flow] = await ctx.db
    .select()
    .from(flows)
    .where(and(eq(flows.projectId, ctx.projectId), eq(flows.id, flowId)))
    .limit(1);
  if (!flow) throw new NotFoundError("Flow");
  const refs = flowReferences(flow.draft, flow.published);
  const lookup = await connectionsByExternalId(
    ctx.db,
    ctx.projectId,
    refs.map((r) => r.externalId),
  );

  const view = (version: "DRAFT" | "PUBLISHED", steps: FlowStep[]): StepView[] =>
    steps.map((step) => ({
      name: step.name,
      displayName: step.displayName ?? null,
      pieceName: step.pieceName,
      connections: refs
        .filter((r) => r.version === version && r.stepName === step.name)
        .map((r) => {
          const connection = lookup.get(r.externalId) ?? null;
          return { externalId: r.externalId, reference: firstReference(step, r.externalId), connection, problem: problemOf(step, r.externalId, connection) };
        }),
    }));

  const draft = view("DRAFT", flow.draft);
  const published = flow.published ? view("PUBLISHED", flow.published) : null;
  // A step that fails in both versions is one problem to fix, not two.
  const problems = new Set([...draft, ...(published ?? [])].flatMap((s) => s.connections.filter((c) => c.problem).map((c) => `${s.name}\u0000${c.externalId}`)))
    .size;
  return {
    id: flow.id,
    name: flow.name,
    enabled: flow.enabled,
    publishedAt: flow.publishedAt,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
    draft,
    published,
    problems,
  };
}
