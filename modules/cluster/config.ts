import { z } from "zod";
import { iamPrincipalArn, ipv4Cidr, itemName, k8sLabelKey, k8sLabelValue, kmsKeyArn, pattern, securityGroupId } from "../core/schema";

/** EKS cluster names: the provider's validator on aws_eks_cluster.name (validClusterName: 1-100, ^[0-9A-Za-z][A-Za-z0-9\-_]*$). */
export const CLUSTER_NAME_RE = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

export const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export const CORE_ADDONS = ["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"] as const;
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const TaintSchema = z.strictObject({
  key: k8sLabelKey,
  value: k8sLabelValue.optional(),
  effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
});

/** Fields every managed nodegroup shares (the default cloud nodegroups and the instance-store ones). */
export const NodegroupBaseShape = {
  /** Instance types, first preferred. */
  instanceTypes: z.array(pattern(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as m6i.large")).min(1),
  /** @default "AL2023_x86_64_STANDARD" */
  amiType: z.enum(["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "AL2023_x86_64_NEURON"]).default("AL2023_x86_64_STANDARD"),
  /** @default "ON_DEMAND" */
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
  /** @default 1 */
  minSize: z.number().int().min(0).max(1000).default(1),
  /** @default 3 */
  maxSize: z.number().int().min(1).max(1000).default(3),
  /** Initial size; later left to the cluster autoscaler (Terraform ignores drift). @default minSize */
  desiredSize: z.number().int().min(0).max(1000).optional(),
  /** Root EBS volume size (encrypted gp3). @default 50 */
  rootVolumeGiB: z.number().int().min(20).max(16384).default(50),
  /** Kubernetes labels. @default {} */
  labels: z.record(k8sLabelKey, k8sLabelValue).default({}),
  /** Kubernetes taints. @default [] */
  taints: z.array(TaintSchema).max(50, { error: "at most 50 taints (the provider's limit on aws_eks_node_group.taint)" }).default([]),
  /** Subnet names to place nodes in. @default - the cluster's subnets */
  // An empty list would reach the plan as subnet_ids = [] (the provider wants at least one).
  subnets: z.array(itemName).min(1, { error: "list at least one subnet, or leave it out to use the cluster's subnets" }).optional(),
  /** Nodes replaced at once during updates, as a percentage. @default 33 */
  maxUnavailablePercentage: z.number().int().min(1).max(100).default(33),
  /**
   * IMDSv2 hop limit. 1 keeps the node role's credentials (which include AmazonEKS_CNI_Policy) away
   * from pods, as the EKS best practices guide recommends ("Restrict access to the instance profile
   * assigned to the worker node"); 2 only for pods that must call IMDS themselves (e.g. a controller
   * without IRSA/Pod Identity reading its region or credentials from the node). @default 1
   */
  metadataHopLimit: z.union([z.literal(1), z.literal(2)], { error: "must be 1 (pods cannot reach IMDS) or 2 (pods can)" }).default(1),
};

export const NodegroupSchema = z.strictObject({
  ...NodegroupBaseShape,
  instanceTypes: NodegroupBaseShape.instanceTypes.default(["m6i.large"]),
});

export const EndpointSchema = z.strictObject({
  /** @default true */
  privateAccess: z.boolean().optional(),
  /** @default cloud-only: true when publicAccessCidrs is non-empty; hybrid: false */
  publicAccess: z.boolean().optional(),
  /** CIDRs allowed to reach the public endpoint; each /8 or longer (0.0.0.0/0, even split into pieces, is refused). @default [] */
  publicAccessCidrs: z.array(ipv4Cidr).default([]),
  /**
   * Private networks (VPN users, a CI subnet, a tooling VPC) allowed to reach the private endpoint:
   * one 443 ingress rule each on the control-plane security group. The Terraform runner must sit in
   * one of them (or in the VPC) when public access is off. RFC 1918 only; must not overlap pod networks. @default []
   */
  privateAccessCidrs: z.array(ipv4Cidr).default([]),
});

/** Fields of a created cluster (the construct's options; the YAML adds `mode: create`). */
export const ClusterOptionsShape = {
  /** Cluster name. Required on the construct; in an environment file @default - the environment name */
  name: pattern(CLUSTER_NAME_RE, "must be 1-100 letters, digits, '-' or '_', starting alphanumeric").optional(),
  /** Kubernetes minor version. @default "1.33" */
  version: pattern(/^1\.\d{2}$/, "must be a Kubernetes minor version such as 1.33").default("1.33"),
  /** Service IPv4 CIDR, always set explicitly (hybrid networks must not overlap it). @default "172.20.0.0/16" */
  serviceIpv4Cidr: ipv4Cidr.default("172.20.0.0/16"),
  /** Subnet names for the control plane ENIs and the default nodegroups. @default - every private subnet */
  subnets: z.array(itemName).optional(),
  endpoint: EndpointSchema.default({ publicAccessCidrs: [], privateAccessCidrs: [] }),
  /** @default "API" */
  authenticationMode: z.enum(["API", "API_AND_CONFIG_MAP"]).default("API"),
  /** Control-plane log types. @default all five */
  logTypes: z.array(z.enum(LOG_TYPES)).default([...LOG_TYPES]),
  /** Retention of the control-plane log group. @default 90 */
  logRetentionDays: z.literal(LOG_RETENTION_DAYS, { error: `must be one of ${LOG_RETENTION_DAYS.join(", ")}` }).default(90),
  /** KMS key for Kubernetes secrets encryption. @default - a key is created, with rotation */
  secretsKmsKeyArn: kmsKeyArn.optional(),
  /** Pinned add-on versions. @default - the version EKS picks for the cluster version */
  addonVersions: z.partialRecord(z.enum(CORE_ADDONS), pattern(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "must be an add-on version such as v1.19.2-eksbuild.1")).default({}),
  /** Principals granted cluster admin through access entries, keyed by name. @default {} */
  admins: z.record(itemName, iamPrincipalArn).default({}),
  /**
   * Let EKS make the identity that creates the cluster an admin (bootstrap_cluster_creator_admin_permissions).
   * When it is also listed in `admins`, CreateAccessEntry fails with 409 (terraform-aws-modules/terraform-aws-eks
   * #3293, #2968): the plan checks it before anything is created. Set false when the runner is in `admins`.
   * Only read when the cluster is created (changing it later replaces nothing; EKS ignores it). @default true
   */
  bootstrapCreatorAdmin: z.boolean().default(true),
  /** Refuse any plan that would destroy the cluster (lifecycle.prevent_destroy). @default true */
  preventDestroy: z.boolean().default(true),
  /** Cloud managed nodegroups keyed by name. @default { default: {} } */
  nodegroups: z.record(itemName, NodegroupSchema).default({ default: NodegroupSchema.parse({}) }),
};

/** What EksCluster validates its options with (the YAML's `cluster` section without `mode`). */
export const ClusterOptionsSchema = z.strictObject(ClusterOptionsShape);

export const CreatedClusterSchema = z.strictObject({
  mode: z.literal("create"),
  ...ClusterOptionsShape,
});

export const ExistingClusterSchema = z.strictObject({
  mode: z.literal("existing"),
  name: pattern(CLUSTER_NAME_RE, "must be an EKS cluster name"),
  /** API server endpoint (https://...). */
  endpoint: pattern(/^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/, "must be the cluster's https:// endpoint"),
  /** Base64 CA bundle of the cluster (certificateAuthority.data). */
  certificateAuthorityData: pattern(/^[A-Za-z0-9+/]{16,}={0,2}$/, "must be base64 (the cluster's certificateAuthority.data)"),
  /** The cluster security group EKS created (attached to managed nodes). */
  clusterSecurityGroupId: securityGroupId,
  /** The cluster's service IPv4 CIDR. */
  serviceIpv4Cidr: ipv4Cidr,
  /** ARN of the cluster, used in IAM conditions. @default - built from region, account and name */
  arn: pattern(/^arn:aws[a-z-]*:eks:[a-z0-9-]+:\d{12}:cluster\/[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, "must be an EKS cluster ARN").optional(),
  /** The cluster's Kubernetes minor version: add-ons created here are pinned for it (core/addons.ts). @default - unknown: add-on versions left to EKS, with a warning */
  version: pattern(/^1\.\d{2}$/, "must be a Kubernetes minor version such as 1.33").optional(),
});

export const ClusterSchema = z.discriminatedUnion("mode", [CreatedClusterSchema, ExistingClusterSchema], {
  error: "cluster.mode must be 'create' or 'existing'",
});

export type ClusterConfig = z.output<typeof ClusterSchema>;
export type CreatedClusterConfig = z.output<typeof CreatedClusterSchema>;
export type ExistingClusterConfig = z.output<typeof ExistingClusterSchema>;
export type NodegroupConfig = z.output<typeof NodegroupSchema>;
export type TaintConfig = z.output<typeof TaintSchema>;
export type ClusterOptionsConfig = z.output<typeof ClusterOptionsSchema>;
