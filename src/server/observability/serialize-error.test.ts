import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { safeMessage, serializeError } from "./serialize-error";

const CANARY = "scrypt$canary-hash-0123456789";

function postgresError(message: string) {
  // The shape both drivers give a server error, including the parameters postgres.js attaches.
  return Object.assign(new Error(message), {
    name: "PostgresError",
    code: "23505",
    severity: "ERROR",
    detail: `Key (email)=(${CANARY}) already exists.`,
    constraint_name: "users_email_unique",
    table_name: "users",
    query: "insert into users (email, password_hash) values ($1, $2)",
    parameters: ["a@example.test", CANARY],
  });
}

describe("serializeError", () => {
  it("keeps the statement text, code and message of a failed query, never its parameters", () => {
    const err = new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ["a@example.test", CANARY],
      postgresError('duplicate key value violates unique constraint "users_email_unique"'),
    );
    const out = serializeError(err);
    const text = JSON.stringify(out);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain("a@example.test");
    expect(out).toMatchObject({
      type: "DrizzleQueryError",
      message: "Failed query",
      query: 'insert into "users" ("email", "password_hash") values ($1, $2)',
      cause: {
        type: "PostgresError",
        code: "23505",
        message: 'duplicate key value violates unique constraint "users_email_unique"',
        constraint: "users_email_unique",
        table: "users",
      },
    });
  });

  it("follows the cause chain of ordinary errors and keeps their codes", () => {
    const root = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const out = serializeError(new Error("refresh failed", { cause: new Error("provider call failed", { cause: root }) }));
    expect(out).toMatchObject({ message: "refresh failed", cause: { message: "provider call failed", cause: { code: "ECONNREFUSED" } } });
  });

  it("keeps stack frames but not the first stack line, which repeats a message", () => {
    const out = serializeError(new DrizzleQueryError("select $1", [CANARY], undefined)) as { stack?: string };
    expect(out.stack ?? "").not.toContain(CANARY);
    expect(out.stack).toMatch(/^\s+at /);
  });

  it("gives a one-line message of a failed query from its cause, without parameters", () => {
    const err = new DrizzleQueryError("select * from t where x = $1", [CANARY], postgresError('relation "t" does not exist'));
    expect(safeMessage(err)).toBe('23505 relation "t" does not exist');
    expect(safeMessage(new Error("first\nsecond"))).toBe("first");
  });

  it("turns non-errors into strings", () => {
    expect(serializeError("plain")).toBe("plain");
    expect(serializeError(42)).toBe("42");
  });
});
