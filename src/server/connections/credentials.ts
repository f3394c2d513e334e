import { getPiece, type Piece, type PieceAuth } from "@/pieces";
import { buildValueSchema, maskValue, type ConnectionValue } from "@/pieces/value-schema";
import { validateConnectionValue } from "@/pieces/validators";
import { encryptJson } from "@/server/crypto/envelope";
import { ValidationError } from "@/server/errors";
import { getKeyRing } from "@/server/secrets/key-ring";
import type { ConnectionRow } from "./dto";

export function resolvePieceAuth(pieceName: string, type: ConnectionRow["type"]): { piece: Piece; auth: PieceAuth } {
  const piece = getPiece(pieceName);
  if (!piece) throw new ValidationError(`Unknown app “${pieceName}”`, { pieceName: "Choose an app from the list" });
  if (piece.auths.length === 0) {
    throw new ValidationError(`${piece.displayName} needs no connection`, { pieceName: `${piece.displayName} needs no connection` });
  }
  const auth = piece.auths.find((a) => a.type === type);
  if (!auth) throw new ValidationError(`${piece.displayName} does not support this kind of authentication`, { type: "Choose one of the app's methods" });
  return { piece, auth };
}

/** Parses form credentials with the app's own schema; each message lands on its field. */
export function parseCredentials(auth: PieceAuth, raw: unknown): ConnectionValue {
  const parsed = buildValueSchema(auth).safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[`credentials.${issue.path.join(".")}`] ??= issue.message;
    throw new ValidationError(parsed.error.issues[0]?.message ?? "Check the credentials", fieldErrors);
  }
  if (parsed.data.type === "OAUTH2") {
    throw new ValidationError("OAuth2 connections are authorized with the app's consent screen, not typed in");
  }
  return parsed.data;
}

/** Runs the app's validator (10 s limit); a failure becomes a form error and nothing is saved. */
export async function verifyCredentials(piece: Piece, auth: PieceAuth, value: ConnectionValue): Promise<string | undefined> {
  const result = await validateConnectionValue({ pieceName: piece.name, auth, value });
  if (!result.ok) throw new ValidationError(result.message, { credentials: result.message });
  return result.note;
}

/** Seals credentials for one row: the row id is bound in, so the ciphertext only opens there. */
export function sealCredentials(connectionId: string, auth: PieceAuth, value: ConnectionValue) {
  const sealed = encryptJson(getKeyRing(), value, connectionId);
  return { value: sealed.ciphertext, keyId: sealed.keyId, valueHints: maskValue(auth, value) };
}
