import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
}

// Next bundles its own copy of this module beside the custom server's copy; both must see the
// same store, or lines logged inside Next would lose the request id set by server.ts.
const STORE_KEY = Symbol.for("connections-manager.request-context");
type GlobalWithStore = typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<RequestContext> };

function store(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as GlobalWithStore;
  g[STORE_KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[STORE_KEY];
}

export function currentRequest(): RequestContext | undefined {
  return store().getStore();
}

export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return store().run(ctx, fn);
}

// An incoming id is echoed back and logged, so only a short, plain token is trusted.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a short plain token, else a fresh one. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
