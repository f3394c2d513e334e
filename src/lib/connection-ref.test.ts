import { describe, expect, it } from "vitest";
import { connectionReference, findReferences, referencedExternalIds, rewriteReferences } from "./connection-ref";

describe("findReferences", () => {
  it("reads the id and the path of each reference, with either quote and spaces", () => {
    const refs = findReferences(`Bearer {{connections['slack-ops'].access_token}} and {{ connections["pg"]['props'].host }}`);
    expect(refs.map((r) => [r.externalId, r.path])).toEqual([
      ["slack-ops", ["access_token"]],
      ["pg", ["props", "host"]],
    ]);
    expect(refs[0]!.raw).toBe("{{connections['slack-ops'].access_token}}");
  });

  it("reads array indexes in a path", () => {
    expect(findReferences("{{connections['x'].list[2].name}}")[0]!.path).toEqual(["list", "2", "name"]);
  });

  it("ignores look-alikes", () => {
    for (const text of [
      "{{connections[x]}}",
      "{{connection['x']}}",
      "{{connections['x']",
      "connections['x']",
      "{{connections['a\"]}}",
      "{{connections['']}}",
    ]) {
      expect(findReferences(text)).toEqual([]);
    }
  });

  it("round-trips connectionReference", () => {
    expect(findReferences(connectionReference("gmail-support"))[0]!.externalId).toBe("gmail-support");
  });
});

describe("referencedExternalIds", () => {
  it("walks nested objects and arrays but not keys", () => {
    const ids = referencedExternalIds({
      auth: "{{connections['a']}}",
      nested: { list: [1, true, null, "x {{connections['b'].token}} y", { deep: "{{connections['a']}}" }] },
      "{{connections['key-only']}}": "plain",
    });
    expect([...ids].sort()).toEqual(["a", "b"]);
  });
});

describe("rewriteReferences", () => {
  it("rewrites only the given id, keeping quotes, paths and surrounding text", () => {
    const input = {
      auth: "{{connections['old']}}",
      header: `Bearer {{ connections["old"].access_token }}`,
      other: "{{connections['older']}} {{connections['old2']}}",
      list: ["{{connections['old']}}-{{connections['keep']}}"],
    };
    expect(rewriteReferences(input, "old", "new")).toEqual({
      auth: "{{connections['new']}}",
      header: `Bearer {{ connections["new"].access_token }}`,
      other: "{{connections['older']}} {{connections['old2']}}",
      list: ["{{connections['new']}}-{{connections['keep']}}"],
    });
  });

  it("returns the very same object when nothing references the id", () => {
    const input = { a: ["{{connections['keep']}}"], b: { c: 1 } };
    expect(rewriteReferences(input, "old", "new")).toBe(input);
  });

  it("does not interpret $ patterns in the new id", () => {
    expect(rewriteReferences("{{connections['old']}}", "old", "a$&b")).toBe("{{connections['a$&b']}}");
  });
});
