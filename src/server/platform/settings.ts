import { eq } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { platform } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ConflictError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZUpdatePlatformSettingsInput } from "@/schemas/admin";

export interface PlatformSettings {
  projectCreation: "ADMINS" | "EVERYONE";
}

/** Before setup there is no platform row: the defaults apply. */
export async function getPlatformSettings(db: Db): Promise<PlatformSettings> {
  const [row] = await db.select({ projectCreation: platform.projectCreation }).from(platform).where(eq(platform.id, 1)).limit(1);
  return { projectCreation: row?.projectCreation ?? "ADMINS" };
}

/** A platform admin changes installation-wide settings; the change and its audit row commit together. */
export async function updatePlatformSettings({ ctx, input }: { ctx: ServiceCtx; input: unknown }): Promise<PlatformSettings> {
  const data = parseOrThrow(ZUpdatePlatformSettingsInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ projectCreation: platform.projectCreation }).from(platform).where(eq(platform.id, 1)).for("update");
    if (!before) throw new ConflictError("Finish setup first");
    if (before.projectCreation === data.projectCreation) return before;
    await tx.update(platform).set({ projectCreation: data.projectCreation }).where(eq(platform.id, 1));
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "platform.settings_changed",
      details: { setting: "projectCreation", from: before.projectCreation, to: data.projectCreation },
    });
    return { projectCreation: data.projectCreation };
  });
}
