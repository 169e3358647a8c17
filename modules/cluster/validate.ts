import { Token } from "cdktf";
import { KUBERNETES_VERSIONS } from "../core/addons";
import { checkCidrList, isRfc1918, overlaps, parseIpv4Cidr } from "../core/cidr";
import { Issues, joinPath } from "../core/errors";
import { isArmAmiType, isArmInstanceType } from "../core/instance-arch";
import { checkSubnetNames, SubnetInfo } from "../network/validate";
import { ClusterConfig, CreatedClusterConfig } from "./config";
import { own } from "../core/records";

export type Layout = "cloud-only" | "hybrid";

export interface ClusterValidationContext {
  readonly layout: Layout;
  readonly subnets: Record<string, SubnetInfo>;
  readonly vpcCidrs: readonly string[];
  /** Remote pod CIDRs (hybrid): private endpoint CIDRs must not overlap them. @default [] */
  readonly remotePodCidrs?: readonly string[];
  /** Remote node CIDRs (hybrid): admitted on 443 by the hybrid nodes' own rule. @default [] */
  readonly remoteNodeCidrs?: readonly string[];
}

export interface ResolvedEndpoint {
  readonly privateAccess: boolean;
  readonly publicAccess: boolean;
  readonly publicAccessCidrs: string[];
}

/**
 * Endpoint defaults per layout: private access always on; public access in cloud-only only when
 * CIDRs are given, and off in hybrid (HYB-CL-03: hybrid nodes resolve a public+private endpoint to
 * its public IPs and may fail to join over Direct Connect/VPN).
 */
export function resolveEndpoint(config: CreatedClusterConfig, layout: Layout): ResolvedEndpoint {
  const cidrs = config.endpoint.publicAccessCidrs;
  return {
    privateAccess: config.endpoint.privateAccess ?? true,
    publicAccess: config.endpoint.publicAccess ?? (layout === "cloud-only" ? cidrs.length > 0 : false),
    publicAccessCidrs: [...cidrs],
  };
}

/** Subnet names the cluster uses: the configured list, or every private subnet by name (always for adopted clusters). */
export function clusterSubnetNames(config: ClusterConfig, subnets: Record<string, SubnetInfo>): string[] {
  return config.mode === "create" && config.subnets ? [...config.subnets] : Object.keys(subnets).sort();
}

export function validateCluster(config: ClusterConfig, ctx: ClusterValidationContext, issues: Issues, path: string): void {
  validateServiceCidr(config.serviceIpv4Cidr, ctx.vpcCidrs, issues, joinPath(path, "serviceIpv4Cidr"));
  // Issue 9 item 7: add-on versions are pinned per Kubernetes version; outside the table nothing is pinned.
  if (config.version !== undefined && !Token.isUnresolved(config.version) && !(KUBERNETES_VERSIONS as readonly string[]).includes(config.version)) {
    issues.error(joinPath(path, "version"), "is a Kubernetes version this library has no add-on versions for (core/addons.ts)", config.version, KUBERNETES_VERSIONS.join(", "));
  }
  if (config.mode === "existing") {
    if (ctx.layout === "hybrid") {
      issues.warn(joinPath(path, "mode"), "the cluster is adopted, so its remote_network_config and authentication mode are not managed here: it must already list the hybrid remote node and pod networks and use authentication mode API or API_AND_CONFIG_MAP (HYB-CL-01: the hybrid nodes join through an access entry)", "existing");
    }
    return;
  }

  const subnetsPath = joinPath(path, "subnets");
  const names = clusterSubnetNames(config, ctx.subnets);
  const azs = checkSubnetNames(names, ctx.subnets, issues, subnetsPath);
  if (azs.length < 2 && names.every((n) => own(ctx.subnets, n))) {
    issues.error(subnetsPath, "must span at least two availability zones (EKS requirement)", names, "subnets in two or more availability zones");
  }

  const endpoint = resolveEndpoint(config, ctx.layout);
  const endpointPath = joinPath(path, "endpoint");
  // Issue 10 item 4: every entry bounded on its own, so 0.0.0.0/1 + 128.0.0.0/1 cannot open the endpoint.
  checkCidrList(config.endpoint.publicAccessCidrs, { purpose: "the public API endpoint" }, (i, message, allowed) =>
    issues.error(joinPath(joinPath(endpointPath, "publicAccessCidrs"), i), message, config.endpoint.publicAccessCidrs[i], allowed),
  );
  if (endpoint.publicAccess && endpoint.publicAccessCidrs.length === 0) {
    issues.error(joinPath(endpointPath, "publicAccessCidrs"), "must list the CIDRs allowed to reach the public endpoint when publicAccess is true", [], "one or more CIDRs (0.0.0.0/0 is refused)");
  }
  if (!endpoint.publicAccess && !endpoint.privateAccess) {
    issues.error(endpointPath, "turns off both private and public access; the API server would be unreachable", config.endpoint, "privateAccess: true and/or publicAccess: true");
  }
  if (!endpoint.publicAccess && config.endpoint.publicAccessCidrs.length > 0) {
    issues.warn(joinPath(endpointPath, "publicAccessCidrs"), "is ignored because public access is off", config.endpoint.publicAccessCidrs);
  }
  if (ctx.layout === "hybrid" && endpoint.publicAccess && endpoint.privateAccess) {
    issues.warn(endpointPath, "enables both public and private access; hybrid nodes resolve it to public IPs and may fail to join (HYB-CL-03)", endpoint, "public or private, not both");
  }
  validatePrivateAccessCidrs(config, endpoint, ctx, issues, joinPath(endpointPath, "privateAccessCidrs"));
  // The mixed-mode CoreDNS placement uses topologySpreadConstraints, which the coredns add-on schema
  // accepts from v1.10 (vendor/addons/coredns: v1.8.7-eksbuild.4 refuses it; HYB-ADD-01 needs >= v1.9.3 anyway).
  const coredns = config.addonVersions.coredns?.match(/^v1\.(\d+)\./);
  if (ctx.layout === "hybrid" && coredns && Number(coredns[1]) < 10) {
    issues.error(joinPath(joinPath(path, "addonVersions"), "coredns"), "is too old for hybrid nodes: the CoreDNS placement for mixed clusters (topologySpreadConstraints) needs the add-on at v1.10 or later", config.addonVersions.coredns, "v1.10.1-eksbuild.11 or later, or no pin");
  }
  validateAdmins(config, issues, path);

  for (const [name, ng] of Object.entries(config.nodegroups)) {
    validateNodegroupBase(ng, ctx.subnets, issues, joinPath(joinPath(path, "nodegroups"), name));
  }
}

/**
 * Issue 9 item 4: operators and the Terraform runner reach a private endpoint from their own
 * networks. Private ranges only (a public CIDR here means a misunderstanding: that is publicAccessCidrs),
 * never a pod network (those reach the API already, and overlapping routes would be ambiguous).
 */
function validatePrivateAccessCidrs(config: CreatedClusterConfig, endpoint: ResolvedEndpoint, ctx: ClusterValidationContext, issues: Issues, path: string): void {
  const cidrs = config.endpoint.privateAccessCidrs;
  checkCidrList(cidrs, { privateOnly: true, purpose: "the private API endpoint" }, (i, message, allowed) => issues.error(joinPath(path, i), message, cidrs[i], allowed));
  const pods = (ctx.remotePodCidrs ?? []).map((t) => parseIpv4Cidr(t)).flatMap((p) => (p.ok ? [p.cidr] : []));
  const nodes = (ctx.remoteNodeCidrs ?? []).map((t) => parseIpv4Cidr(t)).flatMap((p) => (p.ok ? [p.cidr] : []));
  const service = parseIpv4Cidr(config.serviceIpv4Cidr);
  const seen: { text: string; start: number; end: number; prefix: number }[] = [];
  cidrs.forEach((text, i) => {
    const p = parseIpv4Cidr(text);
    if (!p.ok) return;
    // HYB-CL-05: the hybrid nodes' networks have their own 443 rule; an identical second rule on the
    // same group fails the apply (InvalidPermission.Duplicate).
    for (const node of endpoint.privateAccess ? nodes : []) if (node.start === p.cidr.start && node.prefix === p.cidr.prefix) issues.error(joinPath(path, i), `is the remote node network ${node.text}, which the hybrid nodes' own rule admits on 443 already (a second identical rule fails the apply)`, text, "remove it; list only networks outside the remote node networks");
    for (const pod of pods) if (overlaps(pod, p.cidr)) issues.error(joinPath(path, i), `overlaps the remote pod network ${pod.text}`, text, "the networks of operators, VPN users or CI runners, outside every pod network");
    if (service.ok && overlaps(service.cidr, p.cidr)) issues.error(joinPath(path, i), `overlaps the service CIDR ${config.serviceIpv4Cidr}`, text, "a range outside the service CIDR");
    for (const other of seen) if (overlaps(other, p.cidr)) issues.error(joinPath(path, i), `overlaps ${other.text}, listed before it`, text, "distinct, non-overlapping ranges");
    seen.push(p.cidr);
  });
  if (cidrs.length > 0 && !endpoint.privateAccess) issues.warn(path, "is ignored because private access is off", cidrs);
}

/**
 * Issue 9 item 6: an ARN listed twice creates two access entries for one principal, and EKS answers
 * the second CreateAccessEntry with 409. (The creator listed while bootstrapCreatorAdmin is on is caught
 * at plan by a postcondition: who applies is not known at synth.)
 */
function validateAdmins(config: CreatedClusterConfig, issues: Issues, path: string): void {
  const byArn = new Map<string, string>();
  for (const [name, arn] of Object.entries(config.admins)) {
    const other = byArn.get(arn);
    if (other) issues.error(joinPath(joinPath(path, "admins"), name), `is the same principal as admins.${other}; EKS refuses a second access entry for it (409)`, arn, "each principal once");
    byArn.set(arn, name);
  }
  if (!config.bootstrapCreatorAdmin && byArn.size === 0) {
    issues.warn(joinPath(path, "bootstrapCreatorAdmin"), "is false and no admins are listed: nobody gets cluster access, and the Kubernetes and Helm resources of this stack fail with Unauthorized", false);
  }
}

export function validateServiceCidr(serviceCidr: string, vpcCidrs: readonly string[], issues: Issues, path: string): void {
  const parsed = parseIpv4Cidr(serviceCidr);
  if (!parsed.ok) return;
  const c = parsed.cidr;
  if (!isRfc1918(c) || c.prefix < 12 || c.prefix > 24) {
    issues.error(path, "must be a private (RFC 1918) range between /12 and /24 (EKS requirement)", serviceCidr, "e.g. 172.20.0.0/16");
  }
  for (const v of vpcCidrs) {
    const vp = parseIpv4Cidr(v);
    if (vp.ok && overlaps(vp.cidr, c)) issues.error(path, `overlaps the VPC CIDR ${v}`, serviceCidr, "a range outside every VPC CIDR");
  }
}

export interface NodegroupBaseInput {
  readonly instanceTypes: readonly string[];
  readonly amiType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize?: number;
  readonly subnets?: readonly string[];
  /** @default [] */
  readonly taints?: readonly { readonly key: string }[];
}

/** Scaling and placement rules shared by every managed nodegroup. */
export function validateNodegroupBase(ng: NodegroupBaseInput, subnets: Record<string, SubnetInfo>, issues: Issues, path: string): void {
  if (ng.minSize > ng.maxSize) {
    issues.error(joinPath(path, "minSize"), `is greater than maxSize (${ng.maxSize})`, ng.minSize, `0..${ng.maxSize}`);
  }
  if (ng.desiredSize !== undefined && (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize)) {
    issues.error(joinPath(path, "desiredSize"), "lies outside minSize..maxSize", ng.desiredSize, `${ng.minSize}..${ng.maxSize}`);
  }
  if (ng.subnets) checkSubnetNames(ng.subnets, subnets, issues, joinPath(path, "subnets"));
  // Mirrors the CreateNodegroup limit (instanceTypes: at most 20 when the launch template sets none).
  if (ng.instanceTypes.length > 20) issues.error(joinPath(path, "instanceTypes"), `lists ${ng.instanceTypes.length} types; EKS accepts at most 20`, ng.instanceTypes.length, "1 to 20 instance types");
  // Mirrors the provider's taint validators (aws_eks_node_group taint.key StringLenBetween(1, 63), value (0, 63)).
  (ng.taints ?? []).forEach((t, i) => {
    if (t.key.length > 63) issues.error(joinPath(joinPath(joinPath(path, "taints"), i), "key"), "is longer than 63 characters (the provider's limit for a nodegroup taint key)", t.key, "1-63 characters");
  });
  // An instance type of the other architecture fails node creation at apply.
  const arm = isArmAmiType(ng.amiType);
  ng.instanceTypes.forEach((type, i) => {
    if (isArmInstanceType(type) !== arm) {
      issues.error(joinPath(joinPath(path, "instanceTypes"), i), `is ${arm ? "an x86_64" : "an arm64 (Graviton)"} type but amiType ${ng.amiType} is ${arm ? "arm64" : "x86_64"}`, type, arm ? "arm64 types (e.g. m7g.large), or an x86_64 amiType" : "x86_64 types, or amiType AL2023_ARM_64_STANDARD");
    }
  });
}
