/**
 * IPv4 CIDR arithmetic on top of ipaddr.js (a maintained IP library), used by every check that
 * compares networks: remote node/pod networks, VPC and service CIDRs, FSx endpoint ranges.
 */
import * as ipaddr from "ipaddr.js";

export interface Ipv4Cidr {
  readonly text: string;
  /** Network address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly end: number;
  readonly prefix: number;
}

export type CidrParse = { ok: true; cidr: Ipv4Cidr } | { ok: false; reason: string };

const toInt = (addr: ipaddr.IPv4): number => addr.octets.reduce((acc, o) => acc * 256 + o, 0);

/**
 * Parses an IPv4 CIDR and insists that it is a network address (host bits zero), because AWS
 * rejects `10.0.0.1/16` where a network is expected.
 */
export function parseIpv4Cidr(text: string): CidrParse {
  if (typeof text !== "string" || !text.includes("/")) {
    return { ok: false, reason: "is not in CIDR notation (a.b.c.d/n)" };
  }
  let addr: ipaddr.IPv4;
  let prefix: number;
  try {
    if (!ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0])) {
      return { ok: false, reason: "is not an IPv4 CIDR" };
    }
    [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  } catch {
    return { ok: false, reason: "is not an IPv4 CIDR" };
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (network.toString() !== addr.toString()) {
    return { ok: false, reason: `has host bits set; the network address is ${network.toString()}/${prefix}` };
  }
  const start = toInt(addr);
  const size = 2 ** (32 - prefix);
  return { ok: true, cidr: { text, start, end: start + size - 1, prefix } };
}

/** Parses a CIDR known to be valid (constants, already-validated input). */
export function cidr(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.reason}`);
  return parsed.cidr;
}

export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export const RFC1918 = [cidr("10.0.0.0/8"), cidr("172.16.0.0/12"), cidr("192.168.0.0/16")] as const;
export const CGNAT = cidr("100.64.0.0/10");

export function isRfc1918(c: Ipv4Cidr): boolean {
  return RFC1918.some((range) => contains(range, c));
}

export function isCgnat(c: Ipv4Cidr): boolean {
  return contains(CGNAT, c);
}

/** A CIDR as a construct-id fragment: 10.200.0.0/16 -> 10-200-0-0-16 (stable, so adding a CIDR never re-addresses others). */
export function cidrKey(text: string): string {
  return text.replace(/[./]/g, "-");
}

/**
 * The shortest prefix a public CIDR may have where public sources are allowed (an endpoint's
 * publicAccessCidrs): /8. `0.0.0.0/0` split into `0.0.0.0/1` + `128.0.0.0/1` (or any other short
 * ranges) is still "the internet", so every entry is bounded on its own.
 */
export const MIN_PUBLIC_PREFIX = 8;

export interface CidrListRules {
  /** Every entry must lie inside RFC 1918 (10/8, 172.16/12, 192.168/16). */
  readonly privateOnly?: boolean;
  /** Also accept 100.64.0.0/10 (CGNAT) where privateOnly is set. @default false */
  readonly allowCgnat?: boolean;
  /** What the list is for, in messages (e.g. "the public API endpoint"). */
  readonly purpose: string;
}

/** Where a list of CIDRs is an allow-list, refuses the internet in pieces and (privateOnly) anything public. */
export function checkCidrList(cidrs: readonly string[], rules: CidrListRules, report: (index: number, message: string, allowed: string) => void): void {
  cidrs.forEach((text, i) => {
    const parsed = parseIpv4Cidr(text);
    if (!parsed.ok) return; // the schema reports malformed CIDRs
    const c = parsed.cidr;
    if (rules.privateOnly) {
      if (!isRfc1918(c) && !(rules.allowCgnat && isCgnat(c))) {
        report(i, `is not a private network; ${rules.purpose} takes private ranges only`, `a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16${rules.allowCgnat ? " (or 100.64.0.0/10)" : ""}`);
      }
      return;
    }
    if (c.prefix < MIN_PUBLIC_PREFIX) {
      report(i, `opens ${rules.purpose} to a /${c.prefix}; ranges shorter than /${MIN_PUBLIC_PREFIX} are refused (0.0.0.0/0 split into pieces is still the internet)`, `/${MIN_PUBLIC_PREFIX} or longer: the CIDRs of your offices, VPNs or CI runners`);
    }
  });
}
