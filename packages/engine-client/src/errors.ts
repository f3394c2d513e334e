/** An answer from the engine API that is not a success, or a request that never got one. */
export class EngineApiError extends Error {
  /** HTTP status; 0 when no answer came (network error or timeout). */
  readonly status: number;
  /** The API's error code (e.g. "connection_not_found"), or "network_error" / "timeout" / "invalid_response". */
  readonly code: string;
  /** For 400 invalid_request: each bad field and what is wrong with it. */
  readonly fieldErrors: Record<string, string> | undefined;
  /** The server's X-Request-Id, to find the request in its logs. */
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** The operation that failed, e.g. "getConnection". */
  readonly operation: string;
  /** The rest of the error body (e.g. keyId for connection_undecryptable), never a credential. */
  readonly details: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    operation: string;
    fieldErrors?: Record<string, string>;
    requestId?: string;
    retryAfterSeconds?: number;
    details?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(
      `${init.operation}: ${init.status ? `${init.status} ` : ""}${init.code}: ${init.message}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "EngineApiError";
    this.status = init.status;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.operation = init.operation;
    this.details = init.details ?? {};
  }
}

/** True for an EngineApiError with this status or code. */
export function isEngineApiError(err: unknown, statusOrCode?: number | string): err is EngineApiError {
  if (!(err instanceof EngineApiError)) return false;
  if (statusOrCode === undefined) return true;
  return typeof statusOrCode === "number" ? err.status === statusOrCode : err.code === statusOrCode;
}
