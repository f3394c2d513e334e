import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exceedsJsonDepth, jsonTextExceedsDepth, MAX_JSON_DEPTH, zDate, zJsonObject, zText } from "./primitives";
import { ZListAuditInput } from "./audit";
import { ZSaveFlowInput } from "./flows";

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = i % 2 ? { k: value } : [value];
  return value;
}

describe("zText", () => {
  const name = z.object({ name: zText({ max: 10 }).trim().min(1) });
  const note = z.object({ note: zText({ max: 100, multiline: true }) });

  it.each(["\u0000", "a\u0000b", "\u0001", "\u001b[31m", "a\u007f", "tab\there", "line\nbreak", "\r", "\ud800", "a\udc00b"])(
    "refuses %j in a one-line field, naming it",
    (bad) => {
      const result = name.safeParse({ name: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["name"]);
    },
  );

  it("checks before trimming: a leading tab is not trimmed away", () => {
    expect(name.safeParse({ name: "\tabc" }).success).toBe(false);
  });

  it("lets multi-line fields keep tabs and line breaks, never NUL or other controls", () => {
    expect(note.parse({ note: "a\tb\r\nc" })).toEqual({ note: "a\tb\r\nc" });
    expect(note.safeParse({ note: "a\u0000" }).success).toBe(false);
    expect(note.safeParse({ note: "a\u0008" }).success).toBe(false);
  });

  it("keeps ordinary text, unicode included, and bounds the length", () => {
    expect(name.parse({ name: "  Café ✓ 😀" })).toEqual({ name: "Café ✓ 😀" });
    expect(name.safeParse({ name: "x".repeat(11) }).error?.issues[0]?.message).toBe("Use at most 10 characters");
  });
});

describe("JSON depth", () => {
  it("measures objects and arrays alike, at the limit and one past it", () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTextExceedsDepth(JSON.stringify(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTextExceedsDepth(JSON.stringify(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
  });

  it("answers for 100,000 levels without recursing", () => {
    expect(exceedsJsonDepth(nested(100_000))).toBe(true);
    expect(jsonTextExceedsDepth("[".repeat(100_000))).toBe(true);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(jsonTextExceedsDepth(JSON.stringify({ a: "[".repeat(500) + '\\"{{{' }))).toBe(false);
  });
});

describe("zJsonObject", () => {
  const schema = z.object({ input: zJsonObject() });

  it("refuses NUL in a nested string or key, naming where", () => {
    const result = schema.safeParse({ input: { a: { b: ["ok", "x\u0000y"] } } });
    expect(result.error?.issues[0]?.path).toEqual(["input", "a", "b", "1"]);
    expect(schema.safeParse({ input: { ["k\u0000"]: 1 } }).success).toBe(false);
    expect(schema.safeParse({ input: { a: "\ud800" } }).success).toBe(false);
  });

  it("refuses a value nested deeper than the limit and keeps user text with newlines", () => {
    expect(schema.safeParse({ input: { deep: nested(5000) } }).success).toBe(false);
    expect(schema.parse({ input: { prompt: "line 1\nline 2\t!" } })).toEqual({ input: { prompt: "line 1\nline 2\t!" } });
  });

  it("is what a flow step's input is checked with", () => {
    const step = { name: "s", pieceName: "openai", input: { deep: nested(5000) } };
    expect(ZSaveFlowInput.safeParse({ flowId: "f", name: "F", draft: [step] }).success).toBe(false);
  });
});

describe("zDate", () => {
  it("accepts 1970 to 9999 and refuses the rest, naming the field", () => {
    expect(zDate().parse("2026-01-01")).toEqual(new Date("2026-01-01"));
    expect(zDate().safeParse("1969-12-31T23:59:59Z").success).toBe(false);
    expect(zDate().safeParse("+099999-01-01T00:00:00Z").success).toBe(false);
    expect(zDate().safeParse("not a date").success).toBe(false);
    const result = ZListAuditInput.safeParse({ from: new Date(Date.UTC(99999, 0, 1)) });
    expect(result.error?.issues[0]?.path).toEqual(["from"]);
  });
});
