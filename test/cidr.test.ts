import fc from "fast-check";
import { checkCidrList, cidr, cidrKey, contains, isCgnat, isRfc1918, MIN_PUBLIC_PREFIX, overlaps, parseIpv4Cidr } from "../modules/core/cidr";

/*
 * The oracle below is independent of modules/core/cidr.ts (which compares start/end integers built
 * by ipaddr.js): it works on BigInt addresses and prefix masks, the textbook definitions.
 */
const ALL = (1n << 32n) - 1n;
const mask = (prefix: number): bigint => (ALL << BigInt(32 - prefix)) & ALL;
const text = (addr: bigint, prefix: number): string => `${[24n, 16n, 8n, 0n].map((s) => (addr >> s) & 255n).join(".")}/${prefix}`;
/** A inside B: A is at least as long and B's prefix bits of A's network equal B's network. */
const inside = (a: Net, b: Net): boolean => a.prefix >= b.prefix && (a.addr & mask(b.prefix)) === b.addr;
const PRIVATE: Net[] = [
  { addr: 0x0a000000n, prefix: 8 },
  { addr: 0xac100000n, prefix: 12 },
  { addr: 0xc0a80000n, prefix: 16 },
];
const SHARED: Net = { addr: 0x64400000n, prefix: 10 };

interface Net {
  addr: bigint;
  prefix: number;
}
const address = fc.bigInt({ min: 0n, max: ALL });
const prefixLength = fc.integer({ min: 0, max: 32 });
/** Any network (host bits cleared). */
const net = fc.tuple(address, prefixLength).map(([a, prefix]): Net => ({ addr: a & mask(prefix), prefix }));
/** Networks drawn near the special ranges too, so containment edges get exercised, not just random space. */
const nearSpecial = fc
  .tuple(fc.constantFrom(...PRIVATE, SHARED), fc.integer({ min: -3, max: 16 }), address)
  .map(([range, delta, a]): Net => {
    const prefix = Math.min(32, Math.max(0, range.prefix + delta));
    return { addr: ((range.addr & mask(Math.min(prefix, range.prefix))) | (a & ~mask(range.prefix) & ALL)) & mask(prefix), prefix };
  });
const anyNet = fc.oneof(net, nearSpecial);
const parsed = (n: Net) => cidr(text(n.addr, n.prefix));

describe("parseIpv4Cidr", () => {
  test("accepts a network address", () => {
    const p = parseIpv4Cidr("10.1.0.0/16");
    expect(p).toEqual({ ok: true, cidr: { text: "10.1.0.0/16", start: 167837696, end: 167903231, prefix: 16 } });
  });
  test("accepts the edges of the address space", () => {
    expect(parseIpv4Cidr("0.0.0.0/0")).toEqual({ ok: true, cidr: { text: "0.0.0.0/0", start: 0, end: 4294967295, prefix: 0 } });
    expect(parseIpv4Cidr("255.255.255.255/32")).toEqual({ ok: true, cidr: { text: "255.255.255.255/32", start: 4294967295, end: 4294967295, prefix: 32 } });
  });
  test.each([
    ["10.1.0.1/16", /host bits set; the network address is 10.1.0.0\/16/],
    ["10.1.0.0", /not in CIDR notation/],
    ["10.1.0/16", /not an IPv4 CIDR/],
    ["300.1.0.0/16", /not an IPv4 CIDR/],
    ["10.1.0.0/33", /not an IPv4 CIDR/],
    ["10.1.0.0/-1", /not an IPv4 CIDR/],
    ["0x0a.1.0.0/16", /not an IPv4 CIDR/],
    ["fd00::/8", /not an IPv4 CIDR/],
  ])("rejects %s", (input, reason) => {
    const p = parseIpv4Cidr(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(reason);
  });

  test("a value that is not a string is refused, not thrown", () => {
    expect(parseIpv4Cidr(undefined as unknown as string)).toEqual({ ok: false, reason: "is not in CIDR notation (a.b.c.d/n)" });
    expect(parseIpv4Cidr(16 as unknown as string)).toEqual({ ok: false, reason: "is not in CIDR notation (a.b.c.d/n)" });
  });
  test("cidr() throws on what parseIpv4Cidr refuses, with the value and the reason", () => {
    expect(() => cidr("10.0.0.1/8")).toThrow("10.0.0.1/8 has host bits set; the network address is 10.0.0.0/8");
    expect(() => cidr("10.0.0.0")).toThrow("10.0.0.0 is not in CIDR notation (a.b.c.d/n)");
  });
  test("cidrKey turns a CIDR into a construct-id fragment", () => {
    expect(cidrKey("10.200.0.0/16")).toBe("10-200-0-0-16");
  });

  test("property: every network parses to its first and last address", () => {
    fc.assert(
      fc.property(anyNet, (n) => {
        const p = parseIpv4Cidr(text(n.addr, n.prefix));
        const last = n.addr | (~mask(n.prefix) & ALL);
        expect(p).toEqual({ ok: true, cidr: { text: text(n.addr, n.prefix), start: Number(n.addr), end: Number(last), prefix: n.prefix } });
      }),
    );
  });

  test("property: an address with any host bit set is refused, naming the network address", () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 31 }), (a, prefix) => {
        fc.pre((a & ~mask(prefix) & ALL) !== 0n);
        const p = parseIpv4Cidr(text(a, prefix));
        expect(p).toEqual({ ok: false, reason: `has host bits set; the network address is ${text(a & mask(prefix), prefix)}` });
      }),
    );
  });

  test("property: an octet above 255 or a prefix above 32 is refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 256, max: 999 }), fc.integer({ min: 0, max: 3 }), (bad, position) => {
        const octets = ["10", "0", "0", "0"];
        octets[position] = String(bad);
        expect(parseIpv4Cidr(`${octets.join(".")}/8`).ok).toBe(false);
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 33, max: 999 }), (prefix) => expect(parseIpv4Cidr(`10.0.0.0/${prefix}`).ok).toBe(false)));
  });
});

describe("range arithmetic", () => {
  test("overlap is symmetric and numeric, not textual", () => {
    expect(overlaps(cidr("10.0.0.0/8"), cidr("10.200.0.0/16"))).toBe(true);
    expect(overlaps(cidr("10.200.0.0/16"), cidr("10.0.0.0/8"))).toBe(true);
    expect(overlaps(cidr("10.1.0.0/16"), cidr("10.10.0.0/16"))).toBe(false);
    expect(overlaps(cidr("192.168.0.0/24"), cidr("192.168.1.0/24"))).toBe(false);
    // adjacent ranges share no address: the last of one is one below the first of the other
    expect(overlaps(cidr("10.0.0.0/9"), cidr("10.128.0.0/9"))).toBe(false);
    expect(overlaps(cidr("10.0.0.0/32"), cidr("10.0.0.0/32"))).toBe(true);
  });
  test("containment and private ranges", () => {
    expect(contains(cidr("172.16.0.0/12"), cidr("172.31.255.0/24"))).toBe(true);
    expect(contains(cidr("172.31.255.0/24"), cidr("172.16.0.0/12"))).toBe(false);
    expect(contains(cidr("10.0.0.0/16"), cidr("10.0.255.255/32"))).toBe(true);
    expect(contains(cidr("10.0.0.0/16"), cidr("10.1.0.0/32"))).toBe(false);
    expect(isRfc1918(cidr("172.32.0.0/16"))).toBe(false);
    expect(isRfc1918(cidr("192.168.10.0/24"))).toBe(true);
    expect(isCgnat(cidr("100.64.8.0/21"))).toBe(true);
    expect(isRfc1918(cidr("100.64.8.0/21"))).toBe(false);
  });
  test.each([
    // supernets of a private range overlap it but are not private: containment, not overlap
    ["192.168.0.0/15", false],
    ["172.0.0.0/11", false],
    ["172.16.0.0/13", true],
    ["10.0.0.0/7", false],
    ["0.0.0.0/0", false],
    ["192.168.0.0/16", true],
    ["172.16.0.0/12", true],
    ["10.0.0.0/8", true],
    ["10.255.255.255/32", true],
    ["172.31.255.255/32", true],
    ["172.15.255.255/32", false],
    ["11.0.0.0/8", false],
  ])("isRfc1918(%s) is %s", (input, expected) => expect(isRfc1918(cidr(input))).toBe(expected));
  test.each([
    ["100.64.0.0/10", true],
    ["100.127.255.255/32", true],
    ["100.0.0.0/8", false],
    ["100.0.0.0/9", false],
    ["100.128.0.0/10", false],
    ["100.63.255.255/32", false],
  ])("isCgnat(%s) is %s", (input, expected) => expect(isCgnat(cidr(input))).toBe(expected));

  test("property: containment is prefix-mask equality", () => {
    fc.assert(fc.property(anyNet, anyNet, (a, b) => expect(contains(parsed(b), parsed(a))).toBe(inside(a, b))));
  });

  test("property: overlap is symmetric and means one range contains the other", () => {
    fc.assert(
      fc.property(anyNet, anyNet, (a, b) => {
        const expected = inside(a, b) || inside(b, a);
        expect(overlaps(parsed(a), parsed(b))).toBe(expected);
        expect(overlaps(parsed(b), parsed(a))).toBe(expected);
      }),
    );
  });

  test("property: every network overlaps and contains itself; its supernets contain it, not the reverse", () => {
    fc.assert(
      fc.property(anyNet, fc.integer({ min: 1, max: 32 }), (n, shorter) => {
        const c = parsed(n);
        expect(contains(c, c)).toBe(true);
        expect(overlaps(c, c)).toBe(true);
        fc.pre(n.prefix > 0);
        const superPrefix = Math.max(0, n.prefix - shorter);
        const sup = parsed({ addr: n.addr & mask(superPrefix), prefix: superPrefix });
        expect(contains(sup, c)).toBe(true);
        expect(contains(c, sup)).toBe(false);
        expect(overlaps(c, sup)).toBe(true);
      }),
    );
  });

  test("property: the two halves of a network are disjoint and each inside it", () => {
    fc.assert(
      fc.property(anyNet, (n) => {
        fc.pre(n.prefix < 32);
        const low = parsed({ addr: n.addr, prefix: n.prefix + 1 });
        const high = parsed({ addr: n.addr | (1n << BigInt(31 - n.prefix)), prefix: n.prefix + 1 });
        expect(overlaps(low, high)).toBe(false);
        expect(contains(parsed(n), low) && contains(parsed(n), high)).toBe(true);
        expect(high.start).toBe(low.end + 1);
      }),
    );
  });

  test("property: private means inside 10/8, 172.16/12 or 192.168/16; CGNAT means inside 100.64/10", () => {
    fc.assert(
      fc.property(anyNet, (n) => {
        expect(isRfc1918(parsed(n))).toBe(PRIVATE.some((range) => inside(n, range)));
        expect(isCgnat(parsed(n))).toBe(inside(n, SHARED));
      }),
      { numRuns: 500 },
    );
  });
});

describe("checkCidrList", () => {
  const run = (cidrs: string[], rules: Parameters<typeof checkCidrList>[1]) => {
    const reports: [number, string, string][] = [];
    checkCidrList(cidrs, rules, (i, message, allowed) => reports.push([i, message, allowed]));
    return reports;
  };

  test("privateOnly refuses public and supernet ranges, naming the purpose and the allowed ranges", () => {
    expect(run(["10.1.0.0/16", "192.168.0.0/15", "8.8.8.0/24"], { privateOnly: true, purpose: "the node network" })).toEqual([
      [1, "is not a private network; the node network takes private ranges only", "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
      [2, "is not a private network; the node network takes private ranges only", "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"],
    ]);
  });
  test("CGNAT is accepted only where allowed", () => {
    expect(run(["100.64.0.0/16"], { privateOnly: true, purpose: "pods" })).toHaveLength(1);
    expect(run(["100.64.0.0/16", "100.0.0.0/8"], { privateOnly: true, allowCgnat: true, purpose: "pods" })).toEqual([
      [1, "is not a private network; pods takes private ranges only", "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (or 100.64.0.0/10)"],
    ]);
  });
  test("public allow-lists refuse the internet in pieces: every entry shorter than /8", () => {
    expect(run(["0.0.0.0/1", "128.0.0.0/1", "203.0.113.0/24", "12.0.0.0/8", "not-a-cidr"], { purpose: "the public API endpoint" })).toEqual([
      [0, "opens the public API endpoint to a /1; ranges shorter than /8 are refused (0.0.0.0/0 split into pieces is still the internet)", "/8 or longer: the CIDRs of your offices, VPNs or CI runners"],
      [1, "opens the public API endpoint to a /1; ranges shorter than /8 are refused (0.0.0.0/0 split into pieces is still the internet)", "/8 or longer: the CIDRs of your offices, VPNs or CI runners"],
    ]);
  });
  test("property: a public list entry is reported exactly when its prefix is shorter than /8; a private-only entry exactly when it is not private (or CGNAT where allowed)", () => {
    expect(MIN_PUBLIC_PREFIX).toBe(8);
    fc.assert(
      fc.property(fc.array(anyNet, { maxLength: 6 }), fc.boolean(), (nets, allowCgnat) => {
        const texts = nets.map((n) => text(n.addr, n.prefix));
        expect(run(texts, { purpose: "x" }).map(([i]) => i)).toEqual(nets.flatMap((n, i) => (n.prefix < 8 ? [i] : [])));
        const isPrivate = (n: Net) => PRIVATE.some((range) => inside(n, range)) || (allowCgnat && inside(n, SHARED));
        expect(run(texts, { privateOnly: true, allowCgnat, purpose: "x" }).map(([i]) => i)).toEqual(nets.flatMap((n, i) => (isPrivate(n) ? [] : [i])));
      }),
    );
  });
});
