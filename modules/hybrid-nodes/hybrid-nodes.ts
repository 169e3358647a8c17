import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { ITerraformDependable } from "cdktf";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { RolesanywhereProfile } from "@cdktf/provider-aws/lib/rolesanywhere-profile";
import { RolesanywhereTrustAnchor } from "@cdktf/provider-aws/lib/rolesanywhere-trust-anchor";
import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmActivation } from "@cdktf/provider-aws/lib/ssm-activation";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Release } from "@cdktf/provider-helm/lib/release";
import { EksCluster } from "../cluster/eks-cluster";
import { Issues } from "../core/errors";
import { managedPolicyArn } from "../core/iam";
import { Network } from "../network/network";
import { Connectivity } from "./connectivity";
import {
  ACTIVATION_TAG_KEY,
  hybridNodePolicy,
  hybridNodeTrustPolicy,
  NodeCredentials,
  onPremFirewallRequirements,
  renderCiliumValues,
  renderNodeConfig,
} from "./render";
import { cidrKey } from "../core/cidr";
import { HybridConfig, SsmCredentialsSchema } from "./config";
import { validateHybrid } from "./validate";

export interface HybridNodesProps {
  readonly config: HybridConfig;
  readonly cluster: EksCluster;
  readonly network: Network;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** Extra prefixes to advertise over Direct Connect (e.g. an FSx Multi-AZ endpoint range). @default [] */
  readonly extraAdvertisedPrefixes?: readonly string[];
  /** Synth time, for the default activation expiry. @default now */
  readonly now?: Date;
}

/**
 * Everything the hybrid layout adds for EKS Hybrid Nodes: control-plane security group rules per
 * remote CIDR, connectivity and routes, a Route 53 Resolver inbound endpoint, the Hybrid Nodes role
 * with SSM activation or IAM Roles Anywhere, the HYBRID_LINUX access entry, the nodeadm NodeConfig
 * in SSM Parameter Store, and Cilium on hybrid nodes. The cloud-only layout creates none of it.
 */
export class HybridNodes extends Construct {
  public readonly connectivity: Connectivity;
  public readonly role: IamRole;
  public readonly resolver?: Route53ResolverEndpoint;
  public readonly nodeConfigParameter: SsmParameter;
  public readonly cilium: Release;
  /** On-prem networks that reach AWS (node CIDRs, plus pod CIDRs when routable). */
  public readonly onPremCidrs: string[];

  constructor(scope: Construct, id: string, props: HybridNodesProps) {
    super(scope, id);
    const { config, cluster, network } = props;
    const issues = new Issues();
    validateHybrid(
      config,
      {
        layout: "hybrid",
        subnets: network.subnets,
        vpcCidrs: network.vpcCidrs,
        serviceIpv4Cidr: cluster.serviceIpv4Cidr,
        clusterSubnetNames: cluster.subnetNames,
        now: props.now,
      },
      issues,
    );
    issues.throwIfAny(this.node.path);

    const clusterName = cluster.name;
    const name = cluster.literalName;
    this.onPremCidrs = [...config.remoteNodeCidrs, ...(config.podCidrsRoutable ? config.remotePodCidrs : [])];

    this.controlPlaneRules(config, cluster.controlPlaneSecurityGroupId);

    this.connectivity = new Connectivity(this, "connectivity", {
      config: config.connectivity,
      network,
      namePrefix: `${name}-hybrid`,
      onPremCidrs: this.onPremCidrs,
      defaultAttachmentSubnets: cluster.subnetNames,
      defaultAllowedPrefixes: [...network.vpcCidrs, ...(props.extraAdvertisedPrefixes ?? [])],
    });

    if (config.inboundResolver) this.resolver = this.inboundResolver(config, props);

    // --- credentials (HYB-IAM-*) ---
    const useRolesAnywhere = !!config.credentials.iamRolesAnywhere;
    let trustAnchor: RolesanywhereTrustAnchor | undefined;
    if (config.credentials.iamRolesAnywhere) {
      trustAnchor = new RolesanywhereTrustAnchor(this, "trust-anchor", {
        name: `${name}-hybrid-nodes`,
        enabled: true,
        source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: config.credentials.iamRolesAnywhere.caCertificatePem } },
      });
    }
    this.role = new IamRole(this, "node-role", {
      namePrefix: "eks-hybrid-nodes-",
      description: `EKS Hybrid Nodes of ${name}`,
      assumeRolePolicy: trustAnchor
        ? hybridNodeTrustPolicy({ kind: "iam-roles-anywhere", trustAnchorArn: trustAnchor.arn })
        : hybridNodeTrustPolicy({ kind: "ssm", accountId: props.accountId, region: props.region, partition: props.partition }),
      // HYB-IAM-04: must exceed the Roles Anywhere session duration.
      maxSessionDuration: useRolesAnywhere ? Math.min(43200, (config.credentials.iamRolesAnywhere?.durationSeconds ?? 3600) * 2) : undefined,
    });
    new IamRolePolicy(this, "node-policy", {
      role: this.role.name,
      name: "eks-hybrid-node",
      policy: hybridNodePolicy({
        clusterArn: cluster.arn,
        kind: useRolesAnywhere ? "iam-roles-anywhere" : "ssm",
        podIdentity: config.podIdentity,
        partition: props.partition,
        region: props.region,
        accountId: props.accountId,
      }),
    });
    const managed = ["AmazonEC2ContainerRegistryPullOnly", ...(useRolesAnywhere ? [] : ["AmazonSSMManagedInstanceCore"])];
    for (const policy of managed) {
      new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.role.name, policyArn: managedPolicyArn(props.partition, policy) });
    }
    // HYB-IAM-05: no access policy may be associated with a HYBRID_LINUX entry.
    new EksAccessEntry(this, "access-entry", { clusterName, principalArn: this.role.arn, type: "HYBRID_LINUX" });

    let credentials: NodeCredentials;
    if (trustAnchor && config.credentials.iamRolesAnywhere) {
      const profile = new RolesanywhereProfile(this, "profile", {
        name: `${name}-hybrid-nodes`,
        enabled: true,
        roleArns: [this.role.arn],
        durationSeconds: config.credentials.iamRolesAnywhere.durationSeconds,
        // HYB-IAM-04: nodes name their session after the certificate CN.
        acceptRoleSessionName: true,
      });
      credentials = { kind: "iam-roles-anywhere", trustAnchorArn: trustAnchor.arn, profileArn: profile.arn, roleArn: this.role.arn };
    } else {
      const ssm = config.credentials.ssm ?? SsmCredentialsSchema.parse({});
      const activation = new SsmActivation(this, "activation", {
        name: `${name}-hybrid-nodes`,
        description: `EKS Hybrid Nodes of ${name}`,
        iamRole: this.role.name,
        registrationLimit: ssm.registrationLimit,
        expirationDate: ssm.expirationDate ?? expiryFromNow(props.now ?? new Date(), ssm.expiresInDays),
        tags: { [ACTIVATION_TAG_KEY]: cluster.arn },
        // Without a pinned date the expiry is computed at synth; ignore it afterwards, or every plan
        // on a new day would replace the activation. Rotate with `terraform apply -replace`.
        lifecycle: ssm.expirationDate ? undefined : { ignoreChanges: ["expiration_date"] },
      });
      credentials = { kind: "ssm", activationId: activation.id, activationCode: activation.activationCode };
    }

    // HYB-NA-01: the NodeConfig holds the activation code, so it lives only in a SecureString.
    this.nodeConfigParameter = new SsmParameter(this, "node-config", {
      name: `/eks-hybrid/${name}/node-config`,
      description: "nodeadm NodeConfig for EKS Hybrid Nodes (nodeadm init -c file://...)",
      type: "SecureString",
      value: renderNodeConfig({ clusterName, region: props.region, credentials, enableCredentialsFile: config.podIdentity }),
    });

    // HYB-CNI-01: Cilium on hybrid nodes only, IPAM from the remote pod networks.
    this.cilium = new Release(this, "cilium", {
      name: "cilium",
      repository: "https://helm.cilium.io",
      chart: "cilium",
      version: config.cilium.chartVersion,
      namespace: "kube-system",
      values: [JSON.stringify(renderCiliumValues({ podCidrs: config.remotePodCidrs, maskSize: config.cilium.podCidrMaskSize }))],
      wait: false,
      dependsOn: [...(cluster.resource ? [cluster.resource as ITerraformDependable] : [])],
    });

    namedOutput(this, "node_config_parameter", { value: this.nodeConfigParameter.name, description: "SSM parameter holding the nodeadm NodeConfig (SecureString)" });
    namedOutput(this, "node_role_arn", { value: this.role.arn });
    namedOutput(this, "onprem_firewall_requirements", {
      description: "What the on-prem firewall must allow (HYB-CL-07)",
      value: onPremFirewallRequirements({
        nodeCidrs: config.remoteNodeCidrs,
        podCidrs: config.remotePodCidrs,
        vpcCidrs: network.vpcCidrs,
        region: props.region,
        credentials: useRolesAnywhere ? "iam-roles-anywhere" : "ssm",
        webhookPorts: config.webhookPorts,
      }),
    });
  }

  /** HYB-CL-05/06: one rule resource per CIDR and port on our control-plane group, never inline rules. */
  private controlPlaneRules(config: HybridConfig, securityGroupId: string): void {
    const rule = (kind: "ingress" | "egress", port: number, cidr: string, description: string) => {
      const id = `cp-${kind}-${port}-${cidrKey(cidr)}`;
      const props = { securityGroupId, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr, description };
      if (kind === "ingress") new VpcSecurityGroupIngressRule(this, id, props);
      else new VpcSecurityGroupEgressRule(this, id, props);
    };
    for (const cidr of config.remoteNodeCidrs) {
      rule("ingress", 443, cidr, "Kubernetes API from hybrid nodes");
      rule("egress", 10250, cidr, "kubelet on hybrid nodes");
    }
    for (const cidr of config.remotePodCidrs) {
      rule("ingress", 443, cidr, "Kubernetes API from hybrid pods");
      if (config.podCidrsRoutable) for (const port of config.webhookPorts) rule("egress", port, cidr, "webhooks on hybrid pods");
    }
  }

  /** EFS-DNS-02: inbound endpoint in two or more AZs, TCP and UDP 53 from on-prem. */
  private inboundResolver(config: HybridConfig, props: HybridNodesProps): Route53ResolverEndpoint {
    const cluster = props.cluster;
    const name = cluster.literalName;
    const sg = new SecurityGroup(this, "resolver-sg", {
      namePrefix: `${name}-resolver-`,
      description: "Route 53 Resolver inbound endpoint: DNS from on-prem",
      vpcId: props.network.vpcId,
      tags: { Name: `${name}-resolver` },
      lifecycle: { createBeforeDestroy: true },
    });
    const sources = [...new Set([...config.remoteNodeCidrs, ...config.remotePodCidrs, ...config.dnsClientCidrs])];
    for (const cidr of sources) {
      for (const protocol of ["tcp", "udp"]) {
        new VpcSecurityGroupIngressRule(this, `resolver-${protocol}-53-${cidrKey(cidr)}`, {
          securityGroupId: sg.id,
          ipProtocol: protocol,
          fromPort: 53,
          toPort: 53,
          cidrIpv4: cidr,
          description: "DNS from on-prem",
        });
      }
    }
    const subnets = props.network.subnetsNamed(config.resolverSubnets ?? cluster.subnetNames);
    const endpoint = new Route53ResolverEndpoint(this, "inbound-resolver", {
      name: `${name}-inbound`.slice(0, 64),
      direction: "INBOUND",
      securityGroupIds: [sg.id],
      ipAddress: subnets.map((s) => ({ subnetId: s.id })),
    });
    namedOutput(this, "inbound_resolver_ips", {
      value: `\${[for a in ${endpoint.fqn}.ip_address : a.ip]}`,
      description: "Forward amazonaws.com (EFS, FSx, EKS names) from on-prem DNS to these IPs",
    });
    return endpoint;
  }
}

/** RFC 3339 expiry N days after `now`, at day granularity. */
export function expiryFromNow(now: Date, days: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
