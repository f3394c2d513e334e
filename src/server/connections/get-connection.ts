import { eq } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { users } from "@/server/db/schema";
import { ZConnectionId } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { countFlowsByExternalId } from "@/server/flows/affected-flows";
import { toConnectionDto } from "./dto";
import { findConnectionOrThrow } from "./find";

export async function getConnection({ ctx, input }: { ctx: ProjectCtx; input: { connectionId: unknown } }) {
  const id = parseOrThrow(ZConnectionId, input.connectionId);
  const row = await findConnectionOrThrow(ctx.db, ctx.projectId, id);
  const [[owner], flowCounts] = await Promise.all([
    row.ownerId
      ? ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, row.ownerId)).limit(1)
      : Promise.resolve([]),
    countFlowsByExternalId(ctx.db, ctx.projectId, [row.externalId]),
  ]);
  return toConnectionDto(row, { owner: owner ?? null, flowCount: flowCounts.get(row.externalId) ?? 0 });
}
