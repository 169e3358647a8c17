/**
 * Pure renderers for the hybrid layout: nodeadm NodeConfig, Cilium Helm values, IAM documents and
 * the on-prem firewall requirements. Inputs may be cdktf tokens; outputs are strings/objects.
 */
import { isPlainValues, mergeHelmValues } from "../core/helm-values";
import { stringify } from "yaml";
import { hybridNodeAffinity } from "../core/kubernetes";
import { iamVariable, policyDocument, PolicyStatement } from "../core/iam";

export type NodeCredentials =
  | { readonly kind: "ssm"; readonly activationId: string; readonly activationCode: string }
  | { readonly kind: "iam-roles-anywhere"; readonly trustAnchorArn: string; readonly profileArn: string; readonly roleArn: string };

/** Placeholder replaced per node: with IAM Roles Anywhere the node name must equal its certificate's CN. */
export const NODE_NAME_PLACEHOLDER = "__NODE_NAME__";

/** HYB-NA-01: the NodeConfig `nodeadm init -c file://nodeConfig.yaml` reads on an on-prem node. */
/** The topology zone hybrid nodes label themselves with. */
export const HYBRID_NODE_ZONE = "onprem";

export function renderNodeConfig(props: { clusterName: string; region: string; credentials: NodeCredentials; enableCredentialsFile: boolean }): string {
  const hybrid: Record<string, unknown> =
    props.credentials.kind === "ssm"
      ? { ssm: { activationCode: props.credentials.activationCode, activationId: props.credentials.activationId } }
      : {
          iamRolesAnywhere: {
            nodeName: NODE_NAME_PLACEHOLDER,
            trustAnchorArn: props.credentials.trustAnchorArn,
            profileArn: props.credentials.profileArn,
            roleArn: props.credentials.roleArn,
            certificatePath: "/etc/iam/pki/server.pem",
            privateKeyPath: "/etc/iam/pki/server.key",
          },
        };
  if (props.enableCredentialsFile) hybrid.enableCredentialsFile = true;
  return stringify({
    apiVersion: "node.eks.aws/v1alpha1",
    kind: "NodeConfig",
    spec: {
      cluster: { name: props.clusterName, region: props.region },
      // A zone of their own for hybrid nodes, so the CoreDNS spread over topology.kubernetes.io/zone
      // (cluster/render.ts) puts a replica on premises as AWS recommends for mixed clusters, and
      // zone-local service traffic distribution keeps on-prem traffic on premises. The kubelet may
      // set this label itself (NodeRestriction allows topology.kubernetes.io/zone).
      kubelet: { flags: [`--node-labels=topology.kubernetes.io/zone=${HYBRID_NODE_ZONE}`] },
      hybrid,
    },
  });
}

/** HYB-CNI-01: Cilium only on hybrid nodes, cluster-pool IPAM over the remote pod networks. */
export function renderCiliumValues(props: { podCidrs: readonly string[]; maskSize: number }): Record<string, unknown> {
  return {
    affinity: hybridNodeAffinity(),
    ipam: {
      mode: "cluster-pool",
      operator: { clusterPoolIPv4PodCIDRList: [...props.podCidrs], clusterPoolIPv4MaskSize: props.maskSize },
    },
    operator: { replicas: 1, affinity: hybridNodeAffinity(), unmanagedPodWatcher: { restart: false } },
    loadBalancer: { serviceTopology: true },
    envoy: { enabled: false },
  };
}

/** HYB-IAM-03 / HYB-IAM-04: who may assume the Hybrid Nodes role, with confused-deputy conditions. */
export function hybridNodeTrustPolicy(
  props: { kind: "ssm"; accountId: string; region: string; partition: string } | { kind: "iam-roles-anywhere"; trustAnchorArn: string },
): string {
  if (props.kind === "ssm") {
    return policyDocument([
      {
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": props.accountId },
          ArnEquals: { "aws:SourceArn": `arn:${props.partition}:ssm:${props.region}:${props.accountId}:*` },
        },
      },
    ]);
  }
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:TagSession", "sts:SetSourceIdentity"],
      Condition: { ArnEquals: { "aws:SourceArn": props.trustAnchorArn } },
    },
    {
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "sts:RoleSessionName": iamVariable("aws:PrincipalTag/x509Subject/CN") },
        ArnEquals: { "aws:SourceArn": props.trustAnchorArn },
      },
    },
  ]);
}

/** Tag the SSM activation carries; the deregister permission is conditioned on it (HYB-IAM-02). */
export const ACTIVATION_TAG_KEY = "EKSClusterARN";

/** HYB-IAM-02: what the node itself needs, beyond the managed policies. */
export function hybridNodePolicy(props: { clusterArn: string; kind: "ssm" | "iam-roles-anywhere"; podIdentity: boolean; partition: string; region: string; accountId: string }): string {
  const statements: PolicyStatement[] = [{ Sid: "DescribeCluster", Effect: "Allow", Action: ["eks:DescribeCluster", "eks:ListAccessEntries"], Resource: props.clusterArn }];
  if (props.kind === "ssm") {
    statements.push(
      { Sid: "DescribeInstanceInformation", Effect: "Allow", Action: "ssm:DescribeInstanceInformation", Resource: "*" },
      {
        Sid: "DeregisterOwnInstances",
        Effect: "Allow",
        Action: "ssm:DeregisterManagedInstance",
        Resource: `arn:${props.partition}:ssm:${props.region}:${props.accountId}:managed-instance/*`,
        Condition: { StringEquals: { [`ssm:resourceTag/${ACTIVATION_TAG_KEY}`]: props.clusterArn } },
      },
    );
  }
  if (props.podIdentity) statements.push({ Sid: "PodIdentity", Effect: "Allow", Action: "eks-auth:AssumeRoleForPodIdentity", Resource: props.clusterArn });
  return policyDocument(statements);
}

export interface FirewallRule {
  readonly direction: "outbound" | "inbound";
  readonly protocol: "tcp" | "udp";
  readonly ports: string;
  readonly from: string;
  readonly to: string;
  readonly purpose: string;
}

/** HYB-CL-07: what the on-prem side must allow. Published as a stack output and in the README. */
export function onPremFirewallRequirements(props: {
  nodeCidrs: readonly string[];
  podCidrs: readonly string[];
  vpcCidrs: readonly string[];
  region: string;
  credentials: "ssm" | "iam-roles-anywhere";
  webhookPorts: readonly number[];
  /** Pod CIDRs are routed on-prem; when false, pod traffic leaves as the node's address (Cilium masquerades). @default true */
  podCidrsRoutable?: boolean;
}): FirewallRule[] {
  const routable = props.podCidrsRoutable ?? true;
  const nodes = props.nodeCidrs.join(", ");
  const pods = props.podCidrs.join(", ");
  // Issue 10.7: with non-routable pod CIDRs nothing in AWS can see (or admit) a pod address.
  const sources = routable ? `${nodes}, ${pods}` : nodes;
  const vpc = props.vpcCidrs.join(", ");
  const credentialEndpoint = props.credentials === "ssm" ? `ssm.${props.region}.amazonaws.com, ssmmessages.${props.region}.amazonaws.com, ec2messages.${props.region}.amazonaws.com` : `rolesanywhere.${props.region}.amazonaws.com`;
  return [
    { direction: "outbound", protocol: "tcp", ports: "443", from: sources, to: `EKS control plane ENIs (${vpc})`, purpose: "kubelet and pods to the Kubernetes API" },
    { direction: "inbound", protocol: "tcp", ports: "10250", from: `EKS control plane ENIs (${vpc})`, to: nodes, purpose: "API server to kubelet (logs, exec, port-forward)" },
    ...(routable ? [{ direction: "inbound" as const, protocol: "tcp" as const, ports: props.webhookPorts.join(", "), from: `EKS control plane ENIs (${vpc})`, to: pods, purpose: "API server to webhooks on hybrid pods" }] : []),
    { direction: "outbound", protocol: "tcp", ports: "443", from: nodes, to: credentialEndpoint, purpose: "node credentials" },
    // EKS hybrid networking guide, "Access required for ongoing cluster operations": STS from pods (IRSA), EKS Auth from nodes.
    { direction: "outbound", protocol: "tcp", ports: "443", from: sources, to: `sts.${props.region}.amazonaws.com`, purpose: "STS (IRSA)" },
    { direction: "outbound", protocol: "tcp", ports: "443", from: nodes, to: `eks-auth.${props.region}.amazonaws.com`, purpose: "EKS Pod Identity" },
    { direction: "outbound", protocol: "tcp", ports: "443", from: nodes, to: `hybrid-assets.eks.amazonaws.com, eks.${props.region}.amazonaws.com, api.ecr.${props.region}.amazonaws.com and ECR registries, ${props.credentials === "ssm" ? `amazon-ssm-${props.region}.s3.${props.region}.amazonaws.com` : "rolesanywhere.amazonaws.com"}`, purpose: "nodeadm install and images" },
    // EKS hybrid networking guide: TCP/UDP 53 between pod CIDRs (CoreDNS replicas on hybrid nodes) ...
    { direction: "inbound", protocol: "udp", ports: "53", from: pods, to: pods, purpose: "pods to CoreDNS on hybrid nodes" },
    { direction: "inbound", protocol: "tcp", ports: "53", from: pods, to: pods, purpose: "pods to CoreDNS on hybrid nodes" },
    // With routable pod CIDRs CoreDNS also runs on hybrid nodes, and cloud pods query it there.
    ...(routable
      ? [
          { direction: "inbound" as const, protocol: "udp" as const, ports: "53", from: `cloud pods (${vpc})`, to: pods, purpose: "cloud pods to CoreDNS on hybrid nodes" },
          { direction: "inbound" as const, protocol: "tcp" as const, ports: "53", from: `cloud pods (${vpc})`, to: pods, purpose: "cloud pods to CoreDNS on hybrid nodes" },
        ]
      : []),
    // ... and (issue 9.3) to the VPC, where CoreDNS runs on cloud nodes.
    { direction: "outbound", protocol: "udp", ports: "53", from: sources, to: `CoreDNS pods on cloud nodes (${vpc})`, purpose: "cluster DNS (CoreDNS runs on cloud nodes)" },
    { direction: "outbound", protocol: "tcp", ports: "53", from: sources, to: `CoreDNS pods on cloud nodes (${vpc})`, purpose: "cluster DNS (CoreDNS runs on cloud nodes)" },
    { direction: "outbound", protocol: "udp", ports: "53", from: sources, to: `Route 53 inbound resolver IPs (${vpc})`, purpose: "resolve EFS/FSx/EKS names from on-prem" },
    { direction: "outbound", protocol: "tcp", ports: "53", from: sources, to: `Route 53 inbound resolver IPs (${vpc})`, purpose: "resolve EFS/FSx/EKS names from on-prem" },
    { direction: "inbound", protocol: "udp", ports: "8472", from: nodes, to: nodes, purpose: "Cilium VXLAN between hybrid nodes" },
    { direction: "inbound", protocol: "tcp", ports: "4240", from: nodes, to: nodes, purpose: "Cilium health checks" },
    { direction: "outbound", protocol: "tcp", ports: "2049", from: sources, to: `EFS mount targets (${vpc})`, purpose: "NFS to EFS" },
    { direction: "outbound", protocol: "tcp", ports: "111, 635, 2049, 4045-4046", from: sources, to: "FSx for ONTAP SVM endpoints (VPC, or the Multi-AZ endpoint range)", purpose: "NFS to FSx for ONTAP" },
    { direction: "outbound", protocol: "udp", ports: "111, 635, 2049, 4045-4046, 4049", from: sources, to: "FSx for ONTAP SVM endpoints (VPC, or the Multi-AZ endpoint range)", purpose: "NFS to FSx for ONTAP" },
  ];
}

/** Cilium values that must stay ours: the IPAM pool is the cluster's remote pod networks (HYB-CNI-01). */
export const FIXED_CILIUM_PATHS = ["ipam.mode", "ipam.operator.clusterPoolIPv4PodCIDRList"] as const;

/** Deep merge of `over` onto `base` (core/helm-values): objects merge key by key, anything else (arrays too) replaces. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  return mergeHelmValues(base, over);
}

/** The value at a dotted path of a values object. */
export function valueAtPath(values: Record<string, unknown>, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((cur, k) => (isPlainValues(cur) ? cur[k] : undefined), values);
}
