import { recordAudit, recordPlatformAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/crypto/hash";
import { memberships, platform, projects, users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ConflictError, isUniqueViolation } from "@/server/errors";
import { ZCompleteSetupInput, type TCompleteSetupInput } from "@/schemas/auth";
import { parseOrThrow } from "@/server/validation";

/** First run: the owner account (platform admin) and a first project, exactly once. */
export async function completeSetup({ db, input }: { db: Db; input: TCompleteSetupInput }) {
  const data = parseOrThrow(ZCompleteSetupInput, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(platform).values({ id: 1 });
      const [user] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, passwordHash, isPlatformAdmin: true })
        .returning({ id: users.id, email: users.email });
      const [project] = await tx.insert(projects).values({ name: data.projectName }).returning({ id: projects.id });
      await tx.insert(memberships).values({ projectId: project!.id, userId: user!.id, role: "ADMIN" });
      const actor = { type: "USER" as const, id: user!.id, label: user!.email };
      await recordPlatformAudit(tx, {
        actor,
        action: "user.created",
        details: { userId: user!.id, email: user!.email, name: data.name, platformAdmin: true, setup: true },
      });
      await recordAudit(tx, { projectId: project!.id, actor, action: "project.created", details: { name: data.projectName, admin: user!.email } });
      return { userId: user!.id, projectId: project!.id };
    });
  } catch (err) {
    if (isUniqueViolation(err, "platform_pkey")) throw new ConflictError("Setup has already been completed");
    throw err;
  }
}
