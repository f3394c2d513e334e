import { describe, expect, it } from "vitest";
import { connectionReference, findReferences, referencedExternalIds, rewriteReferences, rewriteReferencesInJson } from "./connection-ref";

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

describe("rewriteReferencesInJson", () => {
  it("rewrites the same strings as rewriteReferences and keeps every other character, numbers above all", () => {
    const json = String.raw`{"auth": "{{connections['old']}}", "channel": 12345678901234567890, "rate": 1.50, "huge": 1e400, "list": [0.1, "x {{ connections[\"old\"].token }} \u00e9\n", {"{{connections['old']}}": "key stays"}], "none": null}`;
    const out = rewriteReferencesInJson(json, "old", "new");
    expect(out).toBe(
      String.raw`{"auth": "{{connections['new']}}", "channel": 12345678901234567890, "rate": 1.50, "huge": 1e400, "list": [0.1, "x {{ connections[\"new\"].token }} é\n", {"{{connections['old']}}": "key stays"}], "none": null}`,
    );
    // Where JSON.parse is exact, the result is rewriteReferences's.
    const exact = { a: "{{connections['old']}}", b: ["{{connections['old'].x}} {{connections['keep']}}", { c: 'Bearer {{connections["old"]}}' }], d: 2 };
    expect(JSON.parse(rewriteReferencesInJson(JSON.stringify(exact), "old", "new"))).toEqual(rewriteReferences(exact, "old", "new"));
  });

  it("returns the same text when nothing references the id, and refuses text that is not JSON", () => {
    const json = String.raw`{"a": "{{connections['keep']}}", "b": "say \"hi\"", "n": 1.0}`;
    expect(rewriteReferencesInJson(json, "old", "new")).toBe(json);
    expect(() => rewriteReferencesInJson(`{"a": "{{connections['old']}}`, "old", "new")).toThrow(SyntaxError);
  });

  it("leaves strings deeper than rewriteReferences looks, as it does", () => {
    const deep = (levels: number) => `${"[".repeat(levels)}"{{connections['old']}}"${"]".repeat(levels)}`;
    for (const levels of [64, 65]) {
      const value = JSON.parse(deep(levels)) as unknown;
      expect(JSON.parse(rewriteReferencesInJson(deep(levels), "old", "new"))).toEqual(rewriteReferences(value, "old", "new"));
    }
    expect(rewriteReferencesInJson(deep(64), "old", "new")).toContain("new");
    expect(rewriteReferencesInJson(deep(65), "old", "new")).not.toContain("new");
  });
});
