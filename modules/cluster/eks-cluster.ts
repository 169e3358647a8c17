import { Construct } from "constructs";
import { resolveAddon, ResolvedAddon } from "../core/addons";
import { escapeTemplate } from "../core/escape";
import { ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamSessionContext } from "@cdktf/provider-aws/lib/data-aws-iam-session-context";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { z } from "zod";
import { cidrKey } from "../core/cidr";
import { accountId as accountIdSchema, awsRegion, tags as tagsSchema } from "../core/schema";
import { Issues } from "../core/errors";
import { managedPolicyArn, partitionOf, serviceTrustPolicy } from "../core/iam";
import { namedOutput } from "../core/outputs";
import { IClusterRef, IVpcRef, RemoteNetworks, subnetsNamed } from "../core/refs";
import { isValidated, markValidated, parseSection, reportTo, markParsedPart } from "../core/validation";
import { sortedEntries } from "../core/records";
import { SubnetInfo } from "../network/validate";
import { ManagedNodegroup, ManagedNodegroupOptions } from "../nodegroup/managed-nodegroup";
import { ClusterOptionsConfig, ClusterOptionsSchema, CORE_ADDONS, LOG_TYPES } from "./config";
import { corednsMixedModeConfiguration } from "./render";
import { clusterSubnetNames, resolveEndpoint, validateCluster } from "./validate";

export type CoreAddon = (typeof CORE_ADDONS)[number];

export type { RemoteNetworks } from "../core/refs";

/**
 * Options of a created cluster: the YAML's `cluster` section (mode create) without `mode`, i.e.
 * z.input<typeof ClusterOptionsSchema> with `name` required (test/cluster-api.test.ts checks both).
 */
export interface EksClusterOptions {
  /** Cluster name (1-100 letters, digits, '-' or '_', starting alphanumeric). */
  readonly name: string;
  /** Kubernetes minor version. @default "1.33" */
  readonly version?: string;
  /** Service IPv4 CIDR, always set explicitly (hybrid networks must not overlap it). @default "172.20.0.0/16" */
  readonly serviceIpv4Cidr?: string;
  /** Keys of `vpc.subnets` for the control plane ENIs and the default nodegroups. @default - every subnet of the VPC */
  readonly subnets?: string[];
  /** API server endpoint access. @default - private only (public when publicAccessCidrs are given, cloud-only) */
  readonly endpoint?: {
    /** @default true */
    readonly privateAccess?: boolean;
    /** @default cloud-only: true when publicAccessCidrs is non-empty; hybrid: false */
    readonly publicAccess?: boolean;
    /** CIDRs allowed to reach the public endpoint; each /8 or longer. @default [] */
    readonly publicAccessCidrs?: string[];
    /** Private networks (VPN, CI subnet, tooling VPC) given 443 to the private endpoint. @default [] */
    readonly privateAccessCidrs?: string[];
  };
  /** @default "API" */
  readonly authenticationMode?: "API" | "API_AND_CONFIG_MAP";
  /** Control-plane log types. @default all five */
  readonly logTypes?: (typeof LOG_TYPES)[number][];
  /** Retention of the control-plane log group, in days (a CloudWatch Logs value). @default 90 */
  readonly logRetentionDays?: 1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 120 | 150 | 180 | 365 | 400 | 545 | 731 | 1096 | 1827 | 2192 | 2557 | 2922 | 3288 | 3653;
  /** KMS key for Kubernetes secrets encryption. @default - a key is created, with rotation */
  readonly secretsKmsKeyArn?: string;
  /** Pinned add-on versions. @default - the version EKS picks for the cluster version */
  readonly addonVersions?: Partial<Record<CoreAddon, string>>;
  /** Principals granted cluster admin through access entries, keyed by name. @default {} */
  readonly admins?: Record<string, string>;
  /** EKS makes the creating identity an admin; refused at plan when that identity is also in `admins`. @default true */
  readonly bootstrapCreatorAdmin?: boolean;
  /** Refuse any plan that would destroy the cluster (and its created KMS key). @default true */
  readonly preventDestroy?: boolean;
  /** Cloud managed nodegroups keyed by name. @default { default: {} } */
  readonly nodegroups?: Record<string, ManagedNodegroupOptions>;
}

export interface EksClusterProps extends EksClusterOptions {
  readonly vpc: IVpcRef;
  readonly region: string;
  readonly accountId: string;
  /** Hybrid remote node and pod networks (HYB-NET-*); given means the hybrid layout. @default - none (cloud-only) */
  readonly remoteNetworks?: RemoteNetworks;
  /** JSON configuration values per core add-on, merged over ours (coredns placement in the hybrid layout). @default - none */
  readonly addonConfiguration?: Partial<Record<CoreAddon, Record<string, unknown>>>;
  /** Tags on every taggable resource created, including nodes and their volumes. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A created EKS cluster: IAM role, API authentication mode, KMS secrets encryption, control-plane
 * logs, explicit service CIDR, core add-ons, cloud nodegroups, admins' access entries. Adopt an
 * existing cluster with ClusterRef.fromAttributes instead (no Network needed). Construct ids inside
 * never depend on the layout: switching between cloud-only and hybrid changes the cluster in place
 * (remote_network_config, provider >= 6.11).
 *
 * Provider plan-time validations mirrored at synth (issue 9 item 12; read in terraform-provider-aws
 * internal/service/eks/{cluster,node_group,access_entry,addon}.go, internal/verify/validate.go):
 *  - aws_eks_cluster.name: validClusterName (1-100, ^[0-9A-Za-z][A-Za-z0-9_-]*$) -> CLUSTER_NAME_RE;
 *  - kubernetes_network_config.service_ipv4_cidr: IsCIDRNetwork(12, 24) + RFC 1918 -> validateServiceCidr;
 *  - vpc_config.public_access_cidrs: ValidCIDRNetworkAddress -> ipv4Cidr (host bits refused);
 *  - remote_network_config cidrs: network address + private range -> the hybrid schema (hybrid-nodes);
 *  - enabled_cluster_log_types, access_config.authentication_mode, ip_family: enums -> zod enums;
 *  - aws_eks_node_group: scaling_config min >= 0, max >= 1, desired >= 0; update_config
 *    max_unavailable_percentage 1-100; taint MaxItems 50, key 1-63, value 0-63, effect enum -> NodegroupSchema
 *    and validateNodegroupBase; node_group_name_prefix kept <= 37 (63 - 26-character suffix);
 *  - aws_launch_template.name_prefix: ValidLaunchTemplateName (3-99, [0-9A-Za-z()./_-]) -> ManagedNodegroup;
 *  - aws_iam_role.name_prefix <= 38 (64 - 26) -> sliced here;
 *  - aws_eks_access_entry / access policy association principal_arn: ValidARN -> iamPrincipalArn;
 *  - aws_eks_addon.configuration_values: JSON -> JSON.stringify; addon_version -> pattern;
 *  - aws_cloudwatch_log_group.retention_in_days: the provider's value list -> LOG_RETENTION_DAYS;
 *  - aws_vpc / aws_subnet cidr_block: network address -> ipv4Cidr, plus the API's /16-/28 (validateNetwork);
 *  - aws_vpc_security_group_ingress_rule cidr_ipv4: network address -> ipv4Cidr / checkCidrList.
 */
export class EksCluster extends Construct implements IClusterRef {
  /** Cluster name as a token (creates a dependency on the cluster when referenced). */
  public readonly name: string;
  /** Cluster name as a literal string, for naming other resources. */
  public readonly literalName: string;
  public readonly endpoint: string;
  /** Base64 CA bundle. */
  public readonly certificateAuthorityData: string;
  public readonly arn: string;
  /** The security group EKS creates and attaches to control-plane ENIs and managed nodes. */
  public readonly securityGroupId: string;
  public readonly region: string;
  public readonly accountId: string;
  /** aws, aws-cn or aws-us-gov, derived from the region. */
  public readonly partition: string;
  public readonly version: string;
  public readonly oidcProviderArn?: string;
  public readonly remoteNetworks?: RemoteNetworks;
  public readonly podIdentityAgent = true;
  /** Whether the agent add-on runs on hybrid nodes too (addonConfiguration daemonsets.hybrid.create). */
  public readonly hybridPodIdentityAgent: boolean;
  /** Id of our additional control-plane security group, where hybrid and private-access rules go. */
  public readonly controlPlaneSecurityGroupId: string;
  public readonly serviceIpv4Cidr: string;
  public readonly created = true;
  /** Node IAM role ARN, shared by the cluster's managed nodegroups. */
  public readonly nodeRoleArn: string;
  public readonly nodeRoleName: string;
  /** Keys of the VPC's subnets the cluster uses. */
  public readonly subnetNames: string[];
  /** What in-cluster workloads wait for: nodes able to run pods, and CoreDNS. */
  public readonly workloadDependencies: ITerraformDependable[] = [];
  /** Add-ons that must exist before nodes join (CNI, kube-proxy, pod identity agent). */
  public readonly nodeDependencies: ITerraformDependable[] = [];
  /** The aws_eks_cluster resource. */
  public readonly resource: EksClusterResource;
  public readonly clusterRole: IamRole;
  public readonly nodeRole: IamRole;
  /** The secrets encryption key, when created (not when secretsKmsKeyArn is given). */
  public readonly secretsKey?: KmsKey;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly controlPlaneSecurityGroup: SecurityGroup;
  /**
   * endpoint.privateAccessCidrs as given: networks that reach the private endpoint. Where they sit
   * behind the hybrid link, the VPC route tables need routes to them through it (hybrid connectivity).
   */
  public readonly privateAccessCidrs: readonly string[];
  /** 443 ingress rules of the control-plane security group from endpoint.privateAccessCidrs, keyed by CIDR. */
  public readonly privateAccessRules: Record<string, VpcSecurityGroupIngressRule> = {};
  /** Core add-ons by name. */
  public readonly addons: Record<CoreAddon, EksAddon>;
  /** Cloud managed nodegroups by name. */
  public readonly nodegroups: Record<string, ManagedNodegroup> = {};
  /** Admin access entries by admins key. */
  public readonly accessEntries: Record<string, EksAccessEntry> = {};
  /** The parsed options (defaults applied). */
  public readonly options: ClusterOptionsConfig;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const { vpc, region, accountId, remoteNetworks, addonConfiguration, tags: tagsProp, ...input } = props;
    const issues = new Issues();
    const layout = remoteNetworks ? "hybrid" : "cloud-only";
    const subnetInfo: Record<string, SubnetInfo> = Object.fromEntries(Object.entries(vpc.subnets).map(([n, s]) => [n, { name: n, availabilityZone: s.availabilityZone, cidr: s.cidr }]));
    // Region and account are props, not options: checked here on both paths (partition and ARNs derive from them).
    const extras = parseSection(z.object({ region: awsRegion, accountId: accountIdSchema, tags: tagsSchema.optional() }), { region, accountId, tags: tagsProp }, "cluster", issues, { allowTokens: true });
    // Escaped once: by parseSection here, or already by the YAML path (validated props).
    const tags: Record<string, string> = markParsedPart((isValidated(props) ? tagsProp : extras?.tags) ?? {});
    let config: ClusterOptionsConfig | undefined;
    if (isValidated(props)) {
      config = ClusterOptionsSchema.parse(input);
    } else {
      config = parseSection(ClusterOptionsSchema, input, "cluster", issues, { allowTokens: true });
      if (config && !config.name) issues.error("cluster.name", "is required", undefined, "1-100 letters, digits, '-' or '_'");
      if (config) validateCluster({ ...config, mode: "create" }, { layout, subnets: subnetInfo, vpcCidrs: vpc.vpcCidrs, remotePodCidrs: remoteNetworks?.podCidrs, remoteNodeCidrs: remoteNetworks?.nodeCidrs }, issues, "cluster");
    }
    reportTo(this, issues);
    config = config!;
    this.options = config;
    this.privateAccessCidrs = [...config.endpoint.privateAccessCidrs];
    const name = config.name!;
    const partition = partitionOf(region);
    this.serviceIpv4Cidr = config.serviceIpv4Cidr;
    this.region = region;
    this.accountId = accountId;
    this.partition = partition;
    this.remoteNetworks = remoteNetworks;
    this.literalName = name;
    this.subnetNames = clusterSubnetNames({ ...config, mode: "create" }, subnetInfo);
    const subnets = subnetsNamed(vpc, this.subnetNames);
    const tagged = (extra: Record<string, string> = {}) => (Object.keys(tags).length || Object.keys(extra).length ? { ...tags, ...extra } : undefined);

    // Same construct ids as kmsKeyArnFor used ("secrets-key", "secrets-key-alias"): the key keeps its address.
    let secretsKeyArn = config.secretsKmsKeyArn;
    if (!secretsKeyArn) {
      this.secretsKey = new KmsKey(this, "secrets-key", {
        description: `EKS secrets encryption for ${name}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: tagged(),
        lifecycle: { preventDestroy: config.preventDestroy },
      });
      new KmsAlias(this, "secrets-key-alias", { name: `alias/eks/${name}-secrets`, targetKeyId: this.secretsKey.keyId });
      secretsKeyArn = this.secretsKey.arn;
    }

    this.clusterRole = new IamRole(this, "cluster-role", {
      namePrefix: `${name}-cluster-`.slice(0, 38),
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
      tags: tagged(),
    });
    const rolePolicy = new IamRolePolicyAttachment(this, "cluster-policy", {
      role: this.clusterRole.name,
      policyArn: managedPolicyArn(partition, "AmazonEKSClusterPolicy"),
    });

    // Created before the cluster so Terraform, not EKS, owns its retention.
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/eks/${name}/cluster`,
      retentionInDays: config.logRetentionDays,
      tags: tagged(),
    });

    // Present in both layouts so vpc_config never changes on a layout switch; hybrid rules attach here.
    this.controlPlaneSecurityGroup = new SecurityGroup(this, "control-plane-sg", {
      namePrefix: `${name}-control-plane-`,
      description: `Additional control-plane security group of EKS cluster ${name}`,
      vpcId: vpc.vpcId,
      tags: { ...tags, Name: `${name}-control-plane` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.controlPlaneSecurityGroupId = this.controlPlaneSecurityGroup.id;

    const endpoint = resolveEndpoint({ ...config, mode: "create" }, layout);
    const cluster = new EksClusterResource(this, "cluster", {
      name,
      version: config.version,
      roleArn: this.clusterRole.arn,
      bootstrapSelfManagedAddons: false,
      vpcConfig: {
        subnetIds: subnets.map((s) => s.id),
        securityGroupIds: [this.controlPlaneSecurityGroup.id],
        endpointPrivateAccess: endpoint.privateAccess,
        endpointPublicAccess: endpoint.publicAccess,
        publicAccessCidrs: endpoint.publicAccess ? endpoint.publicAccessCidrs : undefined,
      },
      accessConfig: { authenticationMode: config.authenticationMode, bootstrapClusterCreatorAdminPermissions: config.bootstrapCreatorAdmin },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKeyArn } },
      enabledClusterLogTypes: [...config.logTypes],
      kubernetesNetworkConfig: { serviceIpv4Cidr: config.serviceIpv4Cidr, ipFamily: "ipv4" }, // HYB-CL-02: IPv4 only
      remoteNetworkConfig: remoteNetworks
        ? {
            remoteNodeNetworks: { cidrs: [...remoteNetworks.nodeCidrs] },
            remotePodNetworks: remoteNetworks.podCidrs.length ? { cidrs: [...remoteNetworks.podCidrs] } : undefined,
          }
        : undefined,
      tags: tagged(),
      dependsOn: [rolePolicy, this.logGroup],
      lifecycle: { preventDestroy: config.preventDestroy },
    });
    this.resource = cluster;
    this.name = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.get(0).data;
    this.arn = cluster.arn;
    this.securityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
    // The literal minor version: add-on pins (core/addons) are looked up by it; nodegroups follow it.
    this.version = config.version;

    // Issue 9 item 4: operators' and the runner's networks reach the private endpoint (443 only), one rule per CIDR.
    if (endpoint.privateAccess) {
      for (const cidr of config.endpoint.privateAccessCidrs) {
        this.privateAccessRules[cidr] = new VpcSecurityGroupIngressRule(this, `private-access-${cidrKey(cidr)}`, {
          securityGroupId: this.controlPlaneSecurityGroup.id,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: cidr,
          description: `Kubernetes API from operator network ${cidr}`,
          tags: tagged(),
        });
      }
    }

    this.nodeRole = new IamRole(this, "node-role", {
      namePrefix: `${name}-node-`.slice(0, 38),
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
      tags: tagged(),
    });
    for (const policy of ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy"]) {
      new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRole.name, policyArn: managedPolicyArn(partition, policy) });
    }
    this.nodeRoleArn = this.nodeRole.arn;
    this.nodeRoleName = this.nodeRole.name;

    // Issue 9 item 3: CoreDNS on both sides of a mixed cluster (cloud only when on-prem pods are not
    // routable from the VPC); the caller's values win.
    const addonValues: Partial<Record<CoreAddon, Record<string, unknown>>> = { ...addonConfiguration };
    const agentDaemonsets = addonConfiguration?.["eks-pod-identity-agent"]?.daemonsets as { hybrid?: { create?: unknown } } | undefined;
    this.hybridPodIdentityAgent = agentDaemonsets?.hybrid?.create === true;
    if (remoteNetworks) addonValues.coredns = { ...corednsMixedModeConfiguration(remoteNetworks.podCidrsRoutable ?? true), ...addonConfiguration?.coredns };
    // Issue 9 item 7: versions pinned per Kubernetes version (core/addons.ts), every configuration
    // checked against the vendored schema of that version; problems fail synth here.
    const addonIssues = new Issues();
    const resolved = Object.fromEntries(
      (["vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns"] as const).map((a) => [
        a,
        resolveAddon(addonIssues, `cluster.addons.${a}`, { addon: a, kubernetesVersion: config.version, version: config.addonVersions[a], versionPath: `cluster.addonVersions.${a}`, configuration: addonValues[a] }),
      ]),
    ) as Record<CoreAddon, ResolvedAddon>;
    reportTo(this, addonIssues);
    const addon = (addonName: CoreAddon, dependsOn?: ITerraformDependable[]) =>
      new EksAddon(this, `addon-${addonName}`, {
        clusterName: cluster.name,
        addonName,
        addonVersion: resolved[addonName].version,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        // Construct callers may pass their own values: escaped like every other config string (GEN-02).
        configurationValues: resolved[addonName].configurationValues === undefined ? undefined : escapeTemplate(resolved[addonName].configurationValues!, { allowTokens: true }),
        tags: tagged(),
        dependsOn,
      });
    // Nodes need the CNI and kube-proxy to become Ready; CoreDNS needs Ready nodes, or the add-on
    // sits DEGRADED until Terraform times out.
    const early = (["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] as const).map((a) => [a, addon(a)] as const);
    for (const [, a] of early) this.nodeDependencies.push(a);

    for (const [ngName, ng] of sortedEntries(config.nodegroups)) {
      // Validated with the cluster above: marked so the nodegroup does not validate it again.
      const group = new ManagedNodegroup(this, `nodegroup-${ngName}`, {
        ...markValidated({ ...ng }),
        name: ngName,
        cluster: this,
        vpc,
        tags,
      });
      this.nodegroups[ngName] = group;
      this.workloadDependencies.push(group.nodegroup);
    }
    const coredns = addon("coredns", [...this.workloadDependencies]);
    this.workloadDependencies.push(coredns);
    this.workloadDependencies.unshift(...this.nodeDependencies);
    this.addons = { ...Object.fromEntries(early), coredns } as Record<CoreAddon, EksAddon>;

    const admins = sortedEntries(config.admins);
    for (const [adminName, principalArn] of admins) {
      const entry = new EksAccessEntry(this, `admin-${adminName}`, { clusterName: cluster.name, principalArn, type: "STANDARD", tags: tagged() });
      this.accessEntries[adminName] = entry;
      new EksAccessPolicyAssociation(this, `admin-${adminName}-policy`, {
        clusterName: cluster.name,
        principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: "cluster" },
        dependsOn: [entry],
      });
    }
    if (config.bootstrapCreatorAdmin && admins.length > 0) this.refuseCreatorListedTwice(admins.map(([, arn]) => arn));

    namedOutput(this, "name", { value: cluster.name, description: "EKS cluster name" });
    namedOutput(this, "endpoint", { value: cluster.endpoint, description: "EKS API server endpoint" });
    namedOutput(this, "arn", { value: cluster.arn, description: "EKS cluster ARN" });
    namedOutput(this, "security_group_id", { value: this.securityGroupId, description: "Security group EKS attaches to managed nodes" });
  }

  /**
   * Issue 9 item 6: with bootstrap_cluster_creator_admin_permissions, EKS creates an access entry for
   * whoever applies; if that principal is also in `admins`, our CreateAccessEntry fails with 409 after
   * the cluster exists (terraform-aws-modules/terraform-aws-eks #3293, #2968). Who applies is known
   * only at plan: a postcondition on the caller's session context stops the plan, naming the principal.
   * (scripts/offline-variant.ts leaves these two data sources out: they call STS.)
   */
  private refuseCreatorListedTwice(adminArns: string[]): void {
    const caller = new DataAwsCallerIdentity(this, "caller");
    const list = `[${adminArns.map((a) => JSON.stringify(a)).join(", ")}]`;
    new DataAwsIamSessionContext(this, "caller-session", {
      arn: caller.arn,
      lifecycle: {
        postcondition: [
          {
            condition: `\${alltrue([!contains(${list}, self.issuer_arn), !contains(${list}, self.arn)])}`,
            errorMessage: `\${self.issuer_arn} runs this plan and is listed in cluster.admins while cluster.bootstrapCreatorAdmin is true: EKS already makes it an admin, so its access entry would fail with 409. Remove it from admins, or set bootstrapCreatorAdmin: false.`,
          },
        ],
      },
    });
  }
}
