import { describe, expect, it } from "vitest";
import { settingsChanges } from "./settings-changes";

describe("settingsChanges", () => {
  it("names each changed field, shows a webhook URL by its origin only", () => {
    const d = settingsChanges(
      { webhookUrl: "https://hooks.example.com/services/T0/B0/SECRETPATH?token=abc", emailAdmins: false },
      { webhookUrl: "https://other.example.org/in/SECRET2", emailAdmins: true, secretCreated: false },
    );
    expect(d).toEqual({
      fields: ["webhookUrl", "emailAdmins"],
      webhookUrl: { from: "https://hooks.example.com", to: "https://other.example.org" },
      emailAdmins: { from: false, to: true },
    });
    expect(JSON.stringify(d)).not.toMatch(/SECRET|token=/);
  });

  it("a first URL creates the signing secret, recorded as created and never its value", () => {
    expect(settingsChanges(undefined, { webhookUrl: "http://h.test/x", emailAdmins: false, secretCreated: true })).toEqual({
      fields: ["webhookUrl", "webhookSecret"],
      webhookUrl: { from: null, to: "http://h.test" },
      webhookSecret: "created",
    });
  });

  it("nothing changed: no event", () => {
    expect(
      settingsChanges({ webhookUrl: "https://a.test/x", emailAdmins: true }, { webhookUrl: "https://a.test/x", emailAdmins: true, secretCreated: false }),
    ).toBeNull();
  });
});
