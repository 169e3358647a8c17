import { overlaps, parseIpv4Cidr } from "../core/cidr";
import { Issues, joinPath } from "../core/errors";
import { HybridConfig, remoteCidrs } from "../hybrid-nodes/config";
import { checkSubnetNames, SubnetInfo } from "../network/validate";
import { DeploymentType, FsxOntapConfig } from "./config";
import { fsxIngressPorts } from "./render";

export interface FsxValidationContext {
  readonly layout: "cloud-only" | "hybrid";
  readonly subnets: Record<string, SubnetInfo>;
  readonly vpcCidrs: readonly string[];
  readonly clusterSubnetNames: readonly string[];
  /** The hybrid section in the hybrid layout. */
  readonly hybrid?: HybridConfig;
}

/** FSX-FS-02: throughput values the API accepts per deployment type (MB/s). */
export const THROUGHPUT: Record<DeploymentType, readonly number[]> = {
  SINGLE_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  MULTI_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  MULTI_AZ_2: [384, 768, 1536, 3072, 6144],
  SINGLE_AZ_2: [1536, 3072, 6144],
};

const isMultiAz = (t: DeploymentType) => t.startsWith("MULTI_AZ");
const SG_RULE_LIMIT = 60;

/** FSX-FS-04: storage capacity bounds in GiB. */
export function capacityBounds(type: DeploymentType, haPairs: number): [number, number] {
  if (type === "SINGLE_AZ_2") return [1024 * haPairs, Math.min(524288 * haPairs, 1048576)];
  if (type === "MULTI_AZ_2") return [1024, 524288];
  return [1024, 196608];
}

export function validateFsxOntap(config: FsxOntapConfig, ctx: FsxValidationContext, issues: Issues, path = "fsxOntap"): void {
  const type = config.deploymentType;
  const p = (k: string) => joinPath(path, k);

  // FSX-FS-01: subnet count and AZs, preferred subnet among them.
  const wanted = isMultiAz(type) ? 2 : 1;
  if (config.subnets.length !== wanted) {
    issues.error(p("subnets"), `must list ${wanted} subnet${wanted === 1 ? "" : "s"} for ${type}`, config.subnets, isMultiAz(type) ? "two subnets in different availability zones" : "one subnet");
  }
  const azs = checkSubnetNames(config.subnets, ctx.subnets, issues, p("subnets"));
  if (isMultiAz(type) && config.subnets.length === 2 && azs.length === 1) {
    issues.error(p("subnets"), `puts both file servers in ${azs[0]}; Multi-AZ needs two availability zones`, config.subnets, "two subnets in different availability zones");
  }
  if (config.preferredSubnet && !config.subnets.includes(config.preferredSubnet)) {
    issues.error(p("preferredSubnet"), "is not one of subnets", config.preferredSubnet, config.subnets.join(", "));
  }

  // FSX-FS-02/03/04: throughput, HA pairs and capacity per type.
  const haPairs = config.haPairs ?? 1;
  if (type === "SINGLE_AZ_2") {
    if (config.throughputMibps !== undefined) {
      issues.error(p("throughputMibps"), "does not apply to SINGLE_AZ_2, which takes throughput per HA pair", config.throughputMibps, "throughputPerHaPairMibps with haPairs");
    }
    if (config.throughputPerHaPairMibps === undefined) {
      issues.error(p("throughputPerHaPairMibps"), "is required for SINGLE_AZ_2", undefined, THROUGHPUT.SINGLE_AZ_2.join(", "));
    } else if (!THROUGHPUT.SINGLE_AZ_2.includes(config.throughputPerHaPairMibps)) {
      issues.error(p("throughputPerHaPairMibps"), "is not a throughput SINGLE_AZ_2 offers", config.throughputPerHaPairMibps, THROUGHPUT.SINGLE_AZ_2.join(", "));
    }
  } else {
    if (config.haPairs !== undefined && config.haPairs !== 1) {
      issues.error(p("haPairs"), `must be 1 for ${type}; more HA pairs need SINGLE_AZ_2`, config.haPairs, "1, or deploymentType SINGLE_AZ_2");
    }
    if (config.throughputPerHaPairMibps !== undefined) {
      issues.error(p("throughputPerHaPairMibps"), `only applies to SINGLE_AZ_2, not ${type}`, config.throughputPerHaPairMibps, "throughputMibps");
    }
    if (config.throughputMibps === undefined) {
      issues.error(p("throughputMibps"), `is required for ${type}`, undefined, THROUGHPUT[type].join(", "));
    } else if (!THROUGHPUT[type].includes(config.throughputMibps)) {
      issues.error(p("throughputMibps"), `is not a throughput ${type} offers`, config.throughputMibps, THROUGHPUT[type].join(", "));
    }
  }
  const [min, max] = capacityBounds(type, haPairs);
  if (config.storageCapacityGiB < min || config.storageCapacityGiB > max) {
    issues.error(p("storageCapacityGiB"), `is outside what ${type}${type === "SINGLE_AZ_2" ? ` with ${haPairs} HA pair(s)` : ""} allows`, config.storageCapacityGiB, `${min}-${max}`);
  }

  // FSX-FS-05: Multi-AZ-only fields.
  if (!isMultiAz(type)) {
    if (config.endpointIpAddressRange) issues.error(p("endpointIpAddressRange"), `only applies to Multi-AZ, not ${type}`, config.endpointIpAddressRange, "remove it");
    if (config.routeTableSubnets) issues.error(p("routeTableSubnets"), `only applies to Multi-AZ, not ${type}`, config.routeTableSubnets, "remove it");
  } else {
    if (config.routeTableSubnets) checkSubnetNames(config.routeTableSubnets, ctx.subnets, issues, p("routeTableSubnets"));
    const range = config.endpointIpAddressRange ? parseIpv4Cidr(config.endpointIpAddressRange) : undefined;
    if (range?.ok) {
      if (range.cidr.prefix > 28) issues.error(p("endpointIpAddressRange"), "is too small for the file system's endpoints", config.endpointIpAddressRange, "a /28 or larger range");
      const others = [...ctx.vpcCidrs.map((c) => ["the VPC CIDR", c]), ...remoteCidrs(ctx.hybrid).map((c) => ["the on-prem network", c])];
      for (const [what, text] of others) {
        const o = parseIpv4Cidr(text);
        if (o.ok && overlaps(o.cidr, range.cidr)) issues.error(p("endpointIpAddressRange"), `overlaps ${what} ${text}`, config.endpointIpAddressRange, "a range used nowhere else (e.g. in 198.19.0.0/16)");
      }
    }
    // FSX-NET-02: on-prem reaches Multi-AZ floating IPs only through a transit gateway.
    if (ctx.layout === "hybrid" && ctx.hybrid) {
      const gw = ctx.hybrid.connectivity.gateway;
      if (gw.type !== "transit-gateway") {
        issues.error(p("deploymentType"), `${type} is reachable from on-prem only through a transit gateway (FSX-NET-02), but hybrid.connectivity.gateway.type is ${gw.type}`, type, "hybrid.connectivity.gateway.type: transit-gateway, or a SINGLE_AZ deployment type");
      } else if (gw.transitGatewayId && !gw.transitGatewayRouteTableId) {
        issues.error("hybrid.connectivity.gateway.transitGatewayRouteTableId", "is required with an existing transit gateway and a Multi-AZ FSx, to route the endpoint range to the VPC", undefined, "the tgw-rtb- id of the route table that on-prem traffic uses");
      }
      if (!config.endpointIpAddressRange) {
        issues.error(p("endpointIpAddressRange"), "must be set in the hybrid layout so on-prem can route to the floating endpoint IPs (FSX-NET-02)", undefined, "an unused range such as 198.19.255.0/24");
      }
    } else if (!config.endpointIpAddressRange) {
      issues.warn(p("endpointIpAddressRange"), "is not set: FSx picks one, and setting it later (e.g. when switching to hybrid) replaces the file system");
    }
  }
  if (config.automaticBackupRetentionDays === 0) issues.warn(p("automaticBackupRetentionDays"), "is 0: automatic backups are off (FSX-FS-06)", 0);

  // FSX-VOL-01: junction paths start with '/' and are unique per SVM.
  for (const [svm, s] of Object.entries(config.svms)) {
    const seen = new Map<string, string>();
    for (const [vol, v] of Object.entries(s.volumes)) {
      const vp = joinPath(joinPath(joinPath(joinPath(p("svms"), svm), "volumes"), vol), "junctionPath");
      if (!v.junctionPath.startsWith("/")) issues.error(vp, "must start with '/'", v.junctionPath, `e.g. /${vol}`);
      const other = seen.get(v.junctionPath);
      if (other) issues.error(vp, `is already the junction path of volume ${other}`, v.junctionPath, "a distinct path per volume");
      seen.set(v.junctionPath, vol);
      if (v.coolingPeriodDays !== undefined && !["AUTO", "SNAPSHOT_ONLY"].includes(v.tieringPolicy)) {
        issues.error(joinPath(vp.replace(/\.junctionPath$/, ""), "coolingPeriodDays"), `only applies to tiering policies AUTO and SNAPSHOT_ONLY, not ${v.tieringPolicy}`, v.coolingPeriodDays);
      }
    }
  }
  if (Object.keys(config.svms).length === 0) issues.error(p("svms"), "must declare at least one SVM", config.svms, "e.g. svms: { svm1: {} }");

  // Trident: identity inputs, StorageClasses referring to real SVMs and backends.
  const t = config.trident;
  if (t.enabled) {
    if (t.identity === "irsa" && !t.oidcProviderArn) issues.error(p("trident.oidcProviderArn"), "is required when identity is irsa", undefined, "the cluster's IAM OIDC provider ARN");
    for (const [name, sc] of Object.entries(t.storageClasses)) {
      const scPath = joinPath(joinPath(p("trident"), "storageClasses"), name);
      if (sc.svm && !config.svms[sc.svm]) issues.error(joinPath(scPath, "svm"), "names no SVM of fsxOntap.svms", sc.svm, Object.keys(config.svms).join(", "));
      if (sc.backendType === "ontap-san" && !t.san) issues.error(joinPath(scPath, "backendType"), "is ontap-san but trident.san is false, so no SAN backend exists", sc.backendType, "ontap-nas, or set trident.san: true");
    }
  }

  // AWS allows 60 inbound rules per security group by default.
  const sources = 1 + (ctx.layout === "hybrid" ? remoteCidrs(ctx.hybrid).length : 0);
  const ruleCount = sources * fsxIngressPorts({ san: t.enabled && t.san, smb: config.protocols.smb, snapmirror: config.protocols.snapmirror }).length;
  if (ruleCount > SG_RULE_LIMIT) {
    issues.error(path, `needs ${ruleCount} security group rules (ports x sources), more than the ${SG_RULE_LIMIT} AWS allows per group`, ruleCount, "fewer on-prem CIDRs (summarize them) or fewer protocols");
  }
}
