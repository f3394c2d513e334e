import type { ProjectRole } from "@/server/context";
import { ForbiddenError } from "@/server/errors";

/** However high the member's role, the picker acts with at most these rights. */
export const PICKER_MAX_ROLE: ProjectRole = "EDITOR";

/** Only members who may create connections can be given a picker session. */
export const PICKER_MIN_MEMBER_ROLE: ProjectRole = "EDITOR";

const anyInput = () => true;

/** The picker shows one app's connections at a time; it never browses the whole project. */
function listsOnePiece(input: unknown): boolean {
  const pieces = (input as { pieces?: unknown } | null)?.pieces;
  return Array.isArray(pieces) && pieces.length === 1 && typeof pieces[0] === "string";
}

/**
 * The picker's capability: the procedures it may call (by tRPC path), each with an optional
 * check of its raw input. Everything else, including every procedure added later, is refused.
 */
const PICKER_PROCEDURES: Readonly<Record<string, (input: unknown) => boolean>> = {
  "connection.list": listsOnePiece,
  "connection.get": anyInput,
  "connection.create": anyInput,
  "connection.reconnect": anyInput,
  "oauth.clientStatus": anyInput,
  "oauth.start": anyInput,
  "oauth.complete": anyInput,
};

export const PICKER_PROCEDURE_PATHS: readonly string[] = Object.keys(PICKER_PROCEDURES);

export function pickerMayCall(path: string, input: unknown): boolean {
  const allowed = Object.hasOwn(PICKER_PROCEDURES, path) ? PICKER_PROCEDURES[path] : undefined;
  return allowed ? allowed(input) : false;
}

export function requirePickerMayCall(path: string, input: unknown): void {
  if (!pickerMayCall(path, input)) throw new ForbiddenError("The connection picker cannot do this");
}
