import { isCgnat, isRfc1918, Ipv4Cidr, overlaps, parseIpv4Cidr } from "../core/cidr";
import { Issues, joinPath } from "../core/errors";
import { checkSubnetNames, SubnetInfo } from "../network/validate";
import { HybridConfig } from "./config";

export interface HybridValidationContext {
  readonly layout: "cloud-only" | "hybrid";
  readonly subnets: Record<string, SubnetInfo>;
  readonly vpcCidrs: readonly string[];
  readonly serviceIpv4Cidr: string;
  readonly clusterSubnetNames: readonly string[];
  /** Validation time, for activation expiry. @default now */
  readonly now?: Date;
}

const MAX_ACTIVATION_DAYS = 30;

export function validateHybrid(config: HybridConfig | undefined, ctx: HybridValidationContext, issues: Issues, path = "hybrid"): void {
  if (ctx.layout === "cloud-only") {
    if (config) issues.warn(path, "is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)");
    return;
  }
  if (!config) {
    issues.error(path, "is required in the hybrid layout", undefined, "a section with remoteNodeCidrs, remotePodCidrs and connectivity");
    return;
  }
  validateRemoteNetworks(config, ctx, issues, path);
  validateConnectivity(config, ctx, issues, joinPath(path, "connectivity"));
  validateCredentials(config, ctx.now ?? new Date(), issues, joinPath(path, "credentials"));

  if (config.inboundResolver) {
    const names = config.resolverSubnets ?? ctx.clusterSubnetNames;
    const p = joinPath(path, "resolverSubnets");
    const azs = checkSubnetNames(names, ctx.subnets, issues, p);
    if (azs.length < 2 && names.every((n) => ctx.subnets[n])) {
      issues.error(p, "must span at least two availability zones (Route 53 Resolver needs two IPs in different AZs)", names, "subnets in two or more availability zones");
    }
  }
  const seen = new Set<number>();
  config.webhookPorts.forEach((port, i) => {
    if (seen.has(port)) issues.error(joinPath(joinPath(path, "webhookPorts"), i), "is listed twice", port);
    seen.add(port);
  });
}

/** HYB-NET-01..03: private IPv4 networks that overlap nothing the cluster uses. */
function validateRemoteNetworks(config: HybridConfig, ctx: HybridValidationContext, issues: Issues, path: string): void {
  const checked: { path: string; cidr: Ipv4Cidr }[] = [];
  const lists: [string, string[]][] = [
    ["remoteNodeCidrs", config.remoteNodeCidrs],
    ["remotePodCidrs", config.remotePodCidrs],
  ];
  const vpc = ctx.vpcCidrs.map((v) => parseIpv4Cidr(v)).flatMap((p) => (p.ok ? [p.cidr] : []));
  const service = parseIpv4Cidr(ctx.serviceIpv4Cidr);
  for (const [field, cidrs] of lists) {
    cidrs.forEach((text, i) => {
      const p = joinPath(joinPath(path, field), i);
      const parsed = parseIpv4Cidr(text);
      if (!parsed.ok) return; // reported by the schema
      const c = parsed.cidr;
      if (isCgnat(c)) {
        issues.warn(p, "is in 100.64.0.0/10 (CGNAT): EKS accepts it for hybrid nodes only with AWS provider releases newer than 6.25.0 (HYB-NET-02)", text);
      } else if (!isRfc1918(c)) {
        issues.error(p, "is not a private network (HYB-NET-01)", text, "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (100.64.0.0/10 with a warning)");
      }
      for (const v of vpc) if (overlaps(v, c)) issues.error(p, `overlaps the VPC CIDR ${v.text} (HYB-NET-03)`, text, "a range outside every VPC CIDR");
      if (service.ok && overlaps(service.cidr, c)) {
        issues.error(p, `overlaps the cluster's service CIDR ${service.cidr.text} (HYB-NET-03)`, text, "a range outside the service CIDR");
      }
      for (const other of checked) if (overlaps(other.cidr, c)) issues.error(p, `overlaps ${other.path} (${other.cidr.text}) (HYB-NET-03)`, text);
      checked.push({ path: p, cidr: c });
      if (field === "remotePodCidrs" && config.cilium.podCidrMaskSize < c.prefix) {
        issues.error(joinPath(joinPath(path, "cilium"), "podCidrMaskSize"), `is larger than the pod network ${text}; Cilium could not carve per-node blocks from it`, config.cilium.podCidrMaskSize, `${c.prefix}..28`);
      }
    });
  }
  config.dnsClientCidrs.forEach((text, i) => {
    const parsed = parseIpv4Cidr(text);
    if (parsed.ok && parsed.cidr.prefix === 0) issues.error(joinPath(joinPath(path, "dnsClientCidrs"), i), "would open DNS to everyone", text, "your on-prem DNS servers' networks");
  });
}

function validateConnectivity(config: HybridConfig, ctx: HybridValidationContext, issues: Issues, path: string): void {
  const c = config.connectivity;
  const gw = c.gateway;
  const gwPath = joinPath(path, "gateway");
  if (gw.type === "virtual-private-gateway" && gw.transitGatewayId) {
    issues.error(joinPath(gwPath, "transitGatewayId"), "is only valid with type transit-gateway", gw.transitGatewayId, "remove it, or set type: transit-gateway");
  }
  if (gw.type === "virtual-private-gateway" && gw.attachmentSubnets) {
    issues.error(joinPath(gwPath, "attachmentSubnets"), "is only valid with type transit-gateway", gw.attachmentSubnets);
  }
  if (gw.transitGatewayId && (c.vpn || c.directConnect)) {
    issues.error(path, "sets vpn or directConnect for an existing transit gateway; its on-prem side is managed where the gateway is", Object.keys(c).filter((k) => k !== "gateway"), "gateway only");
  }
  if (!gw.transitGatewayId && !c.vpn && !c.directConnect) {
    issues.error(path, "gives no way to reach on-prem", c, "vpn, directConnect, or gateway.transitGatewayId of an existing transit gateway");
  }
  if (gw.type === "transit-gateway") {
    const names = gw.attachmentSubnets ?? ctx.clusterSubnetNames;
    const p = joinPath(gwPath, "attachmentSubnets");
    checkSubnetNames(names, ctx.subnets, issues, p);
    const byAz = new Map<string, string>();
    for (const n of names) {
      const s = ctx.subnets[n];
      if (!s) continue;
      const other = byAz.get(s.availabilityZone);
      if (other) issues.error(p, `puts ${other} and ${n} in the same availability zone; a transit gateway attachment takes one subnet per AZ`, names);
      byAz.set(s.availabilityZone, n);
    }
  }
}

function validateCredentials(config: HybridConfig, now: Date, issues: Issues, path: string): void {
  const cred = config.credentials;
  if (cred.ssm && cred.iamRolesAnywhere) {
    issues.error(path, "sets both ssm and iamRolesAnywhere; on-prem nodes must use exactly one credential provider (HYB-IAM-01)", Object.keys(cred), "ssm or iamRolesAnywhere");
  }
  const expiry = cred.ssm?.expirationDate;
  if (expiry) {
    const date = new Date(expiry);
    const days = (date.getTime() - now.getTime()) / 86_400_000;
    const p = joinPath(joinPath(path, "ssm"), "expirationDate");
    if (days <= 0) issues.error(p, "is in the past", expiry, `a time within ${MAX_ACTIVATION_DAYS} days from now`);
    else if (days > MAX_ACTIVATION_DAYS) issues.error(p, `is more than ${MAX_ACTIVATION_DAYS} days ahead; SSM refuses longer activations (HYB-IAM-06)`, expiry, `a time before ${new Date(now.getTime() + MAX_ACTIVATION_DAYS * 86_400_000).toISOString()}`);
  }
}
