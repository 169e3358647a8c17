import { Token } from "cdktf";
import { overlaps, parseIpv4Cidr } from "../core/cidr";
import { Issues, joinPath } from "../core/errors";
import { HybridConfig } from "../hybrid-nodes/config";
import { checkSubnetNames, SubnetInfo } from "../network/validate";
import { DeploymentType, FileSystemConfig, FsxOntapConfig, TridentConfig } from "./config";
import { fsxIngressPorts } from "./render";

export interface FsxValidationContext {
  readonly subnets: Record<string, SubnetInfo>;
  readonly vpcCidrs: readonly string[];
  readonly clusterSubnetNames: readonly string[];
  /** Client security groups the file system's group admits (each gets every cloud port). @default 1 */
  readonly clientSecurityGroups?: number;
  /** Present = the hybrid layout (derived from cluster.remoteNetworks, never a separate prop). */
  readonly onPrem?: {
    /** On-prem CIDRs FSx is opened to (node CIDRs, plus pod CIDRs when routable). */
    readonly cidrs: readonly string[];
    /** Multi-AZ routing inputs (tokens allowed). */
    readonly transitGatewayRouteTableId?: string;
    readonly transitGatewayAttachmentId?: string;
    /** Where a missing transit gateway input is to be set (the YAML and construct paths differ). */
    readonly transitGatewayPath: string;
    /** YAML path: the hybrid gateway type, for a clearer message. @default - not known */
    readonly gatewayType?: string;
  };
}

/** The validation context of the YAML path, from the environment's hybrid section. */
export function fsxContextFromHybrid(
  base: { subnets: Record<string, SubnetInfo>; vpcCidrs: readonly string[]; clusterSubnetNames: readonly string[] },
  hybrid: HybridConfig | undefined,
): FsxValidationContext {
  if (!hybrid) return base;
  const gw = hybrid.connectivity.gateway;
  return {
    ...base,
    onPrem: {
      cidrs: onPremCidrs(hybrid.remoteNodeCidrs, hybrid.remotePodCidrs, hybrid.podCidrsRoutable),
      // A created transit gateway gets its route table and attachment at apply: only an existing one needs the table id.
      transitGatewayRouteTableId: gw.type === "transit-gateway" ? (gw.transitGatewayId ? gw.transitGatewayRouteTableId : "(created)") : undefined,
      transitGatewayAttachmentId: gw.type === "transit-gateway" ? "(created)" : undefined,
      transitGatewayPath: "hybrid.connectivity.gateway.transitGatewayRouteTableId",
      gatewayType: gw.type,
    },
  };
}

/** Issue 10.7: pod CIDRs are allowed only when they are routable. */
export function onPremCidrs(nodeCidrs: readonly string[], podCidrs: readonly string[], podCidrsRoutable: boolean): string[] {
  return [...nodeCidrs, ...(podCidrsRoutable ? podCidrs : [])];
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

/** The YAML path's validator: the file system, then (Trident enabled) its backends and classes. */
export function validateFsxOntap(config: FsxOntapConfig, ctx: FsxValidationContext, issues: Issues, path = "fsxOntap"): void {
  const t = config.trident;
  validateFileSystem(config, ctx, issues, path, t.enabled && t.san);
  if (t.enabled) {
    if (t.identity === "irsa" && !t.oidcProviderArn) issues.error(joinPath(path, "trident.oidcProviderArn"), "is required when identity is irsa", undefined, "the cluster's IAM OIDC provider ARN");
    validateStorageClasses(t, config.svms, issues, joinPath(path, "trident"), path);
  }
}

/** Trident StorageClasses referring to real SVMs and backends (TRI-06). */
export function validateStorageClasses(t: Pick<TridentConfig, "san" | "storageClasses">, svms: FileSystemConfig["svms"], issues: Issues, path: string, svmsPath: string): void {
  for (const [name, sc] of Object.entries(t.storageClasses)) {
    const scPath = joinPath(joinPath(path, "storageClasses"), name);
    if (sc.svm && !svms[sc.svm]) issues.error(joinPath(scPath, "svm"), `names no SVM of ${joinPath(svmsPath, "svms")}`, sc.svm, Object.keys(svms).join(", "));
    if (sc.backendType === "ontap-san" && !t.san) issues.error(joinPath(scPath, "backendType"), `is ontap-san but ${joinPath(path, "san")} is false, so no SAN backend exists`, sc.backendType, `ontap-nas, or set ${joinPath(path, "san")}: true`);
  }
}

/** Backend names derive from SVM names: lowercased, '_' as '-' (Kubernetes object names). */
export function backendName(svm: string, driver: string): string {
  return `${svm.toLowerCase().replace(/_/g, "-")}-${driver}`;
}

/**
 * Every rule about the file system itself, shared by the YAML path and the FsxOntap construct.
 * Provider plan-time validations mirrored here (terraform-provider-aws internal/service/fsx
 * ontap_file_system.go, ontap_storage_virtual_machine.go, ontap_volume.go; secretsmanager
 * secret.go; ec2 vpc_security_group_ingress_rule.go; iam role.go; eks pod_identity_association.go;
 * ec2 transitgateway_route.go), where a config value can trip them:
 * - file system: deployment_type enum, subnet_ids 1-2, storage_capacity 1024-1048576 (tighter per
 *   type below), throughput_capacity / _per_ha_pair value sets, ha_pairs 1-12,
 *   automatic_backup_retention_days 0-90, daily_automatic_backup_start_time ^([01]\d|2[0-3]):?([0-5]\d)$,
 *   weekly_maintenance_start_time ^[1-7]:([01]\d|2[0-3]):?([0-5]\d)$, endpoint_ip_address_range
 *   ValidIPv4CIDRNetworkAddress, route_table_ids at most 50, kms_key_id ARN (schema); newer
 *   providers accept 128-6144 for both throughput arguments: our per-type sets are subsets;
 * - SVM: name 1-47, root_volume_security_style enum, svm_admin_password 8-50 (variable validation);
 * - volume: name 1-203, junction_path 1-255, size_in_bytes, tiering_policy name enum and
 *   cooling_period 2-183, security_style enum (schema);
 * - secret: name_prefix pattern ^[0-9A-Za-z/_+=.@-]+$ (cluster and SVM names are within it);
 * - security group: name_prefix at most 74 characters (cut in FsxOntap); rules: ports 0-65535,
 *   cidr_ipv4 IsCIDR network address (ipv4Cidr refuses host bits);
 * - IAM role: name_prefix at most 38 (cut to 38 in Trident); pod identity association: namespace
 *   and service account are constants; transit gateway route: destination_cidr_block IsCIDR.
 */
export function validateFileSystem(config: FileSystemConfig, ctx: FsxValidationContext, issues: Issues, path: string, san: boolean): void {
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
    if (config.routeTableSubnets) {
      checkSubnetNames(config.routeTableSubnets, ctx.subnets, issues, p("routeTableSubnets"));
      // FSX-NET-02: the floating endpoint IPs are routed only in the listed subnets' route tables.
      const left = ctx.clusterSubnetNames.filter((n) => !config.routeTableSubnets!.includes(n));
      if (left.length > 0) {
        issues.warn(p("routeTableSubnets"), `leaves out subnets of the cluster (${left.join(", ")}): FSx routes its floating endpoint IPs only in the listed subnets' route tables, so nodes there reach the file system only if their route table is one of those`, config.routeTableSubnets, `add ${left.join(", ")}, or leave routeTableSubnets out (every subnet of the VPC)`);
      }
    }
    const range = config.endpointIpAddressRange ? parseIpv4Cidr(config.endpointIpAddressRange) : undefined;
    if (range?.ok) {
      if (range.cidr.prefix > 28) issues.error(p("endpointIpAddressRange"), "is too small for the file system's endpoints", config.endpointIpAddressRange, "a /28 or larger range");
      const others = [...ctx.vpcCidrs.map((c) => ["the VPC CIDR", c]), ...(ctx.onPrem?.cidrs ?? []).map((c) => ["the on-prem network", c])];
      for (const [what, text] of others) {
        const o = parseIpv4Cidr(text);
        if (o.ok && overlaps(o.cidr, range.cidr)) issues.error(p("endpointIpAddressRange"), `overlaps ${what} ${text}`, config.endpointIpAddressRange, "a range used nowhere else (e.g. in 198.19.0.0/16)");
      }
    }
    // FSX-NET-02: on-prem reaches Multi-AZ floating IPs only through a transit gateway.
    const onPrem = ctx.onPrem;
    if (onPrem) {
      if (onPrem.gatewayType !== undefined && onPrem.gatewayType !== "transit-gateway") {
        issues.error(p("deploymentType"), `${type} is reachable from on-prem only through a transit gateway (FSX-NET-02), but hybrid.connectivity.gateway.type is ${onPrem.gatewayType}`, type, "hybrid.connectivity.gateway.type: transit-gateway, or a SINGLE_AZ deployment type");
      } else {
        const why = onPrem.gatewayType !== undefined ? "is required with an existing transit gateway and a Multi-AZ FSx, to route the endpoint range to the VPC" : `is required with a ${type} file system in the hybrid layout, to route the endpoint range to the VPC (FSX-NET-02)`;
        if (!onPrem.transitGatewayRouteTableId) issues.error(onPrem.transitGatewayPath, why, undefined, "the tgw-rtb- id of the route table that on-prem traffic uses");
        if (!onPrem.transitGatewayAttachmentId) issues.error(onPrem.transitGatewayPath.replace(/RouteTableId$/, "AttachmentId"), `is required with a ${type} file system in the hybrid layout: the endpoint-range route targets this VPC's attachment (FSX-NET-02)`, undefined, "the tgw-attach- id of this VPC's attachment");
      }
      if (!config.endpointIpAddressRange) {
        issues.error(p("endpointIpAddressRange"), "must be set in the hybrid layout so on-prem can route to the floating endpoint IPs (FSX-NET-02)", undefined, "an unused range such as 198.19.255.0/24");
      }
    } else if (!config.endpointIpAddressRange) {
      issues.warn(p("endpointIpAddressRange"), "is not set: FSx picks one, and setting it later (e.g. when switching to hybrid) replaces the file system");
    }
    // Provider: route_table_ids holds at most 50 entries.
    const tables = config.routeTableSubnets ?? Object.keys(ctx.subnets);
    if (tables.length > 50) issues.error(p("routeTableSubnets"), "names more than the 50 route tables FSx accepts", tables.length, "at most 50 subnets");
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

  // Issue 10.9: SVM names that collide once lowercased (variable and backend names) are refused.
  const byKey = new Map<string, string>();
  for (const svm of Object.keys(config.svms)) {
    const key = backendName(svm, "");
    const other = byKey.get(key);
    if (other !== undefined) issues.error(joinPath(p("svms"), svm), `collides with SVM ${other}: both derive the password variable fsx_${svm.toLowerCase()}_vsadmin_password and backend ${backendName(svm, "ontap-nas")}`, svm, "SVM names that differ in more than case and '_'/'-'");
    else byKey.set(key, svm);
  }

  // AWS allows 60 inbound rules per security group by default.
  const cloudPorts = fsxIngressPorts({ san, smb: config.protocols.smb, snapmirror: config.protocols.snapmirror, management: true }).length;
  const onPremPorts = fsxIngressPorts({ san, smb: config.protocols.smb, snapmirror: config.protocols.snapmirror, management: config.onPremManagementAccess }).length;
  const ruleCount = cloudPorts * (ctx.clientSecurityGroups ?? 1) + (ctx.onPrem?.cidrs.filter((c) => !Token.isUnresolved(c)).length ?? 0) * onPremPorts;
  if (ruleCount > SG_RULE_LIMIT) {
    issues.error(path, `needs ${ruleCount} security group rules (ports x sources), more than the ${SG_RULE_LIMIT} AWS allows per group`, ruleCount, "fewer on-prem CIDRs (summarize them) or fewer protocols");
  }
}
