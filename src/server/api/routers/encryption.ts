import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { encryptionStatus } from "@/server/encryption/encryption-status";
import { reencryptNow } from "@/server/encryption/reencrypt-now";
import { rotateKey } from "@/server/encryption/rotate-key";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

export const encryptionRouter = createTRPCRouter({
  /** Key ids (never keys), values per key and kind, and the re-encryption job's progress. */
  status: platformAdminProcedure.query(({ ctx }) => encryptionStatus({ ctx })),
  /** Rotations and re-encryption runs, newest first. */
  events: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "encryption" })),
  reencryptNow: platformAdminProcedure.mutation(({ ctx }) => reencryptNow({ ctx })),
  /** Embedded installation only: a new key in the data folder becomes current. */
  rotateKey: platformAdminProcedure.mutation(({ ctx }) => rotateKey({ ctx })),
});
