import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx, ProjectRole } from "@/server/context";
import { memberships, users } from "@/server/db/schema";
import { ConflictError, NotFoundError } from "@/server/errors";
import { ZChangeRoleInput, ZRemoveMemberInput } from "@/schemas/projects";
import { parseOrThrow } from "@/server/validation";
import type { Db } from "@/server/db/types";

async function lockMembers(db: Db, projectId: string) {
  // Row locks on the project's memberships serialize concurrent demotions/removals,
  // so two admins cannot both step down and leave the project without one.
  return db.select().from(memberships).where(eq(memberships.projectId, projectId)).for("update");
}

function assertAdminRemains(rows: { userId: string; role: ProjectRole }[], changedUserId: string, newRole: ProjectRole | null) {
  const admins = rows.filter((r) => (r.userId === changedUserId ? newRole === "ADMIN" : r.role === "ADMIN"));
  if (admins.length === 0) throw new ConflictError("A project needs at least one admin");
}

async function emailOf(db: Db, userId: string) {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return u?.email ?? null;
}

export async function changeMemberRole({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const data = parseOrThrow(ZChangeRoleInput, input);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockMembers(tx, ctx.projectId);
    const member = rows.find((r) => r.userId === data.userId);
    if (!member) throw new NotFoundError("Member");
    assertAdminRemains(rows, data.userId, data.role);
    if (member.role === data.role) return { userId: data.userId, role: data.role };
    await tx
      .update(memberships)
      .set({ role: data.role })
      .where(and(eq(memberships.projectId, ctx.projectId), eq(memberships.userId, data.userId)));
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "member.role_changed",
      details: { userId: data.userId, email: await emailOf(tx, data.userId), from: member.role, to: data.role },
    });
    return { userId: data.userId, role: data.role };
  });
}

export async function removeMember({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const data = parseOrThrow(ZRemoveMemberInput, input);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockMembers(tx, ctx.projectId);
    const member = rows.find((r) => r.userId === data.userId);
    if (!member) throw new NotFoundError("Member");
    assertAdminRemains(rows, data.userId, null);
    await tx.delete(memberships).where(and(eq(memberships.projectId, ctx.projectId), eq(memberships.userId, data.userId)));
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "member.removed",
      details: { userId: data.userId, email: await emailOf(tx, data.userId), role: member.role },
    });
    return { userId: data.userId };
  });
}
