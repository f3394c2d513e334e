import { describe, expect, it } from "vitest";
import type { Bundle } from "./bundle";
import { ImportConflictError, planImport, type Existing } from "./plan-import";

const conn = (externalId: string, displayName: string) => ({
  externalId,
  displayName,
  pieceName: "openai",
  type: "SECRET_TEXT" as const,
  status: "ACTIVE" as const,
  statusReason: null,
  valueHints: {},
  tokenExpiresAt: null,
  value: { type: "SECRET_TEXT", secret_text: "x" },
});
const bundle: Bundle = {
  exportedAt: "2026-01-01T00:00:00.000Z",
  source: { projectName: "P" },
  connections: [conn("openai", "OpenAI"), conn("fresh", "Fresh one")],
  flows: [
    {
      id: "report",
      name: "Report",
      enabled: true,
      draft: [{ name: "s", pieceName: "openai", input: { auth: "{{connections['openai']}}" } }],
      published: null,
      publishedAt: null,
    },
  ],
  oauthApps: [],
};
const existing = (): Existing => ({ names: new Set(["openai"]), externalIds: new Set(["openai"]), flowIds: new Set(["report"]) });

describe("planImport", () => {
  it("stops with every clash listed", () => {
    try {
      planImport(bundle, existing(), "stop");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ImportConflictError);
      expect((err as ImportConflictError).conflicts).toEqual([
        { kind: "name", value: "OpenAI" },
        { kind: "externalId", value: "openai" },
        { kind: "flow", value: "report" },
      ]);
      expect((err as Error).message).toMatch(/Nothing was imported: 3 items/);
    }
  });

  it("skips the clashing items and keeps the rest", () => {
    const plan = planImport(bundle, existing(), "skip");
    expect(plan.connections.map((c) => c.externalId)).toEqual(["fresh"]);
    expect(plan.flows).toEqual([]);
    expect(plan.skipped).toBe(2);
  });

  it("renames clashes and points imported flows at the renamed external ids", () => {
    const plan = planImport(bundle, existing(), "rename");
    expect(plan.connections[0]).toMatchObject({ externalId: "openai-imported", displayName: "OpenAI (imported)" });
    expect(plan.flows[0]).toMatchObject({ id: "report-imported", draft: [{ input: { auth: "{{connections['openai-imported']}}" } }] });
    expect(plan.renamed).toBe(2);
  });

  it("imports everything unchanged into an empty project", () => {
    const plan = planImport(bundle, { names: new Set(), externalIds: new Set(), flowIds: new Set() }, "stop");
    expect(plan.connections.map((c) => c.externalId)).toEqual(["openai", "fresh"]);
    expect(plan.flows[0]!.id).toBe("report");
  });
});
