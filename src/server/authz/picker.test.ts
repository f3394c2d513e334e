import { describe, expect, it } from "vitest";
import { pickerMayCall, requirePickerMayCall } from "./picker";

describe("the picker's capability", () => {
  it("allows only the listed procedures", () => {
    expect(pickerMayCall("connection.create", {})).toBe(true);
    expect(pickerMayCall("oauth.complete", { query: "" })).toBe(true);
    for (const path of [
      "apiKey.create",
      "member.add",
      "notifications.update",
      "connection.update",
      "project.listMine",
      "admin.listUsers",
      "some.futureProcedure",
    ]) {
      expect(pickerMayCall(path, {}), path).toBe(false);
    }
  });

  it("is not fooled by inherited property names", () => {
    expect(pickerMayCall("constructor", {})).toBe(false);
    expect(pickerMayCall("__proto__", {})).toBe(false);
    expect(pickerMayCall("toString", {})).toBe(false);
  });

  it("lists connections of exactly one app", () => {
    expect(pickerMayCall("connection.list", { projectId: "p", pieces: ["slack"] })).toBe(true);
    expect(pickerMayCall("connection.list", { projectId: "p" })).toBe(false);
    expect(pickerMayCall("connection.list", { projectId: "p", pieces: [] })).toBe(false);
    expect(pickerMayCall("connection.list", { projectId: "p", pieces: ["slack", "gmail"] })).toBe(false);
    expect(pickerMayCall("connection.list", null)).toBe(false);
  });

  it("refuses with FORBIDDEN", () => {
    expect(() => requirePickerMayCall("apiKey.create", {})).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
