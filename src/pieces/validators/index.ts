import type { ConnectionValue } from "../connection-value";
import { getPiece } from "../index";
import type { Piece, PieceAuth } from "../types";
import { validateCustomHeaderApi, validateOpenAiCompatible } from "./http";
import { validatePostgres } from "./postgres";
import { leaksSecret, secretsOf } from "./redact";
import { acceptUnverified, validateKeyShape, validateMongoShape, validateMysqlShape } from "./shape";
import { validateSmtp } from "./smtp";
import { WrongValueTypeError, type ValidationResult, type Validator } from "./types";

export type { ValidationResult } from "./types";

const DEFAULT_TIMEOUT_MS = 10_000;

const validatorsByPiece: Record<string, Validator> = {
  postgres: validatePostgres,
  mysql: validateMysqlShape,
  mongodb: validateMongoShape,
  smtp: validateSmtp,
  "http-custom-headers": validateCustomHeaderApi,
  "openai-compatible": validateOpenAiCompatible,
};

const VALUE_TYPE_FOR_AUTH = { SECRET_TEXT: "SECRET_TEXT", BASIC: "BASIC", CUSTOM: "CUSTOM_AUTH", OAUTH2: "OAUTH2" } as const;

function validatorFor(piece: Piece, auth: PieceAuth): Validator {
  // Pieces offering a key besides their main auth keep the shape check for the key.
  if (auth.type === "SECRET_TEXT") return validatorsByPiece[piece.name] ?? validateKeyShape;
  // OAuth2 tokens were just issued by the provider itself.
  if (auth.type === "OAUTH2") return async () => ({ ok: true });
  return validatorsByPiece[piece.name] ?? acceptUnverified;
}

function describeTimeout(ms: number): string {
  if (ms % 1000 === 0) return ms === 1000 ? "1 second" : `${ms / 1000} seconds`;
  return `${ms} ms`;
}

function withTimeout(run: (signal: AbortSignal, setUnreachable: (m: string) => void) => Promise<ValidationResult>, timeoutMs: number, app: string) {
  const controller = new AbortController();
  let unreachable = `Could not connect to ${app} within ${describeTimeout(timeoutMs)}.`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<ValidationResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, message: unreachable, transient: true });
    }, timeoutMs);
  });
  const setUnreachable = (message: string) => {
    unreachable = message;
  };
  return Promise.race([run(controller.signal, setUnreachable), timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Checks credentials before they are saved. Never throws, and never returns a
 * message containing the secret being checked.
 */
export async function validateConnectionValue(input: {
  pieceName: string;
  auth: PieceAuth;
  value: ConnectionValue;
  timeoutMs?: number;
}): Promise<ValidationResult> {
  const { pieceName, auth, value } = input;
  const timeoutMs = input.timeoutMs !== undefined && input.timeoutMs > 0 ? input.timeoutMs : DEFAULT_TIMEOUT_MS;
  const piece = getPiece(pieceName);
  if (!piece) return { ok: false, message: "Unknown app." };
  if (value?.type !== VALUE_TYPE_FOR_AUTH[auth.type]) {
    return { ok: false, message: "The credentials do not match the chosen authentication method." };
  }

  const validator = validatorFor(piece, auth);
  const generic: ValidationResult = { ok: false, message: `Could not verify the connection to ${piece.displayName}.` };
  const run = async (signal: AbortSignal, setUnreachableMessage: (m: string) => void): Promise<ValidationResult> => {
    try {
      return await validator({ piece, auth, value, signal, timeoutMs, setUnreachableMessage });
    } catch (error) {
      if (error instanceof WrongValueTypeError) return { ok: false, message: "The credentials do not match the chosen authentication method." };
      return generic;
    }
  };

  try {
    const result = await withTimeout(run, timeoutMs, piece.displayName);
    const text = result.ok ? (result.note ?? "") : result.message;
    return leaksSecret(text, secretsOf(auth, value)) ? generic : result;
  } catch {
    return generic;
  }
}
