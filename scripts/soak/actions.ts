import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LB } from "./config";
import { call, type Answer, type Outcome } from "./http";

/**
 * Delete and Replace are server actions, called over HTTP as the browser calls them: POST to the
 * page with `Next-Action: <id>` and the arguments as JSON. The ids come from the build's client
 * chunks (each action is referenced there by id and exported name).
 */
export interface ServerActions {
  call: (
    kind: string,
    cookie: string,
    name: string,
    args: unknown[],
  ) => Promise<Answer & { result?: { ok: boolean; code?: string; data?: unknown; message?: string } }>;
  /** acked: the action answered ok; refused: it answered an error (or the request was refused); unknown: no answer. */
  outcome: (a: Answer & { result?: { ok: boolean } }) => Outcome;
}

function* files(dir: string, depth = 0): Generator<string> {
  if (depth > 8 || !existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full, depth + 1);
    else if (name.endsWith(".js")) yield full;
  }
}

export function findActionIds(nextDir: string, names: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files(path.join(nextDir, "static", "chunks"))) {
    const text = readFileSync(file, "utf8");
    for (const name of names) {
      if (found.has(name) || !text.includes(`"${name}"`)) continue;
      const re = new RegExp(`\\(\\s*"([0-9a-f]{40,})"[^()]{0,200}?"${name}"\\s*\\)`);
      const m = re.exec(text);
      if (m) found.set(name, m[1]!);
    }
    if (found.size === names.length) break;
  }
  return found;
}

/** The value the action returned, from the RSC answer ("1:{…}" is the result of the call). */
function actionResult(text: string): { ok: boolean; code?: string; message?: string; data?: unknown } | undefined {
  for (const line of text.split("\n")) {
    const m = /^1:(.*)$/.exec(line);
    if (!m) continue;
    try {
      return JSON.parse(m[1]!) as { ok: boolean };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function serverActions(nextDir: string, projectId: string): ServerActions | null {
  const ids = findActionIds(nextDir, ["deleteConnectionsAction", "replaceConnectionAction", "previewReplaceAction"]);
  if (ids.size < 3) return null;
  return {
    call: async (kind, cookie, name, args) => {
      const a = await call(kind, `/p/${projectId}/connections`, {
        headers: { cookie, origin: LB, "next-action": ids.get(name)!, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify(args),
      });
      return { ...a, result: a.status === 200 ? actionResult(a.text) : undefined };
    },
    outcome: (a) => {
      if (a.status === 200 && a.result) return a.result.ok ? "acked" : "refused";
      if ((a.status >= 400 && a.status < 500) || a.status === 503) return "refused";
      return "unknown";
    },
  };
}
