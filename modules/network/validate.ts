import { contains, Ipv4Cidr, overlaps, parseIpv4Cidr } from "../core/cidr";
import { Issues, joinPath } from "../core/errors";
import { NetworkConfig } from "./config";
import { own } from "../core/records";

export interface SubnetInfo {
  readonly name: string;
  readonly availabilityZone: string;
  readonly cidr?: string;
}

/** Private subnets by name, as config declares them (the view other validators use). */
export function privateSubnetInfo(config: NetworkConfig): Record<string, SubnetInfo> {
  const source = config.mode === "existing" ? config.subnets : config.privateSubnets;
  return Object.fromEntries(Object.entries(source).map(([name, s]) => [name, { name, availabilityZone: s.availabilityZone, cidr: s.cidr }]));
}

export function vpcCidrsOf(config: NetworkConfig): string[] {
  return config.mode === "existing" ? [...config.vpcCidrs] : [config.vpcCidr];
}

/** Checks that subnet names given elsewhere exist, and returns the distinct AZs they span. */
export function checkSubnetNames(
  names: readonly string[],
  subnets: Record<string, SubnetInfo>,
  issues: Issues,
  path: string,
): string[] {
  const azs = new Set<string>();
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const subnet = own(subnets, name);
    if (seen.has(name)) issues.error(joinPath(path, i), "lists the same subnet twice", name);
    seen.add(name);
    if (!subnet) {
      issues.error(joinPath(path, i), "names no private subnet of network", name, Object.keys(subnets).sort().join(", ") || "(none declared)");
    } else {
      azs.add(subnet.availabilityZone);
    }
  });
  return [...azs].sort();
}

export function validateNetwork(config: NetworkConfig, issues: Issues, path: string): void {
  const vpcCidrs: Ipv4Cidr[] = [];
  vpcCidrsOf(config).forEach((text) => {
    const parsed = parseIpv4Cidr(text);
    if (parsed.ok) vpcCidrs.push(parsed.cidr);
  });

  const all: { path: string; name: string; cidr?: string; az: string }[] = [];
  if (config.mode === "existing") {
    const ids = new Map<string, string>();
    for (const [name, s] of Object.entries(config.subnets)) {
      const p = joinPath(joinPath(path, "subnets"), name);
      const other = ids.get(s.id);
      if (other) issues.error(joinPath(p, "id"), `is the same subnet as network.subnets.${other}`, s.id);
      ids.set(s.id, name);
      all.push({ path: p, name, cidr: s.cidr, az: s.availabilityZone });
    }
    if (Object.keys(config.subnets).length === 0) issues.error(joinPath(path, "subnets"), "must list at least two private subnets in different availability zones", config.subnets);
  } else {
    for (const [name, s] of Object.entries(config.privateSubnets)) {
      all.push({ path: joinPath(joinPath(path, "privateSubnets"), name), name, cidr: s.cidr, az: s.availabilityZone });
    }
    for (const [name, s] of Object.entries(config.publicSubnets ?? {})) {
      const p = joinPath(joinPath(path, "publicSubnets"), name);
      if (own(config.privateSubnets, name)) issues.error(p, "uses a name already taken by a private subnet; subnet names must be unique", name);
      all.push({ path: p, name, cidr: s.cidr, az: s.availabilityZone });
    }
    if (Object.keys(config.publicSubnets ?? {}).length === 0 && !config.vpcEndpoints) {
      issues.warn(joinPath(path, "publicSubnets"), "are not given and vpcEndpoints is off, so nodes in the created private subnets have no way to AWS: they need NAT, VPC endpoints (vpcEndpoints: true) or a transit gateway route to pull images and join");
    }
    const azs = new Set(Object.values(config.privateSubnets).map((s) => s.availabilityZone));
    if (azs.size < 2) {
      issues.error(joinPath(path, "privateSubnets"), "must span at least two availability zones (EKS needs two)", [...azs], "subnets in two or more distinct availability zones");
    }
  }

  // CreateVpc/CreateSubnet accept /16 to /28 only: refused at synth rather than 10 minutes into an apply.
  if (config.mode === "create") {
    const v = parseIpv4Cidr(config.vpcCidr);
    if (v.ok && (v.cidr.prefix < 16 || v.cidr.prefix > 28)) issues.error(joinPath(path, "vpcCidr"), "must be between /16 and /28 (AWS VPC limit)", config.vpcCidr, "e.g. 10.0.0.0/16");
  }
  for (const s of all) {
    const p = s.cidr ? parseIpv4Cidr(s.cidr) : undefined;
    if (config.mode === "create" && p?.ok && (p.cidr.prefix < 16 || p.cidr.prefix > 28)) issues.error(joinPath(s.path, "cidr"), "must be between /16 and /28 (AWS subnet limit)", s.cidr, "e.g. 10.0.0.0/19");
  }

  // Subnet CIDRs: inside the VPC, and not overlapping each other.
  const parsed: { path: string; cidr: Ipv4Cidr }[] = [];
  for (const s of all) {
    if (!s.cidr) continue;
    const p = parseIpv4Cidr(s.cidr);
    if (!p.ok) continue; // the schema already reported it
    if (vpcCidrs.length > 0 && !vpcCidrs.some((v) => contains(v, p.cidr))) {
      issues.error(joinPath(s.path, "cidr"), "lies outside the VPC", s.cidr, `a range inside ${vpcCidrs.map((v) => v.text).join(" or ")}`);
    }
    for (const other of parsed) {
      if (overlaps(other.cidr, p.cidr)) issues.error(joinPath(s.path, "cidr"), `overlaps ${other.path}.cidr (${other.cidr.text})`, s.cidr);
    }
    parsed.push({ path: s.path, cidr: p.cidr });
  }
}
