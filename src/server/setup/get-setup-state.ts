import { platform } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export async function isSetupComplete(db: Db): Promise<boolean> {
  const rows = await db.select({ id: platform.id }).from(platform).limit(1);
  return rows.length > 0;
}
