import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/schemas/audit";
import { actionLabel, describeDetails } from "./event-labels";

describe("audit event labels", () => {
  it("every project event has its own label", () => {
    const labels = AUDIT_ACTIONS.map(actionLabel);
    expect(labels.filter((l, i) => AUDIT_ACTIONS[i] === l)).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("member events read as who, which role, before → after", () => {
    expect(describeDetails("member.added", { email: "b@x.test", role: "VIEWER" })).toBe("b@x.test as Viewer");
    expect(describeDetails("member.role_changed", { email: "b@x.test", from: "VIEWER", to: "ADMIN" })).toBe("b@x.test: Viewer → Admin");
    expect(describeDetails("member.removed", { email: "b@x.test", role: "EDITOR" })).toBe("b@x.test (was Editor)");
  });

  it("notification changes name their fields and never show a secret", () => {
    expect(
      describeDetails("notifications.updated", {
        fields: ["webhookUrl", "emailAdmins", "webhookSecret"],
        webhookUrl: { from: null, to: "https://h.test" },
        emailAdmins: { from: false, to: true },
        webhookSecret: "created",
      }),
    ).toBe("Webhook URL: none → https://h.test · E-mail admins: off → on · Signing secret created");
    expect(describeDetails("notifications.updated", { fields: ["webhookSecret"], webhookSecret: "rotated" })).toBe("Signing secret rotated");
  });
});
