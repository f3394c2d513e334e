import type { Db } from "@/server/db/types";

export type ProjectRole = "ADMIN" | "EDITOR" | "VIEWER";

export interface Actor {
  type: "USER" | "API_TOKEN" | "SYSTEM";
  id: string | null;
  /** Shown in the audit trail: an e-mail, a token name, or "system". */
  label: string;
}

export interface ServiceCtx {
  db: Db;
  actor: Actor;
}

/** A caller whose membership of `projectId` has been checked once, at the door. */
export interface ProjectCtx extends ServiceCtx {
  projectId: string;
  role: ProjectRole;
}

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", id: null, label: "system" };

const rank: Record<ProjectRole, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

export function roleAtLeast(role: ProjectRole, min: ProjectRole): boolean {
  return rank[role] >= rank[min];
}
