import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "./trpc-transformer";

const sample = {
  items: [
    { id: "a", createdAt: new Date("2026-01-02T03:04:05.678Z"), lastUsedAt: null, tags: ["x", undefined, "y"] },
    { id: "b", createdAt: new Date(0), lastUsedAt: new Date(86_400_000), tags: [] },
  ],
  "odd.key\\name": { at: new Date(1) },
  total: 2,
  exact: true,
  nothing: null,
};

describe("tRPC transformer", () => {
  it("round-trips JSON with Dates, undefined array slots and keys holding dots", () => {
    const back = deserialize(JSON.parse(JSON.stringify(serialize(sample))));
    expect(back).toEqual(sample);
    expect((back as typeof sample).items[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("speaks superjson's wire format both ways", () => {
    const ours = JSON.parse(JSON.stringify(serialize(sample)));
    expect(superjson.deserialize(ours)).toEqual(sample);
    expect(deserialize(JSON.parse(JSON.stringify(superjson.serialize(sample))))).toEqual(sample);
    expect(deserialize(JSON.parse(JSON.stringify(superjson.serialize(new Date(5)))))).toEqual(new Date(5));
    expect(superjson.deserialize(serialize(new Date(5)) as never)).toEqual(new Date(5));
    expect(deserialize(superjson.serialize(undefined))).toBeUndefined();
    expect(deserialize(serialize(undefined))).toBeUndefined();
  });

  it("sends plain JSON without a meta block", () => {
    expect(serialize({ projectId: "p", page: 1 })).toEqual({ json: { projectId: "p", page: 1 } });
    expect(deserialize({ json: { page: 1 } })).toEqual({ page: 1 });
    expect(deserialize({})).toBeUndefined();
  });

  it("refuses to send what JSON would mangle, naming where it is", () => {
    expect(() => serialize({ a: [new Map()] })).toThrow(/Map at "a\.0"/);
    expect(() => serialize({ n: 10n })).toThrow(/bigint at "n"/);
    expect(() => serialize({ d: new Date(Number.NaN) })).toThrow(/invalid Date at "d"/);
    expect(() => serialize({ x: Number.POSITIVE_INFINITY })).toThrow(/non-finite/);
  });

  it("refuses annotations it does not know, paths that lead nowhere and prototype keys", () => {
    expect(() => deserialize({ json: { a: "1" }, meta: { values: { a: ["bigint"] } } })).toThrow(TypeError);
    expect(() => deserialize({ json: { a: 5 }, meta: { values: { a: ["Date"] } } })).toThrow(TypeError);
    expect(() => deserialize({ json: {}, meta: { values: { "a.b": ["Date"] } } })).toThrow(/no value/);
    expect(() => deserialize({ json: {}, meta: { values: { "__proto__.polluted": ["undefined"] } } })).toThrow(/no value/);
    expect(() => deserialize({ json: { constructor: { prototype: {} } }, meta: { values: { "constructor.prototype": ["undefined"] } } })).toThrow(/no value/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => deserialize(null)).toThrow(TypeError);
  });
});
