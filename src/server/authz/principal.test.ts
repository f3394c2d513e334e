import { describe, expect, it } from "vitest";
import { actorOf, personOf } from "./principal";

const alice = { id: "u1", email: "alice@example.test", name: "Alice", isPlatformAdmin: false };

describe("actors of principals", () => {
  it("names both the user and the API key for a picker session", () => {
    const actor = actorOf({ kind: "picker", user: alice, projectId: "p1", key: { id: "k1", name: "Editor host" } });
    expect(actor).toEqual({
      type: "USER",
      id: "u1",
      label: 'alice@example.test (via picker session of key "Editor host")',
      via: { kind: "picker_session", apiKeyId: "k1", apiKeyName: "Editor host" },
    });
  });

  it("names a signed-in user by e-mail and an API key by its name", () => {
    expect(actorOf({ kind: "user", user: alice })).toEqual({ type: "USER", id: "u1", label: "alice@example.test" });
    expect(actorOf({ kind: "apiKey", key: { id: "k2", projectId: "p1", name: "engine", scopes: [] } })).toEqual({
      type: "API_TOKEN",
      id: "k2",
      label: "engine",
    });
  });

  it("finds the person behind a user or picker principal only", () => {
    expect(personOf({ kind: "anonymous" })).toBeNull();
    expect(personOf({ kind: "picker", user: alice, projectId: "p1", key: { id: "k1", name: "x" } })).toBe(alice);
  });
});
