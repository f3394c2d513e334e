import { randomBytes } from "node:crypto";
import { createConnection } from "@/server/connections/create-connection";
import type { ProjectCtx } from "@/server/context";
import type { FlowStep } from "@/server/db/schema";
import { saveFlow } from "@/server/flows/save-flow";
import { uniq } from "./factories";

export const fakeKey = (prefix = "sk-") => `${prefix}test${randomBytes(12).toString("hex")}`;

/** A connection created through the service (validated offline: these apps check the key's shape only). */
export async function createKeyConnection(ctx: ProjectCtx, displayName = uniq("Conn"), pieceName: "openai" | "anthropic" = "openai") {
  const { connection } = await createConnection({
    ctx,
    input: { pieceName, type: "SECRET_TEXT", displayName, credentials: { secret_text: fakeKey(pieceName === "anthropic" ? "sk-ant-" : "sk-") } },
  });
  return connection;
}

export function step(name: string, externalId: string | null, extra: Record<string, unknown> = {}, pieceName = "openai"): FlowStep {
  return { name, pieceName, input: { ...(externalId ? { auth: `{{connections['${externalId}']}}` } : {}), ...extra } };
}

export async function saveTestFlow(ctx: ProjectCtx, flow: { flowId?: string; name?: string; draft: FlowStep[]; publish?: boolean }) {
  const { flow: saved } = await saveFlow({
    ctx,
    input: { flowId: flow.flowId ?? uniq("flow"), name: flow.name ?? uniq("Flow"), draft: flow.draft, publish: flow.publish ?? false },
  });
  return saved;
}
