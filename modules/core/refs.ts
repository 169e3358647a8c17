/**
 * Plain references the capability constructs take instead of concrete classes: a VPC and an EKS
 * cluster, whether this library created them or they already exist. `Network` and `EksCluster`
 * implement these interfaces; `VpcRef.fromAttributes` and `ClusterRef.fromAttributes` build one
 * from plain values without any AWS call, validated like the YAML path validates `mode: existing`.
 */
import { ITerraformDependable } from "cdktf";
import { z } from "zod";
import { Issues, joinPath } from "./errors";
import { partitionOf } from "./iam";
import { accountId, awsRegion, availabilityZone, ipv4Cidr, pattern, routeTableId, securityGroupId, subnetId, vpcId, itemName } from "./schema";
import { parseSection } from "./validation";
import { own, sortedEntries } from "./records";

/** A private subnet: ids may be tokens of resources created in the same stack. */
export interface SubnetRef {
  /** The key of this subnet in `IVpcRef.subnets`; other props select subnets by it. */
  readonly name: string;
  readonly id: string;
  /** Availability zone name (a token skips the AZ checks). */
  readonly availabilityZone: string;
  /** Route table associated with the subnet. @default - none: no on-prem routes or FSx Multi-AZ routes there */
  readonly routeTableId?: string;
  /** The subnet's CIDR, for overlap checks. @default - not checked */
  readonly cidr?: string;
}

/** A VPC as the storage constructs need it. */
export interface IVpcRef {
  readonly vpcId: string;
  /** Every IPv4 CIDR of the VPC (primary and secondary), literal: overlap checks use them. */
  readonly vpcCidrs: readonly string[];
  /** Private subnets keyed by a name of yours (user-keyed, so adding one never re-addresses others). */
  readonly subnets: Readonly<Record<string, SubnetRef>>;
}

export interface VpcAttributes {
  readonly vpcId: string;
  readonly vpcCidrs: readonly string[];
  /** Private subnets keyed by a name of yours. */
  readonly subnets: Readonly<Record<string, { readonly id: string; readonly availabilityZone: string; readonly routeTableId?: string; readonly cidr?: string }>>;
}

const VpcAttributesSchema = z.strictObject({
  vpcId,
  vpcCidrs: z.array(ipv4Cidr).min(1, { error: "list at least the VPC's primary CIDR" }),
  subnets: z.record(
    itemName,
    z.strictObject({ id: subnetId, availabilityZone, routeTableId: routeTableId.optional(), cidr: ipv4Cidr.optional() }),
  ),
});

export class VpcRef {
  /** A VPC that exists already, by id: no AWS call. Throws every problem at once. */
  static fromAttributes(attrs: VpcAttributes): IVpcRef {
    const issues = new Issues();
    const parsed = parseSection(VpcAttributesSchema, attrs, "vpc", issues, { allowTokens: true });
    if (parsed && Object.keys(parsed.subnets).length === 0) issues.error("vpc.subnets", "must list at least one private subnet", {}, "subnets keyed by a name of yours");
    issues.throwIfAny("VpcRef.fromAttributes");
    const p = parsed!;
    return {
      vpcId: p.vpcId,
      vpcCidrs: [...p.vpcCidrs],
      subnets: Object.fromEntries(sortedEntries(p.subnets).map(([name, s]) => [name, { name, ...s }])),
    };
  }
}

/** The hybrid remote networks registered on a cluster (remote_network_config). */
export interface RemoteNetworks {
  readonly nodeCidrs: readonly string[];
  readonly podCidrs: readonly string[];
  /**
   * Whether the VPC routes the pod CIDRs to on-prem (`hybrid.podCidrsRoutable`). A created cluster
   * keeps CoreDNS off hybrid nodes when it does not: cloud pods could not reach a replica there.
   * @default true
   */
  readonly podCidrsRoutable?: boolean;
}

/** An EKS cluster as the storage and node constructs need it. */
export interface IClusterRef {
  /** Cluster name for resource arguments (a token on created clusters, so references wait for the cluster). */
  readonly name: string;
  /** The cluster name as plain text, for naming related resources. */
  readonly literalName: string;
  /** API server endpoint (https://...). */
  readonly endpoint: string;
  /** Base64 CA bundle. */
  readonly certificateAuthorityData: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  /** aws, aws-cn or aws-us-gov: derived from the region. */
  readonly partition: string;
  /** The security group EKS creates and attaches to the control plane and managed nodes. */
  readonly securityGroupId: string;
  /** Where control-plane rules for hybrid networks go (our additional group, or the cluster group when adopted). */
  readonly controlPlaneSecurityGroupId: string;
  readonly serviceIpv4Cidr: string;
  /** Names (keys of the VPC's subnets) of the cluster's subnets. */
  readonly subnetNames: readonly string[];
  /** Kubernetes version, so nodegroups follow upgrades. @default - unmanaged after creation */
  readonly version?: string;
  /** IAM OIDC provider ARN (IRSA). @default - none */
  readonly oidcProviderArn?: string;
  /** Node role of managed nodegroups. @default - none (adopted cluster without one given) */
  readonly nodeRoleArn?: string;
  /** Hybrid remote networks; present means the hybrid layout. @default - none (cloud-only) */
  readonly remoteNetworks?: RemoteNetworks;
  /** Networks admitted to the private API endpoint (operators, CI runners); HybridNodes warns about those it does not route. @default - none known */
  readonly privateAccessCidrs?: readonly string[];
  /** Whether this library created the cluster (adopted clusters get warnings for what it cannot check). */
  readonly created: boolean;
  /** Whether the eks-pod-identity-agent add-on is known to be installed. */
  readonly podIdentityAgent: boolean;
  /** Whether that agent also runs on hybrid nodes (its `daemonsets.hybrid.create`; HYB-ADD-01). @default - not known (adopted) */
  readonly hybridPodIdentityAgent?: boolean;
  /** What nodegroups wait for (CNI, kube-proxy, pod identity agent). */
  readonly nodeDependencies: readonly ITerraformDependable[];
  /** What in-cluster installs (Helm releases, add-ons, Kubernetes objects) wait for: schedulable nodes and CoreDNS. */
  readonly workloadDependencies: readonly ITerraformDependable[];
}

export interface ClusterAttributes {
  readonly name: string;
  readonly endpoint: string;
  readonly certificateAuthorityData: string;
  /** The cluster security group EKS created (attached to managed nodes). */
  readonly securityGroupId: string;
  readonly serviceIpv4Cidr: string;
  readonly region: string;
  readonly accountId: string;
  /** @default - built from partition, region, account and name */
  readonly arn?: string;
  /** Keys of the VPC subnets the cluster uses. @default - every subnet of the VPC you pass alongside */
  readonly subnetNames?: readonly string[];
  /** @default - none */
  readonly version?: string;
  /** @default - none */
  readonly oidcProviderArn?: string;
  /** @default - none */
  readonly nodeRoleArn?: string;
  /** The remote networks already registered on the cluster (hybrid). @default - none */
  readonly remoteNetworks?: RemoteNetworks;
  /** The eks-pod-identity-agent add-on is installed. @default true */
  readonly podIdentityAgent?: boolean;
}

const ClusterAttributesSchema = z.strictObject({
  name: pattern(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, "must be an EKS cluster name"),
  endpoint: pattern(/^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/, "must be the cluster's https:// endpoint"),
  certificateAuthorityData: pattern(/^[A-Za-z0-9+/]{16,}={0,2}$/, "must be base64 (the cluster's certificateAuthority.data)"),
  securityGroupId,
  serviceIpv4Cidr: ipv4Cidr,
  region: awsRegion,
  accountId,
  arn: pattern(/^arn:aws[a-z-]*:eks:[a-z0-9-]+:\d{12}:cluster\/[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, "must be an EKS cluster ARN").optional(),
  subnetNames: z.array(itemName).optional(),
  version: pattern(/^1\.\d{2}$/, "must be a Kubernetes minor version such as 1.33").optional(),
  oidcProviderArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[A-Za-z0-9./_-]+$/, "must be an IAM OIDC provider ARN").optional(),
  nodeRoleArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN").optional(),
  remoteNetworks: z.strictObject({ nodeCidrs: z.array(ipv4Cidr).min(1), podCidrs: z.array(ipv4Cidr), podCidrsRoutable: z.boolean().optional() }).optional(),
  podIdentityAgent: z.boolean().default(true),
});

export class ClusterRef {
  /**
   * A cluster that exists already: no AWS call. Throws every problem at once. Pass the VPC's
   * subnet keys as `subnetNames` when the cluster uses only some of them.
   */
  static fromAttributes(attrs: ClusterAttributes, vpc?: IVpcRef): IClusterRef {
    const issues = new Issues();
    const p = parseSection(ClusterAttributesSchema, attrs, "cluster", issues, { allowTokens: true });
    if (p && vpc) {
      (p.subnetNames ?? []).forEach((n, i) => {
        if (!own(vpc.subnets, n)) issues.error(`cluster.subnetNames[${i}]`, "names no subnet of the VPC", n, Object.keys(vpc.subnets).join(", "));
      });
    }
    issues.throwIfAny("ClusterRef.fromAttributes");
    const a = p!;
    const partition = partitionOf(a.region);
    return {
      name: a.name,
      literalName: a.name,
      endpoint: a.endpoint,
      certificateAuthorityData: a.certificateAuthorityData,
      arn: a.arn ?? `arn:${partition}:eks:${a.region}:${a.accountId}:cluster/${a.name}`,
      region: a.region,
      accountId: a.accountId,
      partition,
      securityGroupId: a.securityGroupId,
      controlPlaneSecurityGroupId: a.securityGroupId,
      serviceIpv4Cidr: a.serviceIpv4Cidr,
      subnetNames: a.subnetNames ?? (vpc ? Object.keys(vpc.subnets).sort() : []),
      version: a.version,
      oidcProviderArn: a.oidcProviderArn,
      nodeRoleArn: a.nodeRoleArn,
      remoteNetworks: a.remoteNetworks,
      created: false,
      podIdentityAgent: a.podIdentityAgent,
      nodeDependencies: [],
      workloadDependencies: [],
    };
  }
}

/** Subnets of `vpc` by key, in the order given; an unknown key is a bug (validators report it first). */
export function subnetsNamed(vpc: IVpcRef, names: readonly string[]): SubnetRef[] {
  return names.map((n) => {
    const s = own(vpc.subnets, n);
    if (!s) throw new Error(`unknown subnet '${n}' (validation should have caught this)`);
    return s;
  });
}

/**
 * Reports each named subnet of `vpc` that has no route table id. Routes (to on-prem, to FSx
 * floating IPs) go into the route tables of subnets: a subnet given without one (VpcRef attributes
 * where `routeTableId` is optional) would silently get no route (HYB-NET-06, EFS-MT-03).
 */
export function requireRouteTables(vpc: IVpcRef, names: readonly string[], issues: Issues, why: string, allowed: string): void {
  for (const name of names) {
    const subnet = own(vpc.subnets, name);
    if (subnet && !subnet.routeTableId) issues.errors.push({ path: joinPath(joinPath("vpc.subnets", name), "routeTableId"), message: `is required: ${why}`, allowed });
  }
}

/** Distinct route tables of the given subnets, keyed by the first subnet that uses each; subnets without one are skipped. */
export function routeTablesOf(vpc: IVpcRef, names: readonly string[]): { key: string; id: string }[] {
  const seen = new Map<string, string>();
  for (const s of subnetsNamed(vpc, names)) if (s.routeTableId && ![...seen.values()].includes(s.routeTableId)) seen.set(s.name, s.routeTableId);
  return [...seen.entries()].map(([key, id]) => ({ key, id }));
}
