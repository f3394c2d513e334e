import { EngineApiError } from "./errors";

export interface RetryOptions {
  /** Retries after the first attempt (default 3): on 503 always, on a network error or timeout only for idempotent calls. */
  retries?: number;
  /** First backoff in ms (default 250); doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** Longest backoff in ms (default 5 000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this (ms, default 30 000) is not waited for: the error is thrown. */
  maxRetryAfterMs?: number;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  /** Per attempt, in ms (default 10 000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Another fetch (a proxy agent, a test double of the network); default globalThis.fetch. */
  fetch?: typeof fetch;
  userAgent?: string;
  /** Called before each retry; the info never holds a credential. */
  onRetry?: (info: RetryInfo) => void;
  /** Injected for tests of the backoff arithmetic; default Math.random. */
  random?: () => number;
}

export interface RetryInfo {
  operation: string;
  attempt: number;
  delayMs: number;
  status: number;
  code: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (ms). */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export interface Request {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** Safe to send again after a network error (GET, PUT, DELETE, and resolve which only reads). */
  idempotent: boolean;
  call?: CallOptions;
  headers?: Record<string, string>;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random; never above maxDelayMs. */
export function backoffMs(attempt: number, retry: Required<RetryOptions>, random: () => number): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + (step / 2) * random());
}

function errorFrom(operation: string, res: Response, body: unknown, sentId: string): EngineApiError {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const { error, message, fieldErrors, ...details } = b;
  const after = retryAfterMs(res.headers.get("retry-after"));
  return new EngineApiError({
    status: res.status,
    code: typeof error === "string" ? error : `http_${res.status}`,
    message: typeof message === "string" ? message : res.statusText || "Request failed",
    operation,
    fieldErrors: fieldErrors && typeof fieldErrors === "object" ? (fieldErrors as Record<string, string>) : undefined,
    requestId: res.headers.get("x-request-id") ?? sentId,
    retryAfterSeconds: after === undefined ? undefined : Math.ceil(after / 1000),
    details,
  });
}

function requestId(): string {
  return globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function createTransport(opts: TransportOptions) {
  let base: URL;
  try {
    base = new URL(opts.baseUrl);
  } catch {
    throw new TypeError("baseUrl must be an absolute URL, e.g. http://localhost:3000");
  }
  if (!opts.apiKey) throw new TypeError("apiKey is required (Settings → API keys)");
  const root = `${base.origin}${base.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "")}/api/v1`;
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const retry: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 5_000, maxRetryAfterMs: 30_000, ...opts.retry };
  const random = opts.random ?? Math.random;

  function urlOf(req: Request): string {
    const url = new URL(root + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
    return url.toString();
  }

  async function attempt(req: Request, id: string): Promise<Response> {
    const headers = new Headers({ accept: "application/json", "x-request-id": id, ...req.headers, ...req.call?.headers });
    headers.set("authorization", `Bearer ${opts.apiKey}`);
    if (opts.userAgent) headers.set("user-agent", opts.userAgent);
    if (req.body !== undefined) headers.set("content-type", "application/json");
    const timeout = AbortSignal.timeout(req.call?.timeoutMs ?? opts.timeoutMs ?? 10_000);
    const signal = req.call?.signal ? AbortSignal.any([req.call.signal, timeout]) : timeout;
    try {
      return await doFetch(urlOf(req), { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal });
    } catch (err) {
      if (req.call?.signal?.aborted) throw req.call.signal.reason;
      const timedOut = timeout.aborted;
      // The cause is kept for debugging; it is the network's error, which never holds the request's headers.
      throw new EngineApiError({
        status: 0,
        code: timedOut ? "timeout" : "network_error",
        message: timedOut ? `No answer within ${req.call?.timeoutMs ?? opts.timeoutMs ?? 10_000} ms` : `Could not reach ${base.origin}`,
        operation: req.operation,
        requestId: id,
        cause: timedOut ? undefined : err,
      });
    }
  }

  async function read(req: Request, res: Response, id: string): Promise<unknown> {
    const text = await res.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      if (!res.ok) return undefined;
      throw new EngineApiError({ status: res.status, code: "invalid_response", message: "The answer is not JSON", operation: req.operation, requestId: id });
    }
  }

  async function send<T>(req: Request, expect: number[]): Promise<Answer<T>> {
    const id = requestId();
    for (let n = 0; ; n++) {
      let failure: EngineApiError;
      let wait: number | undefined;
      let res: Response | undefined;
      try {
        res = await attempt(req, id);
      } catch (err) {
        // No answer: only a call that is safe to repeat is sent again.
        if (!(err instanceof EngineApiError) || !req.idempotent) throw err;
        failure = err;
      }
      if (res) {
        const body = await read(req, res, id);
        if (expect.includes(res.status)) return { status: res.status, body: body as T, headers: res.headers };
        failure = errorFrom(req.operation, res, body, id);
        // 503: the server did not do it (unavailable, or the provider behind it); anything else is final.
        if (res.status !== 503) throw failure;
        wait = retryAfterMs(res.headers.get("retry-after"));
        if (wait !== undefined && wait > retry.maxRetryAfterMs) throw failure;
      }
      if (n >= retry.retries) throw failure!;
      const delayMs = Math.max(wait ?? 0, backoffMs(n, retry, random));
      opts.onRetry?.({ operation: req.operation, attempt: n + 1, delayMs, status: failure!.status, code: failure!.code });
      await sleep(delayMs, req.call?.signal);
    }
  }

  return { send, root };
}

export type Transport = ReturnType<typeof createTransport>;
