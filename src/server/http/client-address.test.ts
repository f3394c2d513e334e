import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_ADDRESS } from "./client-address";

describe("clientAddress", () => {
  it("uses the socket address and ignores X-Forwarded-For unless the proxy is trusted", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", false)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", undefined, false)).toBe("203.0.113.7");
    expect(clientAddress("2001:db8::1", undefined, false)).toBe("2001:db8::1");
    expect(clientAddress(undefined, "198.51.100.1", false)).toBe(UNKNOWN_ADDRESS);
  });

  it("with TRUST_PROXY takes the hop our proxy appended, not what the client claimed", () => {
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", true)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", ["1.2.3.4", "198.51.100.9"], true)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", " , ", true)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", undefined, true)).toBe("10.0.0.2");
  });
});
