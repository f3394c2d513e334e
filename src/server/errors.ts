/** Typed service errors. One mapper per door (tRPC, HTTP) turns them into responses. */
export class AppError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "VALIDATION" | "UNAUTHORIZED" | "REAUTH_REQUIRED" | "UNAVAILABLE",
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what = "Resource", message?: string) {
    super("NOT_FOUND", message ?? `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this") {
    super("FORBIDDEN", message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue") {
    super("UNAUTHORIZED", message);
  }
}

export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super("CONFLICT", message);
  }
}

/** Bad input. `fieldErrors` lets forms show each message beside its field. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super("VALIDATION", message);
  }
}

export class ReauthRequiredError extends AppError {
  constructor(message = "Access was revoked or expired — Reconnect") {
    super("REAUTH_REQUIRED", message);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string) {
    super("UNAVAILABLE", message);
  }
}

/** PostgreSQL unique violation on a named constraint/index, whichever driver raised it. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const rec = e as { code?: string; constraint?: string; constraint_name?: string; message?: string; cause?: unknown };
    if (rec.code === "23505") {
      if (!constraint) return true;
      const name = rec.constraint ?? rec.constraint_name ?? "";
      return name === constraint || (rec.message ?? "").includes(constraint);
    }
    e = rec.cause;
  }
  return false;
}
