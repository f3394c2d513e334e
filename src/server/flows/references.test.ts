import { describe, expect, it } from "vitest";
import { versionUse } from "./dto";
import { flowReferences, indexRowsOf } from "./references";

const step = (name: string, input: Record<string, unknown>) => ({ name, pieceName: "openai", input });

describe("flowReferences", () => {
  it("lists each (version, step, externalId) once, wherever the reference sits in the input", () => {
    const draft = [step("a", { auth: "{{connections['x']}}", headers: { h: "Bearer {{connections['x'].token}} {{connections['y']}}" } }), step("b", {})];
    const published = [step("a", { auth: "{{connections['z']}}" })];
    expect(flowReferences(draft, published)).toEqual([
      { version: "DRAFT", stepName: "a", externalId: "x" },
      { version: "DRAFT", stepName: "a", externalId: "y" },
      { version: "PUBLISHED", stepName: "a", externalId: "z" },
    ]);
    expect(flowReferences(draft, null).every((r) => r.version === "DRAFT")).toBe(true);
  });
});

describe("indexRowsOf", () => {
  it("folds a flow's references into one index row per externalId, steps sorted and listed once per version", () => {
    const draft = [step("b", { auth: "{{connections['x']}}" }), step("a", { auth: "{{connections['x']}}", other: "{{connections['x'].token}}" })];
    const published = [step("a", { auth: "{{connections['x']}}" }), step("c", { auth: "{{connections['y']}}" }), step("c", { again: "{{connections['y']}}" })];
    expect(indexRowsOf(flowReferences(draft, published))).toEqual([
      { externalId: "x", draftSteps: ["a", "b"], publishedSteps: ["a"] },
      { externalId: "y", draftSteps: [], publishedSteps: ["c"] },
    ]);
    expect(indexRowsOf([])).toEqual([]);
  });
});

describe("versionUse", () => {
  it("says which versions use a connection", () => {
    expect(versionUse(["DRAFT"])).toBe("DRAFT");
    expect(versionUse(["PUBLISHED", "PUBLISHED"])).toBe("PUBLISHED");
    expect(versionUse(["PUBLISHED", "DRAFT"])).toBe("BOTH");
  });
});
