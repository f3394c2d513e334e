import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, ConflictError, ValidationError } from "@/server/errors";
import { log } from "@/server/log";
import { databaseUnavailable, isDatabaseUnavailable } from "@/server/db/unavailable";

const codeFor: Record<AppError["code"], TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  REAUTH_REQUIRED: "PRECONDITION_FAILED",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** The one place service errors become tRPC errors; unknown causes are logged, never sent. */
export function toTRPCError(err: unknown, path?: string): TRPCError {
  if (err instanceof TRPCError) {
    if (err.cause instanceof AppError || err.cause instanceof ZodError) return toTRPCError(err.cause, path);
    if (err.code === "INTERNAL_SERVER_ERROR") return toTRPCError(err.cause ?? new Error(err.message), path);
    return err;
  }
  if (err instanceof AppError) return new TRPCError({ code: codeFor[err.code], message: err.message, cause: err });
  // The database stopped or restarting: a 503 the caller can retry, not a logged 500.
  if (isDatabaseUnavailable(err)) return toTRPCError(databaseUnavailable(), path);
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new TRPCError({ code: "BAD_REQUEST", message: `${where}${first?.message ?? "Invalid input"}`, cause: err });
  }
  log.error("unhandled error in tRPC procedure", { path, error: err instanceof Error ? err : String(err) });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong. The error was logged." });
}

/** Per-field messages that forms display beside their inputs. */
export function fieldErrorsOf(cause: unknown): Record<string, string> | null {
  if (cause instanceof ValidationError) return cause.fieldErrors;
  if (cause instanceof ConflictError && cause.field) return { [cause.field]: cause.message };
  if (cause instanceof ZodError) {
    const out: Record<string, string> = {};
    for (const i of cause.issues) out[i.path.join(".") || "_"] ??= i.message;
    return out;
  }
  return null;
}

export interface PublicError {
  code: AppError["code"] | "INTERNAL";
  message: string;
  fieldErrors: Record<string, string> | null;
}

/** The same mapping for server actions, which answer a result instead of throwing. */
export function toPublicError(err: unknown, where: string): PublicError {
  const mapped = toTRPCError(err, where);
  const cause = mapped.cause;
  const code = cause instanceof AppError ? cause.code : cause instanceof ZodError ? "VALIDATION" : "INTERNAL";
  return { code, message: mapped.message, fieldErrors: fieldErrorsOf(cause) };
}
