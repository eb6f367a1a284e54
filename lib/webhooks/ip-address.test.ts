import { describe, expect, it } from "vitest";
import { forbiddenAddressReason, ipv6Bytes } from "./ip-address";

describe("forbiddenAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "unspecified, loopback or IPv4-compatible"],
    ["::", "unspecified, loopback or IPv4-compatible"],
    ["fe80::1", "link-local"],
    ["fd00::1", "unique-local"],
    ["fc12:3456::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback (IPv4 inside IPv6)"],
    ["::ffff:7f00:1", "loopback (IPv4 inside IPv6)"],
    ["::ffff:a9fe:a9fe", "link-local (IPv4 inside IPv6)"],
    ["::ffff:10.0.0.1", "private (IPv4 inside IPv6)"],
    ["64:ff9b::127.0.0.1", "loopback (IPv4 inside IPv6)"],
    ["2002:7f00:1::", "loopback (IPv4 inside IPv6)"],
    ["[::1]", "unspecified, loopback or IPv4-compatible"],
    ["fe80::1%eth0", "link-local"],
  ])("refuses %s (%s)", (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"])(
    "allows the public address %s",
    (address) => {
      expect(forbiddenAddressReason(address)).toBeNull();
    },
  );

  it("refuses what is not an IP address", () => {
    expect(forbiddenAddressReason("example.com")).toBe("not an IP address");
    expect(forbiddenAddressReason("1.2.3")).toBe("not an IP address");
  });

  it("expands IPv6 forms to the same bytes", () => {
    expect(ipv6Bytes("::ffff:127.0.0.1")).toEqual(ipv6Bytes("0:0:0:0:0:ffff:7f00:0001"));
    expect(ipv6Bytes("::1")?.[15]).toBe(1);
  });
});
