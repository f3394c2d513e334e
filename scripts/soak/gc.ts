import WebSocket from "ws";

/**
 * Asks an instance for a full garbage collection through its inspector (opened by the soak on a
 * loopback port, never by the product), so the RSS read next counts memory the process holds,
 * not garbage V8 has not got round to. Resolves false when the instance or its inspector is gone;
 * bounded by `timeoutMs` whatever happens.
 */
export async function collectGarbage(inspectPort: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = AbortSignal.timeout(timeoutMs);
  let url: string | undefined;
  try {
    const res = await fetch(`http://127.0.0.1:${inspectPort}/json/list`, { signal: deadline });
    const targets = (await res.json()) as { webSocketDebuggerUrl?: string }[];
    url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  } catch {
    return false;
  }
  if (!url) return false;
  return new Promise<boolean>((resolve) => {
    const ws = new WebSocket(url);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on("error", () => {});
      ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), Math.max(1, timeoutMs - 100));
    ws.on("open", () => ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
    ws.on("message", (data) => {
      try {
        const msg = JSON.parse(String(data)) as { id?: number; error?: unknown };
        if (msg.id === 1) done(msg.error === undefined);
      } catch {
        // not ours
      }
    });
    ws.on("error", () => done(false));
    ws.on("close", () => done(false));
  });
}
