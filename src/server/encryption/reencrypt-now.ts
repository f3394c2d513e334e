import type { ServiceCtx } from "@/server/context";
import { triggerBackgroundJob } from "@/server/jobs/background";
import { getKeyRing } from "@/server/secrets/key-ring";
import { startReencryption } from "./start-reencryption";

/** "Re-encrypt now": starts the job (audited) unless it already runs for the current key. */
export async function reencryptNow({ ctx }: { ctx: ServiceCtx }) {
  const { started } = await startReencryption(ctx.db, { ring: getKeyRing(), actor: ctx.actor, trigger: "on_demand" });
  triggerBackgroundJob("re-encryption");
  return { started };
}
