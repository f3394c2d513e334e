import type { flows, FlowStep } from "@/server/db/schema";
import type { FlowVersionKind } from "./references";

export type FlowRow = typeof flows.$inferSelect;

export interface FlowDto {
  id: string;
  name: string;
  enabled: boolean;
  draft: FlowStep[];
  published: FlowStep[] | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toFlowDto(row: FlowRow): FlowDto {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    draft: row.draft,
    published: row.published,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Which versions of a flow use a connection, as the Replace and Delete dialogs show it. */
export type VersionUse = "DRAFT" | "PUBLISHED" | "BOTH";

export function versionUse(versions: Iterable<FlowVersionKind>): VersionUse {
  const set = new Set(versions);
  if (set.has("DRAFT") && set.has("PUBLISHED")) return "BOTH";
  return set.has("PUBLISHED") ? "PUBLISHED" : "DRAFT";
}
