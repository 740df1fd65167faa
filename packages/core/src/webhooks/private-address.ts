/**
 * Which hosts and addresses a webhook may not target: this machine, private networks, link-local
 * ranges (cloud metadata services) and the like. The API checks a URL's host when a webhook is
 * saved; the dispatcher checks the addresses a name resolves to before each delivery.
 */

type Range = [base: number, bits: number];

const ipv4Blocked: Range[] = [
  [ipv4(0, 0, 0, 0), 8], // "this network"
  [ipv4(10, 0, 0, 0), 8],
  [ipv4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ipv4(127, 0, 0, 0), 8],
  [ipv4(169, 254, 0, 0), 16], // link-local, home of cloud metadata services
  [ipv4(172, 16, 0, 0), 12],
  [ipv4(192, 0, 0, 0), 24], // IETF protocol assignments
  [ipv4(192, 0, 2, 0), 24], // documentation (TEST-NET-1)
  [ipv4(192, 88, 99, 0), 24], // 6to4 relays
  [ipv4(192, 168, 0, 0), 16],
  [ipv4(198, 18, 0, 0), 15], // benchmarking networks
  [ipv4(198, 51, 100, 0), 24], // documentation (TEST-NET-2)
  [ipv4(203, 0, 113, 0), 24], // documentation (TEST-NET-3)
  [ipv4(224, 0, 0, 0), 4], // multicast: never an HTTP server
  [ipv4(240, 0, 0, 0), 4], // reserved, and the broadcast address
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function inRange(address: number, [base, bits]: Range): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (base & mask) >>> 0;
}

/** `a.b.c.d` as a number; the URL parser has already folded `127.1` and `0x7f.0.0.1` into it. */
export function parseIpv4(host: string): number | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return null;
  }
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return ipv4(a, b, c, d);
}

/** Eight 16-bit groups of an IPv6 address (as the URL parser prints it), or null. */
export function parseIpv6(host: string): number[] | null {
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  // An embedded dotted IPv4 tail counts as two groups.
  const last = tail.length > 0 ? tail : head;
  const dotted = last.at(-1)?.includes('.') ? parseIpv4(last.pop() ?? '') : undefined;
  if (dotted === null) return null;
  if (dotted !== undefined) last.push((dotted >>> 16).toString(16), (dotted & 0xffff).toString(16));
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.map((g) => Number.parseInt(g, 16));
}

function ipv6Blocked(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, , g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroPrefix(7) && g7 <= 1) return true; // :: and ::1
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated, still routed)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation 2001:db8::/32
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo: carries an (obscured) IPv4 address
  const blocked = (v4: number) => ipv4Blocked.some((r) => inRange(v4 >>> 0, r));
  const embedded = ((g6 << 16) | g7) >>> 0;
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), IPv4-translated
  // (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
  const mapped = zeroPrefix(5) && (g5 === 0xffff || g5 === 0);
  const translated = zeroPrefix(4) && g4 === 0xffff && g5 === 0;
  const nat64 = g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if ((mapped || translated || nat64) && blocked(embedded)) return true;
  // 6to4 (2002:aabb:ccdd::/48) reaches the IPv4 address aa.bb.cc.dd.
  return g0 === 0x2002 && blocked((g1 << 16) | g2);
}

/** Whether a URL hostname names this machine or a private network. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = parseIpv4(host);
  if (v4 !== null) return ipv4Blocked.some((r) => inRange(v4, r));
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = parseIpv6(host.slice(1, -1));
    // An IPv6 literal we cannot read is refused rather than trusted.
    return v6 === null || ipv6Blocked(v6);
  }
  return false;
}
