import type { Db } from "@/server/db/types";

export type ProjectRole = "ADMIN" | "EDITOR" | "VIEWER";

export interface Actor {
  type: "USER" | "API_TOKEN" | "SYSTEM";
  id: string | null;
  /** Shown in the audit trail: an e-mail, a token name, or "system". */
  label: string;
  /** A person acting through a picker session: the API key that opened it (kept in audit details). */
  via?: { kind: "picker_session"; apiKeyId: string; apiKeyName: string };
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
