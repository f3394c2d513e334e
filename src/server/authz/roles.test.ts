import { describe, expect, it } from "vitest";
import { capRole, requireRole, roleAtLeast } from "./roles";

describe("project roles", () => {
  it("orders viewer < editor < admin", () => {
    expect(roleAtLeast("ADMIN", "EDITOR")).toBe(true);
    expect(roleAtLeast("EDITOR", "EDITOR")).toBe(true);
    expect(roleAtLeast("VIEWER", "EDITOR")).toBe(false);
  });

  it("caps a role: an admin through the picker acts as an editor, a viewer stays a viewer", () => {
    expect(capRole("ADMIN", "EDITOR")).toBe("EDITOR");
    expect(capRole("EDITOR", "EDITOR")).toBe("EDITOR");
    expect(capRole("VIEWER", "EDITOR")).toBe("VIEWER");
  });

  it("refuses a role too low with FORBIDDEN and the given reason", () => {
    expect(() => requireRole({ role: "VIEWER" }, "EDITOR", "Viewers cannot change connections")).toThrow("Viewers cannot change connections");
    expect(() => requireRole({ role: "EDITOR" }, "ADMIN")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireRole({ role: "ADMIN" }, "ADMIN")).not.toThrow();
  });
});
