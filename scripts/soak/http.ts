import { performance } from "node:perf_hooks";
import { LB } from "./config";

/** One request the driver made: what, when (ms since the soak's clock started), how it ended, who answered. */
export interface Sample {
  kind: string;
  start: number;
  end: number;
  /** HTTP status; 0 when no answer came (connection error or timeout). */
  status: number;
  /** The instance HAProxy sent it to (X-Soak-Server), or "" */
  server: string;
  /** The `error` code of a JSON error body, or the transport error. */
  error?: string;
  /** What the request was about, when the checks need it (the connection a resolve asked for). */
  tag?: string;
}

export const clock = { t0: performance.now() };
export const now = () => performance.now() - clock.t0;
export const samples: Sample[] = [];
const MAX_SAMPLES = 2_000_000;

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
  sample: Sample;
}

/** One request through the load balancer (or to `base`), bounded by a timeout, recorded as a Sample. */
export async function call(
  kind: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; base?: string; timeoutMs?: number; record?: boolean; tag?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const start = now();
  let status = 0;
  let text = "";
  let resHeaders = new Headers();
  let error: string | undefined;
  try {
    const res = await fetch(`${init.base ?? LB}${path}`, {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    status = res.status;
    resHeaders = res.headers;
    text = await res.text();
  } catch (err) {
    error = `transport: ${(err as Error).name === "TimeoutError" ? "timeout" : (((err as Error).cause as Error | undefined)?.message ?? (err as Error).message)}`;
  }
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!error && status >= 400) {
    const e = (parsed as { error?: unknown } | undefined)?.error;
    error = typeof e === "string" ? e : Array.isArray(parsed) ? trpcError(parsed) : text.slice(0, 80);
  }
  const sample: Sample = {
    kind,
    start,
    end: now(),
    status,
    server: resHeaders.get("x-soak-server") ?? "",
    ...(error ? { error } : {}),
    ...(init.tag ? { tag: init.tag } : {}),
  };
  if (init.record !== false && samples.length < MAX_SAMPLES) samples.push(sample);
  return { status, body: parsed, text, headers: resHeaders, sample };
}

function trpcError(batch: unknown[]): string {
  const first = batch[0] as { error?: { json?: { message?: string; data?: { code?: string } } } } | undefined;
  const e = first?.error?.json;
  return e ? `${e.data?.code ?? "trpc"}: ${e.message ?? ""}`.slice(0, 120) : "";
}

/** The data of a one-call tRPC batch answer, or undefined. */
export function trpcData<T>(answer: Answer): T | undefined {
  const batch = answer.body as { result?: { data?: { json?: T } } }[] | undefined;
  return Array.isArray(batch) ? batch[0]?.result?.data?.json : undefined;
}

export const cookiesOf = (res: Headers) => res.getSetCookie().map((c) => c.split(";")[0]!);

/** How a write ended as the driver saw it: acknowledged (2xx), refused (4xx, or 503 with an error), or unknown (no answer, 502, 504). */
export type Outcome = "acked" | "refused" | "unknown";
export function outcomeOf(a: Answer): Outcome {
  if (a.status >= 200 && a.status < 300) return "acked";
  if ((a.status >= 400 && a.status < 500) || a.status === 503) return "refused";
  return "unknown";
}
