import { describe, expect, it } from "vitest";
import type { OAuth2Value } from "@/pieces/value-schema";
import { ASSUMED_LIFETIME_MS, retryAt, tokenSchedule, toOAuth2Value } from "./token-value";

const now = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;

describe("toOAuth2Value", () => {
  const previous: OAuth2Value = {
    type: "OAUTH2",
    access_token: "old",
    refresh_token: "r1",
    token_type: "bearer",
    scope: "a b",
    client_id: "c",
    props: { clientId: "c" },
  };

  it("keeps the old refresh token, scope and fields when the answer has none", () => {
    expect(toOAuth2Value({ access_token: "new", token_type: "bearer", expires_in: 60 }, { now, clientId: "c", previous })).toEqual({
      type: "OAUTH2",
      access_token: "new",
      token_type: "bearer",
      expires_at: "2030-01-01T00:01:00.000Z",
      refresh_token: "r1",
      scope: "a b",
      client_id: "c",
      props: { clientId: "c" },
    });
  });

  it("takes a rotated refresh token", () => {
    expect(toOAuth2Value({ access_token: "new", token_type: "bearer", refresh_token: "r2" }, { now, clientId: "c", previous }).refresh_token).toBe("r2");
  });
});

describe("tokenSchedule", () => {
  const value = (expiresInMs?: number, refresh = true): OAuth2Value => ({
    type: "OAUTH2",
    access_token: "a",
    token_type: "bearer",
    ...(refresh ? { refresh_token: "r" } : {}),
    ...(expiresInMs !== undefined ? { expires_at: at(expiresInMs).toISOString() } : {}),
  });

  it("refreshes ahead of expiry by the margin, minus up to 10% of the lifetime (at most 5 min) of jitter", () => {
    const early = tokenSchedule(value(60 * MIN), { now, refreshable: true, marginMs: 5 * MIN, random: () => 0 });
    const late = tokenSchedule(value(60 * MIN), { now, refreshable: true, marginMs: 5 * MIN, random: () => 0.999999 });
    expect(early).toEqual({ tokenExpiresAt: at(60 * MIN), refreshAt: at(55 * MIN) });
    expect(late.refreshAt!.getTime()).toBe(at(50 * MIN).getTime());
    const day = tokenSchedule(value(24 * 60 * MIN), { now, refreshable: true, marginMs: 5 * MIN, random: () => 1 });
    expect(day.refreshAt).toEqual(at(24 * 60 * MIN - 10 * MIN));
  });

  it("never lets a short-lived token refresh before half its life", () => {
    expect(tokenSchedule(value(2 * MIN), { now, refreshable: true, marginMs: 5 * MIN, random: () => 0 }).refreshAt).toEqual(at(MIN));
  });

  it("assumes one hour for a refreshable token without expiry, and never schedules one that cannot be refreshed", () => {
    expect(tokenSchedule(value(undefined), { now, refreshable: true, marginMs: 5 * MIN, random: () => 0 })).toEqual({
      tokenExpiresAt: at(ASSUMED_LIFETIME_MS),
      refreshAt: at(ASSUMED_LIFETIME_MS - 5 * MIN),
    });
    expect(tokenSchedule(value(undefined, false), { now, refreshable: false })).toEqual({ tokenExpiresAt: null, refreshAt: null });
    expect(tokenSchedule(value(10 * MIN, false), { now, refreshable: false })).toEqual({ tokenExpiresAt: at(10 * MIN), refreshAt: at(10 * MIN) });
  });
});

describe("retryAt", () => {
  const mid = () => 0.5;
  it("backs off exponentially from 30 s up to 30 min", () => {
    expect(retryAt(1, null, now, mid)).toEqual(at(30_000));
    expect(retryAt(2, null, now, mid)).toEqual(at(60_000));
    expect(retryAt(20, null, now, mid)).toEqual(at(30 * MIN));
  });

  it("tries once more shortly before a still-valid token expires", () => {
    expect(retryAt(8, at(2 * MIN), now, mid)).toEqual(at(2 * MIN - 5_000));
    expect(retryAt(8, at(3_000), now, mid)).toEqual(at(5_000));
  });
});
