import { AppError } from "@/server/errors";

/**
 * An error the engine API answers with a stable machine code (`error`) beside the message,
 * e.g. 404 {"error":"connection_not_found"}. `extra` adds fields such as the failing reference.
 */
export class EngineError extends AppError {
  constructor(
    code: AppError["code"],
    readonly apiCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code, message);
  }
}

export const connectionNotFound = (externalId: string, extra: Record<string, unknown> = {}) =>
  new EngineError("NOT_FOUND", "connection_not_found", `No connection “${externalId}” in this project`, extra);
