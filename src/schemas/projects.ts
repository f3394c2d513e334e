import { z } from "zod";
import { ZEmail } from "./auth";

export const ZProjectRole = z.enum(["ADMIN", "EDITOR", "VIEWER"]);
export const ZProjectId = z.string().trim().min(1).max(64);

const ZProjectName = z.string().trim().min(1, "A project name is required").max(100, "Use at most 100 characters");

export const ZCreateProjectInput = z.object({ name: ZProjectName });
export const ZRenameProjectInput = z.object({ projectId: z.string().trim().min(1).max(64), name: ZProjectName });
/** Deleting asks for the project's name, typed again, so a slip of the mouse cannot do it. */
export const ZDeleteProjectInput = z.object({ projectId: z.string().trim().min(1).max(64), confirmName: z.string().trim().max(100) });

export const ZAddMemberInput = z.object({
  projectId: ZProjectId,
  email: ZEmail,
  role: ZProjectRole,
});
export type TAddMemberInput = z.infer<typeof ZAddMemberInput>;

export const ZChangeRoleInput = z.object({ projectId: ZProjectId, userId: z.string().min(1).max(64), role: ZProjectRole });
export const ZRemoveMemberInput = z.object({ projectId: ZProjectId, userId: z.string().min(1).max(64) });
