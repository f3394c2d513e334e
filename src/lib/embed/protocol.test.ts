import { describe, expect, it } from "vitest";
import { envelope, isAllowedOrigin, normaliseOrigin, parseHostMessage, parsePickerMessage } from "./protocol";

const allowed = ["https://editor.example.com", "http://127.0.0.1:3221"];

describe("embed protocol", () => {
  it("normalises origins and refuses non-origins", () => {
    expect(normaliseOrigin("https://Editor.Example.com/path?q")).toBe("https://editor.example.com");
    expect(normaliseOrigin("javascript:alert(1)")).toBeNull();
    expect(normaliseOrigin("not a url")).toBeNull();
  });

  it("allows exact origins only", () => {
    expect(isAllowedOrigin("https://editor.example.com", allowed)).toBe(true);
    expect(isAllowedOrigin("https://editor.example.com.evil.test", allowed)).toBe(false);
    expect(isAllowedOrigin("http://editor.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("http://127.0.0.1:3222", allowed)).toBe(false);
    expect(isAllowedOrigin("null", allowed)).toBe(false);
    expect(isAllowedOrigin(undefined, allowed)).toBe(false);
  });

  it("accepts versioned host messages from allowed origins only", () => {
    const msg = envelope({ type: "select-piece", pieceName: "gmail" } as const);
    expect(parseHostMessage({ origin: "https://editor.example.com", data: msg }, allowed)).toEqual({ type: "select-piece", pieceName: "gmail" });
    expect(parseHostMessage({ origin: "https://evil.test", data: msg }, allowed)).toBeNull();
    expect(parseHostMessage({ origin: "https://editor.example.com", data: { ...msg, v: 2 } }, allowed)).toBeNull();
    expect(parseHostMessage({ origin: "https://editor.example.com", data: { ...msg, source: "other" } }, allowed)).toBeNull();
    expect(parseHostMessage({ origin: "https://editor.example.com", data: { ...msg, pieceName: "../../x" } }, allowed)).toBeNull();
    expect(parseHostMessage({ origin: "https://editor.example.com", data: "select-piece" }, allowed)).toBeNull();
    expect(parseHostMessage({ origin: "https://editor.example.com", data: envelope({ type: "set-selected", externalId: null }) }, allowed)).toEqual({
      type: "set-selected",
      externalId: null,
    });
  });

  it("host side: accepts picker messages only from the picker's origin", () => {
    const msg = envelope({ type: "resize", height: 420 } as const);
    expect(parsePickerMessage({ origin: "http://localhost:3217", data: msg }, "http://localhost:3217")).toMatchObject({ type: "resize", height: 420 });
    expect(parsePickerMessage({ origin: "http://localhost:9999", data: msg }, "http://localhost:3217")).toBeNull();
    expect(parsePickerMessage({ origin: "http://localhost:3217", data: { ...msg, type: "steal" } }, "http://localhost:3217")).toBeNull();
  });
});
