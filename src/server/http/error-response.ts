import type { Context } from "hono";
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

/** The engine API's one error mapper: typed errors keep their message, anything else is a logged 500. */
export function errorResponse(err: unknown, c: Context) {
  if (!(err instanceof AppError) && isDatabaseUnavailable(err)) err = databaseUnavailable();
  if (err instanceof EngineError) {
    const status = err.apiCode === "reference_path_not_found" || err.apiCode === "too_many_connections" ? 422 : statusFor[err.code];
    return c.json({ error: err.apiCode, message: err.message, ...err.extra }, status);
  }
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { error: defaultApiCode[err.code], message: err.message };
    if (err instanceof ValidationError && Object.keys(err.fieldErrors).length) body.fieldErrors = err.fieldErrors;
    return c.json(body, statusFor[err.code]);
  }
  log.error("engine API: unhandled error", { path: c.req.path, method: c.req.method, error: err instanceof Error ? err : String(err) });
  return c.json({ error: "internal", message: "Something went wrong. The error was logged." }, 500);
}
