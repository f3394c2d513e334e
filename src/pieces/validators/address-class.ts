import { isIP } from "node:net";

/**
 * What kind of network an address belongs to, for deciding where a validator may connect.
 * `metadata`: link-local and cloud instance-metadata addresses, refused always (credentials of
 * the machine itself live there); `loopback` and `private`: refused only on request.
 */
export type AddressClass = "metadata" | "loopback" | "private" | "public";

type Rule = { prefix: number[]; bits: number; kind: Exclude<AddressClass, "public"> };

function v4(text: string): number[] {
  return text.split(".").map(Number);
}

const V4_RULES: Rule[] = [
  { prefix: v4("169.254.0.0"), bits: 16, kind: "metadata" },
  { prefix: v4("100.100.100.200"), bits: 32, kind: "metadata" },
  { prefix: v4("127.0.0.0"), bits: 8, kind: "loopback" },
  { prefix: v4("0.0.0.0"), bits: 8, kind: "loopback" },
  { prefix: v4("10.0.0.0"), bits: 8, kind: "private" },
  { prefix: v4("172.16.0.0"), bits: 12, kind: "private" },
  { prefix: v4("192.168.0.0"), bits: 16, kind: "private" },
  { prefix: v4("100.64.0.0"), bits: 10, kind: "private" },
  { prefix: v4("198.18.0.0"), bits: 15, kind: "private" },
  { prefix: v4("192.0.0.0"), bits: 24, kind: "private" },
  { prefix: v4("224.0.0.0"), bits: 3, kind: "private" },
];

const V6_RULES: Rule[] = [
  { prefix: v6("fd00:ec2::254"), bits: 128, kind: "metadata" },
  { prefix: v6("fe80::"), bits: 10, kind: "metadata" },
  { prefix: v6("::1"), bits: 128, kind: "loopback" },
  { prefix: v6("::"), bits: 128, kind: "loopback" },
  { prefix: v6("fc00::"), bits: 7, kind: "private" },
  { prefix: v6("fec0::"), bits: 10, kind: "private" },
  { prefix: v6("ff00::"), bits: 8, kind: "private" },
];

/** 16 bytes of an IPv6 address (any textual form, a trailing dotted IPv4 included). */
function v6(text: string): number[] {
  let address = text.replace(/^\[|\]$/g, "").split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = v4(dotted[1]!);
    address = address.slice(0, dotted.index) + `${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.flatMap((g) => {
    const n = parseInt(g || "0", 16);
    return [n >> 8, n & 0xff];
  });
}

function matches(bytes: number[], rule: Rule): boolean {
  for (let bit = 0; bit < rule.bits; bit += 8) {
    const i = bit / 8;
    const take = Math.min(8, rule.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[i]! & mask) !== (rule.prefix[i]! & mask)) return false;
  }
  return true;
}

function classify(bytes: number[], rules: Rule[]): AddressClass {
  return rules.find((r) => matches(bytes, r))?.kind ?? "public";
}

const isZero = (bytes: number[]) => bytes.every((b) => b === 0);

/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedV4(b: number[]): number[] | null {
  if (isZero(b.slice(0, 10)) && b[10] === 0xff && b[11] === 0xff) return b.slice(12); // ::ffff:a.b.c.d
  if (isZero(b.slice(0, 12)) && !isZero(b.slice(12, 14))) return b.slice(12); // ::a.b.c.d (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && isZero(b.slice(4, 12))) return b.slice(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6); // 2002:aabb:ccdd::/48 (6to4)
  return null;
}

/** Classifies an IP address literal; anything that is not one is null. */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.split("%")[0]!);
  if (family === 4) return classify(v4(bare), V4_RULES);
  if (family !== 6) return null;
  const bytes = v6(bare);
  const inner = embeddedV4(bytes);
  if (inner) {
    const innerClass = classify(inner, V4_RULES);
    if (innerClass !== "public") return innerClass;
  }
  return classify(bytes, V6_RULES);
}
