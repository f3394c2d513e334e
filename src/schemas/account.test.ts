import { describe, expect, it } from "vitest";
import { ZResetPasswordInput, ZSetPlatformAdminInput, ZSetUserDisabledInput } from "./account";

describe("account schemas", () => {
  it("refuse a user id with a NUL or another control character (PostgreSQL would answer 500)", () => {
    for (const userId of ["u\u00001", "u\u00071", "u\n1"]) {
      expect(ZResetPasswordInput.safeParse({ userId }).success).toBe(false);
      expect(ZSetUserDisabledInput.safeParse({ userId, disabled: true }).success).toBe(false);
      expect(ZSetPlatformAdminInput.safeParse({ userId, isPlatformAdmin: true }).success).toBe(false);
    }
    expect(ZResetPasswordInput.parse({ userId: " u1 " })).toEqual({ userId: "u1" });
  });
});
