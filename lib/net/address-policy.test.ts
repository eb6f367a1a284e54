import { describe, expect, it } from "vitest";
import { forbiddenAddressReason, ipv6Bytes } from "./address-policy";

// The IANA IPv4 and IPv6 Special-Purpose Address Registries (and the multicast blocks), written
// out here independently of the policy's own table: every address in every entry is refused.
// Each entry: a range, and addresses inside it to probe (first, one in the middle, last).
const IANA_IPV4: ReadonlyArray<[range: string, probes: string[]]> = [
  ["0.0.0.0/8 this network", ["0.0.0.0", "0.1.2.3", "0.255.255.255"]],
  ["10.0.0.0/8 private-use", ["10.0.0.0", "10.20.30.40", "10.255.255.255"]],
  ["100.64.0.0/10 shared address space", ["100.64.0.0", "100.100.100.100", "100.127.255.255"]],
  ["127.0.0.0/8 loopback", ["127.0.0.0", "127.0.0.1", "127.255.255.255"]],
  ["169.254.0.0/16 link local", ["169.254.0.0", "169.254.169.254", "169.254.255.255"]],
  ["172.16.0.0/12 private-use", ["172.16.0.0", "172.20.1.1", "172.31.255.255"]],
  ["192.0.0.0/24 IETF protocol assignments", ["192.0.0.0", "192.0.0.8", "192.0.0.255"]],
  ["192.0.0.0/29 IPv4 service continuity prefix", ["192.0.0.1", "192.0.0.7"]],
  ["192.0.0.9/32 PCP anycast", ["192.0.0.9"]],
  ["192.0.0.10/32 TURN anycast", ["192.0.0.10"]],
  ["192.0.0.170/32 and .171 NAT64/DNS64 discovery", ["192.0.0.170", "192.0.0.171"]],
  ["192.0.2.0/24 documentation (TEST-NET-1)", ["192.0.2.0", "192.0.2.1", "192.0.2.255"]],
  ["192.31.196.0/24 AS112-v4", ["192.31.196.0", "192.31.196.1", "192.31.196.255"]],
  ["192.52.193.0/24 AMT", ["192.52.193.0", "192.52.193.1", "192.52.193.255"]],
  ["192.88.99.0/24 deprecated 6to4 relay anycast", ["192.88.99.0", "192.88.99.1", "192.88.99.255"]],
  ["192.168.0.0/16 private-use", ["192.168.0.0", "192.168.1.1", "192.168.255.255"]],
  ["192.175.48.0/24 direct delegation AS112", ["192.175.48.0", "192.175.48.1", "192.175.48.255"]],
  ["198.18.0.0/15 benchmarking", ["198.18.0.0", "198.18.255.255", "198.19.255.255"]],
  ["198.51.100.0/24 documentation (TEST-NET-2)", ["198.51.100.0", "198.51.100.7", "198.51.100.255"]],
  ["203.0.113.0/24 documentation (TEST-NET-3)", ["203.0.113.0", "203.0.113.9", "203.0.113.255"]],
  ["224.0.0.0/4 multicast", ["224.0.0.0", "239.1.2.3", "239.255.255.255"]],
  ["240.0.0.0/4 reserved", ["240.0.0.0", "250.1.2.3", "255.255.255.254"]],
  ["255.255.255.255/32 limited broadcast", ["255.255.255.255"]],
];

const IANA_IPV6: ReadonlyArray<[range: string, probes: string[]]> = [
  ["::1/128 loopback", ["::1", "0:0:0:0:0:0:0:1"]],
  ["::/128 unspecified", ["::"]],
  ["::ffff:0:0/96 IPv4-mapped (of a non-public IPv4)", ["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"]],
  ["::ffff:0:0:0/96 IPv4-translated (of a non-public IPv4)", ["::ffff:0:7f00:1", "::ffff:0:127.0.0.1", "::ffff:0:a00:1", "::ffff:0:c0a8:101"]],
  ["64:ff9b::/96 IPv4-IPv6 translation (of a non-public IPv4)", ["64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe"]],
  ["64:ff9b:1::/48 local-use IPv4/IPv6 translation", ["64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "64:ff9b:1::808:808"]],
  ["100::/64 discard-only", ["100::", "100::ffff:ffff:ffff:ffff"]],
  ["100:0:0:1::/64 dummy prefix", ["100:0:0:1::", "100:0:0:1:ffff:ffff:ffff:ffff"]],
  ["2001::/23 IETF protocol assignments", ["2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["2001::/32 Teredo", ["2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"]],
  ["2001:1::1/128 PCP anycast", ["2001:1::1"]],
  ["2001:1::2/128 TURN anycast", ["2001:1::2"]],
  ["2001:1::3/128 DNS-SD SRP anycast", ["2001:1::3"]],
  ["2001:2::/48 benchmarking", ["2001:2::", "2001:2:0:ffff::1"]],
  ["2001:3::/32 AMT", ["2001:3::", "2001:3:ffff::1"]],
  ["2001:4:112::/48 AS112-v6", ["2001:4:112::", "2001:4:112:ffff::1"]],
  ["2001:10::/28 deprecated ORCHID", ["2001:10::", "2001:1f::1"]],
  ["2001:20::/28 ORCHIDv2", ["2001:20::", "2001:2f::1"]],
  ["2001:30::/28 drone remote ID", ["2001:30::", "2001:3f::1"]],
  ["2001:db8::/32 documentation", ["2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["2002::/16 6to4 (of a non-public IPv4)", ["2002:7f00:1::", "2002:c0a8:101::1", "2002:a00:1::"]],
  ["2620:4f:8000::/48 direct delegation AS112", ["2620:4f:8000::", "2620:4f:8000:ffff::1"]],
  ["3fff::/20 documentation", ["3fff::", "3fff:fff:ffff::1"]],
  ["5f00::/16 segment routing SIDs", ["5f00::", "5f00:ffff::1"]],
  ["fc00::/7 unique-local", ["fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["fe80::/10 link-local unicast", ["fe80::", "fe80::1%eth0", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["fec0::/10 deprecated site-local", ["fec0::", "feff::1"]],
  ["ff00::/8 multicast", ["ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["::/96 deprecated IPv4-compatible", ["::7f00:1", "::10.0.0.1", "::8.8.8.8"]],
];

describe("the address policy", () => {
  describe.each(IANA_IPV4)("refuses IPv4 %s", (_range, probes) => {
    it.each(probes)("%s", (address) => {
      expect(forbiddenAddressReason(address)).not.toBeNull();
    });
  });

  describe.each(IANA_IPV6)("refuses IPv6 %s", (_range, probes) => {
    it.each(probes)("%s", (address) => {
      expect(forbiddenAddressReason(address)).not.toBeNull();
      expect(forbiddenAddressReason(`[${address.split("%")[0]}]`)).not.toBeNull();
    });
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "2001:200::1",
    "2620:4f:8001::1",
    "::ffff:8.8.8.8",
    "::ffff:0:808:808",
    "64:ff9b::808:808",
    "2002:808:808::",
  ])("allows the public address %s", (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it("names why, and says when an IPv4 address hid inside IPv6", () => {
    expect(forbiddenAddressReason("127.0.0.1")).toBe("loopback");
    expect(forbiddenAddressReason("169.254.169.254")).toBe("link-local");
    expect(forbiddenAddressReason("::ffff:0:7f00:1")).toBe("loopback (IPv4 inside IPv6)");
    expect(forbiddenAddressReason("fd00::1")).toBe("unique-local");
  });

  it("refuses what is not an IP address", () => {
    expect(forbiddenAddressReason("example.com")).toBe("not an IP address");
    expect(forbiddenAddressReason("1.2.3")).toBe("not an IP address");
    expect(forbiddenAddressReason("")).toBe("not an IP address");
  });

  it("expands IPv6 forms to the same bytes", () => {
    expect(ipv6Bytes("::ffff:127.0.0.1")).toEqual(ipv6Bytes("0:0:0:0:0:ffff:7f00:0001"));
    expect(ipv6Bytes("::1")?.[15]).toBe(1);
  });
});
