import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Issues } from "../core/errors";
import { IClusterRef, RemoteNetworks } from "../core/refs";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { managedPolicyArn, serviceTrustPolicy } from "../core/iam";
import { kmsKeyArnFor } from "../core/kms";
import { Network, sortedEntries } from "../network/network";
import { ManagedNodegroup } from "../nodegroup/managed-nodegroup";
import { ClusterConfig, CORE_ADDONS } from "./config";
import { clusterSubnetNames, Layout, resolveEndpoint, validateCluster } from "./validate";

export type CoreAddon = (typeof CORE_ADDONS)[number];

export type { RemoteNetworks } from "../core/refs";

export interface EksClusterProps {
  readonly config: ClusterConfig;
  readonly layout: Layout;
  readonly network: Network;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** Default name when config gives none. */
  readonly defaultName: string;
  /** Hybrid remote node and pod networks (HYB-NET-*). @default - none (cloud-only) */
  readonly remoteNetworks?: RemoteNetworks;
  /** JSON configuration values per core add-on. @default - none */
  readonly addonConfiguration?: Partial<Record<CoreAddon, object>>;
}

/**
 * The EKS cluster, created (IAM role, API authentication mode, KMS secrets encryption, control-plane
 * logs, explicit service CIDR, core add-ons, cloud nodegroups) or adopted from config without any
 * AWS API call. Construct ids inside never depend on the layout: switching an environment between
 * cloud-only and hybrid changes the cluster in place (remote_network_config, provider >= 6.11).
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
  public readonly partition: string;
  public readonly version?: string;
  public readonly oidcProviderArn?: string;
  public readonly remoteNetworks?: RemoteNetworks;
  public readonly podIdentityAgent: boolean;
  /** Our additional control-plane security group (created clusters), where hybrid rules go. */
  public readonly controlPlaneSecurityGroupId: string;
  public readonly serviceIpv4Cidr: string;
  public readonly created: boolean;
  /** Node IAM role of created clusters, shared by every managed nodegroup. */
  public readonly nodeRoleArn?: string;
  public readonly nodeRoleName?: string;
  /** Names of the cluster's subnets. */
  public readonly subnetNames: string[];
  /** What in-cluster workloads wait for: nodes able to run pods, and CoreDNS. */
  public readonly workloadDependencies: ITerraformDependable[] = [];
  /** Add-ons that must exist before nodes join (CNI, kube-proxy, pod identity agent). */
  public readonly nodeDependencies: ITerraformDependable[] = [];
  public readonly resource?: EksClusterResource;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const config = props.config;
    const issues = new Issues();
    validateCluster(config, { layout: props.layout, subnets: props.network.subnets, vpcCidrs: props.network.vpcCidrs }, issues, "cluster");
    issues.throwIfAny(this.node.path);
    this.serviceIpv4Cidr = config.serviceIpv4Cidr;
    this.region = props.region;
    this.accountId = props.accountId;
    this.partition = props.partition;
    this.remoteNetworks = props.remoteNetworks;
    this.subnetNames = clusterSubnetNames(config, props.network.subnets);

    if (config.mode === "existing") {
      this.created = false;
      this.name = config.name;
      this.literalName = config.name;
      this.endpoint = config.endpoint;
      this.certificateAuthorityData = config.certificateAuthorityData;
      this.arn = config.arn ?? `arn:${props.partition}:eks:${props.region}:${props.accountId}:cluster/${config.name}`;
      this.securityGroupId = config.clusterSecurityGroupId;
      this.controlPlaneSecurityGroupId = config.clusterSecurityGroupId;
      this.podIdentityAgent = true;
      return;
    }

    this.created = true;
    const name = config.name ?? props.defaultName;
    this.literalName = name;
    const partition = props.partition;
    const subnets = props.network.subnetsNamed(this.subnetNames);

    const secretsKeyArn = kmsKeyArnFor(this, "secrets-key", {
      existingArn: config.secretsKmsKeyArn,
      description: `EKS secrets encryption for ${name}`,
      alias: `eks/${name}-secrets`,
      preventDestroy: config.preventDestroy,
    });

    const role = new IamRole(this, "cluster-role", {
      namePrefix: `${name}-cluster-`.slice(0, 38),
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
    });
    const rolePolicy = new IamRolePolicyAttachment(this, "cluster-policy", {
      role: role.name,
      policyArn: managedPolicyArn(partition, "AmazonEKSClusterPolicy"),
    });

    // Created before the cluster so Terraform, not EKS, owns its retention.
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/eks/${name}/cluster`,
      retentionInDays: config.logRetentionDays,
    });

    // Present in both layouts so vpc_config never changes on a layout switch; hybrid rules attach here.
    const controlPlaneSg = new SecurityGroup(this, "control-plane-sg", {
      namePrefix: `${name}-control-plane-`,
      description: `Additional control-plane security group of EKS cluster ${name}`,
      vpcId: props.network.vpcId,
      tags: { Name: `${name}-control-plane` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.controlPlaneSecurityGroupId = controlPlaneSg.id;

    const endpoint = resolveEndpoint(config, props.layout);
    const remote = props.remoteNetworks;
    const cluster = new EksClusterResource(this, "cluster", {
      name,
      version: config.version,
      roleArn: role.arn,
      bootstrapSelfManagedAddons: false,
      vpcConfig: {
        subnetIds: subnets.map((s) => s.id),
        securityGroupIds: [controlPlaneSg.id],
        endpointPrivateAccess: endpoint.privateAccess,
        endpointPublicAccess: endpoint.publicAccess,
        publicAccessCidrs: endpoint.publicAccess ? endpoint.publicAccessCidrs : undefined,
      },
      accessConfig: { authenticationMode: config.authenticationMode, bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKeyArn } },
      enabledClusterLogTypes: [...config.logTypes],
      kubernetesNetworkConfig: { serviceIpv4Cidr: config.serviceIpv4Cidr, ipFamily: "ipv4" },
      remoteNetworkConfig: remote
        ? {
            remoteNodeNetworks: { cidrs: [...remote.nodeCidrs] },
            remotePodNetworks: remote.podCidrs.length ? { cidrs: [...remote.podCidrs] } : undefined,
          }
        : undefined,
      dependsOn: [rolePolicy, logGroup],
      lifecycle: { preventDestroy: config.preventDestroy },
    });
    this.resource = cluster;
    this.name = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.get(0).data;
    this.arn = cluster.arn;
    this.securityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
    this.version = cluster.version;
    this.podIdentityAgent = true;

    const nodeRole = new IamRole(this, "node-role", {
      namePrefix: `${name}-node-`.slice(0, 38),
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
    });
    for (const policy of ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy"]) {
      new IamRolePolicyAttachment(this, `node-${policy}`, { role: nodeRole.name, policyArn: managedPolicyArn(partition, policy) });
    }
    this.nodeRoleArn = nodeRole.arn;
    this.nodeRoleName = nodeRole.name;

    const addon = (addonName: CoreAddon, dependsOn?: ITerraformDependable[]) =>
      new EksAddon(this, `addon-${addonName}`, {
        clusterName: cluster.name,
        addonName,
        addonVersion: config.addonVersions[addonName],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        configurationValues: props.addonConfiguration?.[addonName] ? JSON.stringify(props.addonConfiguration[addonName]) : undefined,
        dependsOn,
      });
    // Nodes need the CNI and kube-proxy to become Ready; CoreDNS needs Ready nodes, or the add-on
    // sits DEGRADED until Terraform times out.
    for (const a of ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] as const) this.nodeDependencies.push(addon(a));

    for (const [ngName, ng] of sortedEntries(config.nodegroups)) {
      const group = new ManagedNodegroup(this, `nodegroup-${ngName}`, {
        name: ngName,
        kubernetesVersion: cluster.version,
        clusterName: cluster.name,
        clusterLiteralName: name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: props.network.subnetsNamed(ng.subnets ?? this.subnetNames).map((s) => s.id),
        settings: { ...ng, labels: { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value, ...ng.labels } },
        dependsOn: [...this.nodeDependencies],
      });
      this.workloadDependencies.push(group.nodegroup);
    }
    this.workloadDependencies.push(addon("coredns", [...this.workloadDependencies]));
    this.workloadDependencies.unshift(...this.nodeDependencies);

    for (const [adminName, principalArn] of sortedEntries(config.admins)) {
      const entry = new EksAccessEntry(this, `admin-${adminName}`, { clusterName: cluster.name, principalArn, type: "STANDARD" });
      new EksAccessPolicyAssociation(this, `admin-${adminName}-policy`, {
        clusterName: cluster.name,
        principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: "cluster" },
        dependsOn: [entry],
      });
    }

    namedOutput(this, "name", { value: cluster.name, description: "EKS cluster name" });
    namedOutput(this, "endpoint", { value: cluster.endpoint, description: "EKS API server endpoint" });
    namedOutput(this, "arn", { value: cluster.arn, description: "EKS cluster ARN" });
    namedOutput(this, "security_group_id", { value: this.securityGroupId, description: "Security group EKS attaches to managed nodes" });
  }
}
