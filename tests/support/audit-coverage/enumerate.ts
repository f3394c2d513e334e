import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { appRouter } from "@/server/api/root";
import type { createEngineApp } from "@/server/http/engine-app";

const SRC = path.resolve(import.meta.dirname, "../../../src");

/** Every tRPC mutation, by path ("member.add"), read from the router itself at run time. */
export function trpcMutations(): string[] {
  // At run time `procedures` is flat, keyed by dotted path (its static type mirrors the nesting).
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type === "mutation")
    .map(([name]) => `trpc:${name}`)
    .sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/**
 * Modules of server actions: any file under src/ whose first statement is "use server"
 * (src/app/**\/actions.ts today, src/server/actions/** tomorrow: wherever they live).
 */
export function serverActionModules(): string[] {
  return walk(SRC).filter((file) => {
    const code = readFileSync(file, "utf8").replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
    return /^["']use server["']/.test(code);
  });
}

/** Every exported server action, keyed by its export name ("action:deleteConnectionsAction") so a move of its file keeps the key. */
export async function serverActions(): Promise<Map<string, (...args: never[]) => Promise<unknown>>> {
  const found = new Map<string, (...args: never[]) => Promise<unknown>>();
  for (const file of serverActionModules()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const key = `action:${name}`;
      if (found.has(key)) throw new Error(`two server actions export ${name}: give one another name`);
      found.set(key, value as (...args: never[]) => Promise<unknown>);
    }
  }
  return found;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Every mutating route of the machine API ("http:PUT /api/v1/flows/:id"), from the Hono app's route table. */
export function httpMutations(app: ReturnType<typeof createEngineApp>["app"]): string[] {
  return [...new Set(app.routes.filter((r) => MUTATING.has(r.method.toUpperCase())).map((r) => `http:${r.method.toUpperCase()} ${r.path}`))].sort();
}
