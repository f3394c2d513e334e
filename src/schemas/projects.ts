import { z } from "zod";
import { ZEmail } from "./auth";

export const ZProjectRole = z.enum(["ADMIN", "EDITOR", "VIEWER"]);
export const ZProjectId = z.string().trim().min(1).max(64);

export const ZCreateProjectInput = z.object({
  name: z.string().trim().min(1, "A project name is required").max(100, "Use at most 100 characters"),
});

export const ZAddMemberInput = z.object({
  projectId: ZProjectId,
  email: ZEmail,
  role: ZProjectRole,
});
export type TAddMemberInput = z.infer<typeof ZAddMemberInput>;

export const ZChangeRoleInput = z.object({ projectId: ZProjectId, userId: z.string().min(1).max(64), role: ZProjectRole });
export const ZRemoveMemberInput = z.object({ projectId: ZProjectId, userId: z.string().min(1).max(64) });
