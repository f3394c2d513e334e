import { connections } from "@/server/db/schema";

export type ConnectionRow = typeof connections.$inferSelect;

export interface ConnectionDto {
  id: string;
  externalId: string;
  displayName: string;
  pieceName: string;
  type: ConnectionRow["type"];
  status: ConnectionRow["status"];
  statusReason: string | null;
  /** Masked hints only: secrets never leave the server through this door. */
  valueHints: Record<string, string>;
  tokenExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  lastCheckedAt: Date | null;
  owner: { id: string; name: string; email: string } | null;
  flowCount: number;
}

type DtoSource = Pick<
  ConnectionRow,
  | "id"
  | "externalId"
  | "displayName"
  | "pieceName"
  | "type"
  | "status"
  | "statusReason"
  | "valueHints"
  | "tokenExpiresAt"
  | "createdAt"
  | "updatedAt"
  | "lastUsedAt"
  | "lastCheckedAt"
>;

export function toConnectionDto(row: DtoSource, extra: { owner?: ConnectionDto["owner"]; flowCount?: number } = {}): ConnectionDto {
  return {
    id: row.id,
    externalId: row.externalId,
    displayName: row.displayName,
    pieceName: row.pieceName,
    type: row.type,
    status: row.status,
    statusReason: row.statusReason,
    valueHints: row.valueHints,
    tokenExpiresAt: row.tokenExpiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastUsedAt: row.lastUsedAt,
    lastCheckedAt: row.lastCheckedAt,
    owner: extra.owner ?? null,
    flowCount: extra.flowCount ?? 0,
  };
}

/** Columns selected for DTOs: everything except the ciphertext. */
export const connectionColumns = {
  id: connections.id,
  projectId: connections.projectId,
  externalId: connections.externalId,
  displayName: connections.displayName,
  pieceName: connections.pieceName,
  type: connections.type,
  status: connections.status,
  statusReason: connections.statusReason,
  keyId: connections.keyId,
  valueHints: connections.valueHints,
  tokenExpiresAt: connections.tokenExpiresAt,
  ownerId: connections.ownerId,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
  lastUsedAt: connections.lastUsedAt,
  lastCheckedAt: connections.lastCheckedAt,
};
