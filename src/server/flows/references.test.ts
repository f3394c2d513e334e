import { describe, expect, it } from "vitest";
import { versionUse } from "./dto";
import { flowReferences } from "./references";

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

describe("versionUse", () => {
  it("says which versions use a connection", () => {
    expect(versionUse(["DRAFT"])).toBe("DRAFT");
    expect(versionUse(["PUBLISHED", "PUBLISHED"])).toBe("PUBLISHED");
    expect(versionUse(["PUBLISHED", "DRAFT"])).toBe("BOTH");
  });
});
