import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPiece } from "../index";
import type { ConnectionValue } from "../value-schema";
import { validateConnectionValue } from "./index";
import { closedPort, silentServer, waitFor } from "./testing/servers";

const LOGIN_ROLE = "cm_validator_test";
const NOLOGIN_ROLE = "cm_validator_nologin";
const PASSWORD = "Val1dator-Test-Pa55word";
const auth = getPiece("postgres")!.auths[0]!;
const admin = postgres({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres", max: 1, onnotice: () => {} });

function value(props: Record<string, string | number | boolean>): ConnectionValue {
  return {
    type: "CUSTOM_AUTH",
    props: { host: "127.0.0.1", port: 5432, database: "postgres", user: LOGIN_ROLE, password: PASSWORD, ssl: false, ...props },
  };
}

const validate = (props: Record<string, string | number | boolean>, timeoutMs?: number) =>
  validateConnectionValue({ pieceName: "postgres", auth, value: value(props), timeoutMs });

beforeAll(async () => {
  await admin.unsafe(`
    do $$ begin
      if not exists (select from pg_roles where rolname = '${LOGIN_ROLE}') then create role ${LOGIN_ROLE} login; end if;
      if not exists (select from pg_roles where rolname = '${NOLOGIN_ROLE}') then create role ${NOLOGIN_ROLE} nologin; end if;
    end $$;
    alter role ${LOGIN_ROLE} login password '${PASSWORD}';
    alter role ${NOLOGIN_ROLE} nologin password '${PASSWORD}';
  `);
});

afterAll(async () => {
  await admin.end({ timeout: 1 });
});

describe("postgres validator against a real server", () => {
  it("accepts working credentials", async () => {
    expect(await validate({})).toEqual({ ok: true });
  });

  it("reports a database that does not exist", async () => {
    expect(await validate({ database: "cm_no_such_database" })).toEqual({
      ok: false,
      message: 'Database "cm_no_such_database" does not exist on 127.0.0.1:5432.',
    });
  });

  it("reports a role that may not log in, without echoing the password", async () => {
    const result = await validate({ user: NOLOGIN_ROLE });
    expect(result).toEqual({ ok: false, message: `The role "${NOLOGIN_ROLE}" is not allowed to log in.` });
  });

  it("reports an unknown user as an authentication failure", async () => {
    const result = await validate({ user: "cm_no_such_role" });
    expect(result).toEqual({ ok: false, message: 'Authentication failed for user "cm_no_such_role": check the user name and password.' });
  });

  it("reports an unreachable port", async () => {
    const port = await closedPort();
    expect(await validate({ port })).toEqual({
      ok: false,
      message: `Could not connect to PostgreSQL at 127.0.0.1:${port}.`,
      transient: true,
    });
  });

  it("reports an unknown host", async () => {
    expect(await validate({ host: "cm-no-such-host.invalid" })).toEqual({
      ok: false,
      message: 'Host "cm-no-such-host.invalid" was not found.',
      transient: true,
    });
  });

  it("reports SSL that the server does not offer", async () => {
    const [row] = await admin<{ ssl: string }[]>`show ssl`;
    expect(row?.ssl).toBe("off");
    expect(await validate({ ssl: true })).toEqual({
      ok: false,
      message: "Could not open an SSL connection to 127.0.0.1:5432: the server may not support SSL.",
    });
  });

  it("times out on a server that never answers, and closes its connection", async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const result = await validate({ port: silent.port }, 400);
      expect(result).toEqual({ ok: false, message: `Could not connect to PostgreSQL at 127.0.0.1:${silent.port}.`, transient: true });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await waitFor(() => silent.openConnections() === 0)).toBe(true);
    } finally {
      await silent.close();
    }
  });
});
