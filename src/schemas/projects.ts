import { z } from "zod";
import { zText } from "./primitives";
import { ZEmail } from "./auth";

export const ZProjectRole = z.enum(["ADMIN", "EDITOR", "VIEWER"]);
export const ZProjectId = zText({ max: 64 }).trim().min(1);

const ZProjectName = zText({ max: 100 }).trim().min(1, "A project name is required");

export const ZCreateProjectInput = z.object({ name: ZProjectName });
export const ZRenameProjectInput = z.object({ projectId: ZProjectId, name: ZProjectName });
/** Deleting asks for the project's name, typed again, so a slip of the mouse cannot do it. */
export const ZDeleteProjectInput = z.object({ projectId: ZProjectId, confirmName: zText({ max: 100 }).trim() });

export const ZAddMemberInput = z.object({
  projectId: ZProjectId,
  email: ZEmail,
  role: ZProjectRole,
});
export type TAddMemberInput = z.infer<typeof ZAddMemberInput>;

export const ZChangeRoleInput = z.object({ projectId: ZProjectId, userId: zText({ max: 64 }).min(1), role: ZProjectRole });
export const ZRemoveMemberInput = z.object({ projectId: ZProjectId, userId: zText({ max: 64 }).min(1) });
