import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EngineError } from "@/server/engine/errors";
import { AppError, ValidationError } from "@/server/errors";
import { log } from "@/server/log";
import { databaseUnavailable, isDatabaseUnavailable } from "@/server/db/unavailable";
import { statusFor } from "./status";

const defaultApiCode: Record<AppError["code"], string> = {
  NOT_FOUND: "not_found",
  FORBIDDEN: "forbidden",
  UNAUTHORIZED: "unauthorized",
  CONFLICT: "conflict",
  VALIDATION: "invalid_request",
  REAUTH_REQUIRED: "connection_error",
  UNAVAILABLE: "unavailable",
};

/** Engine codes whose status is not their error class's. */
const statusOfApiCode: Record<string, ContentfulStatusCode> = {
  reference_path_not_found: 422,
  too_many_connections: 422,
  precondition_failed: 412,
};

/** The status and JSON body of an error (shared by Hono's onError and the lean door in fast-path.ts). */
export function errorPayload(err: unknown, where: { path: string; method: string }): { status: ContentfulStatusCode; body: Record<string, unknown> } {
  if (!(err instanceof AppError) && isDatabaseUnavailable(err)) err = databaseUnavailable();
  if (err instanceof EngineError) {
    const status = statusOfApiCode[err.apiCode] ?? statusFor[err.code];
    return { status, body: { error: err.apiCode, message: err.message, ...err.extra } };
  }
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { error: defaultApiCode[err.code], message: err.message };
    if (err instanceof ValidationError && Object.keys(err.fieldErrors).length) body.fieldErrors = err.fieldErrors;
    return { status: statusFor[err.code], body };
  }
  log.error("engine API: unhandled error", { path: where.path, method: where.method, error: err instanceof Error ? err : String(err) });
  return { status: 500, body: { error: "internal", message: "Something went wrong. The error was logged." } };
}

/** The engine API's one error mapper: typed errors keep their message, anything else is a logged 500. */
export function errorResponse(err: unknown, c: Context) {
  const { status, body } = errorPayload(err, { path: c.req.path, method: c.req.method });
  return c.json(body, status);
}
