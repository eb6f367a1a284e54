import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * THE address policy of every connection Parley makes to a place someone else chose (webhooks,
 * SMS providers, mail servers): only routable public unicast addresses. Connections are made from
 * inside the deployment, so anything else could be an internal service or a cloud metadata
 * endpoint (169.254.169.254). The ranges are the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries plus multicast, all refused — also the few special ranges IANA marks globally
 * reachable (anycast services such as AS112 and TURN): no webhook receiver or mail server lives
 * there. Operators allow-list exceptions by host name (WEBHOOK_ALLOWED_HOSTS).
 */
export type BlockedRange = readonly [network: string, prefix: number, reason: string];

export const IPV4_BLOCKED: readonly BlockedRange[] = [
  ["0.0.0.0", 8, "unspecified (“this network”)"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  // IETF protocol assignments: the IPv4 service continuity prefix, dummy address, PCP and TURN
  // anycast, NAT64 discovery.
  ["192.0.0.0", 24, "reserved (IETF protocol assignments)"],
  ["192.0.2.0", 24, "documentation"],
  ["192.31.196.0", 24, "reserved (AS112)"],
  ["192.52.193.0", 24, "reserved (AMT)"],
  ["192.88.99.0", 24, "reserved (6to4 relay anycast)"],
  ["192.168.0.0", 16, "private"],
  ["192.175.48.0", 24, "reserved (AS112)"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  // 240.0.0.0/4 includes the limited broadcast address 255.255.255.255.
  ["240.0.0.0", 4, "reserved"],
];

export const IPV6_BLOCKED: readonly BlockedRange[] = [
  // ::/96 covers the unspecified address, loopback (::1) and the deprecated IPv4-compatible form.
  ["::", 96, "unspecified, loopback or IPv4-compatible"],
  // IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96) carry an IPv4 address:
  // a public one is vetted as IPv4 below; refusing the ranges themselves would refuse it too,
  // so they are handled by embeddedIPv4 instead of listed here.
  ["64:ff9b:1::", 48, "local NAT64"],
  ["100::", 64, "discard"],
  ["100:0:0:1::", 64, "dummy"],
  // 2001::/23 holds Teredo (2001::/32, which hides an IPv4 address we cannot vet), benchmarking,
  // ORCHID, AMT, AS112 and the PCP/TURN/DNS-SD anycast addresses.
  ["2001::", 23, "reserved (IETF protocol assignments)"],
  ["2001:db8::", 32, "documentation"],
  ["2620:4f:8000::", 48, "reserved (AS112)"],
  ["3fff::", 20, "documentation"],
  ["5f00::", 16, "reserved (segment routing)"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

function buildList(entries: readonly BlockedRange[], family: "ipv4" | "ipv6") {
  return entries.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, reason };
  });
}

const v4Lists = buildList(IPV4_BLOCKED, "ipv4");
const v6Lists = buildList(IPV6_BLOCKED, "ipv6");

/** The address without IPv6 brackets or a zone id ("fe80::1%eth0"). */
function bareAddress(address: string): string {
  return address.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
}

/** Expands an IPv6 literal (with "::" and an optional trailing dotted quad) to 16 bytes. */
export function ipv6Bytes(address: string): Uint8Array | null {
  const bare = bareAddress(address);
  if (!isIPv6(bare)) return null;
  let text = bare;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  const maybeV4 = text.slice(lastColon + 1);
  if (isIPv4(maybeV4)) {
    tail.push(...maybeV4.split(".").map(Number));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const restGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill("0"), ...restGroups];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

function v4FromBytes(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.slice(offset, offset + 4)).join(".");
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}

const ZERO_80 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * IPv4 addresses an IPv6 address carries and that the network may route to: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d, RFC 2765), NAT64 (64:ff9b::a.b.c.d) and
 * 6to4 (2002:aabb:ccdd::). Each must pass the IPv4 check too, or "::ffff:127.0.0.1" would walk
 * around the loopback rule.
 */
function embeddedIPv4(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [...ZERO_80, 0xff, 0xff])) return v4FromBytes(bytes, 12);
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0])) return v4FromBytes(bytes, 12);
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return v4FromBytes(bytes, 12);
  if (startsWith(bytes, [0x20, 0x02])) return v4FromBytes(bytes, 2);
  return null;
}

function v4Reason(address: string): string | null {
  for (const { list, reason } of v4Lists) if (list.check(address, "ipv4")) return reason;
  return null;
}

/**
 * Why Parley must not connect to an IP address, or null when it is a public address.
 * Anything that is not a valid IP literal is refused too.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (isIPv4(address)) return v4Reason(address);
  const bytes = ipv6Bytes(address);
  if (!bytes) return "not an IP address";
  const embedded = embeddedIPv4(bytes);
  if (embedded) {
    const reason = v4Reason(embedded);
    return reason ? `${reason} (IPv4 inside IPv6)` : null;
  }
  const bare = bareAddress(address);
  for (const { list, reason } of v6Lists) if (list.check(bare, "ipv6")) return reason;
  return null;
}
