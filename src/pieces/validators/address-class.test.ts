import { describe, expect, it } from "vitest";
import { classifyAddress } from "./address-class";

describe("classifyAddress", () => {
  it.each([
    "169.254.169.254",
    "169.254.0.1",
    "169.254.255.255",
    "100.100.100.200",
    "fe80::1",
    "fe80::1%eth0",
    "febf:ffff::1",
    "fd00:ec2::254",
    "[fd00:ec2::254]",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "0:0:0:0:0:ffff:169.254.169.254",
    "::169.254.169.254",
    "64:ff9b::169.254.169.254",
    "2002:a9fe:a9fe::1",
    "::ffff:100.100.100.200",
  ])("%s is metadata / link-local", (address) => {
    expect(classifyAddress(address)).toBe("metadata");
  });

  it.each(["127.0.0.1", "127.255.0.9", "0.0.0.0", "::1", "::", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])("%s is loopback", (address) => {
    expect(classifyAddress(address)).toBe("loopback");
  });

  it.each([
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.10",
    "100.64.0.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "::ffff:10.1.2.3",
    "::ffff:c0a8:0101",
    "100.100.100.201",
    "fd00:ec2::253",
  ])("%s is private", (address) => {
    expect(classifyAddress(address)).toBe("private");
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "169.253.255.255", "169.255.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:0808:0808::1"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );

  it.each(["example.com", "metadata.google.internal", "", "169.254.169.254.nip.io", "1.2.3"])("%s is not an address literal", (value) => {
    expect(classifyAddress(value)).toBeNull();
  });
});
