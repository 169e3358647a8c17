import { cidr, contains, isCgnat, isRfc1918, overlaps, parseIpv4Cidr } from "../modules/core/cidr";

describe("parseIpv4Cidr", () => {
  test("accepts a network address", () => {
    const p = parseIpv4Cidr("10.1.0.0/16");
    expect(p).toEqual({ ok: true, cidr: { text: "10.1.0.0/16", start: 167837696, end: 167903231, prefix: 16 } });
  });
  test.each([
    ["10.1.0.1/16", /host bits set; the network address is 10.1.0.0\/16/],
    ["10.1.0.0", /not in CIDR notation/],
    ["10.1.0/16", /not an IPv4 CIDR/],
    ["300.1.0.0/16", /not an IPv4 CIDR/],
    ["10.1.0.0/33", /not an IPv4 CIDR/],
    ["fd00::/8", /not an IPv4 CIDR/],
  ])("rejects %s", (text, reason) => {
    const p = parseIpv4Cidr(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(reason);
  });
});

describe("range arithmetic", () => {
  test("overlap is symmetric and numeric, not textual", () => {
    expect(overlaps(cidr("10.0.0.0/8"), cidr("10.200.0.0/16"))).toBe(true);
    expect(overlaps(cidr("10.200.0.0/16"), cidr("10.0.0.0/8"))).toBe(true);
    expect(overlaps(cidr("10.1.0.0/16"), cidr("10.10.0.0/16"))).toBe(false);
    expect(overlaps(cidr("192.168.0.0/24"), cidr("192.168.1.0/24"))).toBe(false);
  });
  test("containment and private ranges", () => {
    expect(contains(cidr("172.16.0.0/12"), cidr("172.31.255.0/24"))).toBe(true);
    expect(isRfc1918(cidr("172.32.0.0/16"))).toBe(false);
    expect(isRfc1918(cidr("192.168.10.0/24"))).toBe(true);
    expect(isCgnat(cidr("100.64.8.0/21"))).toBe(true);
    expect(isRfc1918(cidr("100.64.8.0/21"))).toBe(false);
  });
});
