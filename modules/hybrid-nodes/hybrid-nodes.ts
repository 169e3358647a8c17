import { Construct } from "constructs";
import { helmValues as helmValuesSchema, ipv4Cidr, tags as tagsSchema } from "../core/schema";
import { z } from "zod";
import { Network } from "../network/network";
import { contains, parseIpv4Cidr } from "../core/cidr";
import { namedOutput } from "../core/outputs";
import { Fn, Token } from "cdktf";
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
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { Issues } from "../core/errors";
import { managedPolicyArn } from "../core/iam";
import { IClusterRef, IVpcRef, subnetsNamed } from "../core/refs";
import { isValidated, markValidated, parseSection, reportTo } from "../core/validation";
import { Connectivity } from "./connectivity";
import {
  ACTIVATION_TAG_KEY,
  deepMerge,
  FIXED_CILIUM_PATHS,
  FirewallRule,
  hybridNodePolicy,
  hybridNodeTrustPolicy,
  NodeCredentials,
  onPremFirewallRequirements,
  renderCiliumValues,
  renderNodeConfig,
  valueAtPath,
} from "./render";
import { cidrKey } from "../core/cidr";
import { HybridConfig, HybridOptions, HybridSchema, routableCidrs, SsmCredentialsSchema } from "./config";
import { ignoredConnectivityOptions, validateHybrid } from "./validate";

export interface HybridNodesProps extends HybridOptions {
  readonly vpc: IVpcRef;
  /**
   * The cluster; its `remoteNetworks` must equal remoteNodeCidrs/remotePodCidrs (refused otherwise).
   * Region, account and partition come from it.
   */
  readonly cluster: IClusterRef;
  /** Tags for every taggable resource created here (the SSM activation only at creation: see README). @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Helm values deep-merged over ours for the Cilium release (objects merge, arrays replace).
   * `ipam.mode` and `ipam.operator.clusterPoolIPv4PodCIDRList` cannot be overridden (HYB-CNI-01:
   * the pool is the cluster's remote pod networks). @default {}
   */
  readonly ciliumValues?: Record<string, unknown>;
  /** Extra prefixes to advertise over Direct Connect (e.g. an FSx Multi-AZ endpoint range). @default [] */
  readonly extraAdvertisedPrefixes?: readonly string[];
  /**
   * Networks of operators and of the Terraform runner that reach the private API endpoint over the
   * on-prem link (the cluster's endpoint.privateAccessCidrs): the VPC routes them through the
   * gateway like the on-prem networks, so the endpoint's replies find their way back (issue 9.4).
   * Ranges inside a VPC CIDR and ranges already routed are skipped. The cluster's privateAccessCidrs
   * left out here are warned about. @default []
   */
  readonly operatorCidrs?: readonly string[];
  /** Synth time, for the default activation expiry. @default now */
  readonly now?: Date;
}

/**
 * Everything the hybrid layout adds for EKS Hybrid Nodes: control-plane security group rules per
 * remote CIDR, DNS from hybrid pods to CoreDNS, connectivity and routes, a Route 53 Resolver inbound
 * endpoint, the Hybrid Nodes role with SSM activation or IAM Roles Anywhere, the HYBRID_LINUX access
 * entry, the nodeadm NodeConfig in SSM Parameter Store, and Cilium on hybrid nodes.
 *
 * Provider plan-time validations mirrored at synth (issue 9.12; aws provider 6.25): eks
 * remote_network_config cidrs (validateIPv4CIDRPrivateRange, RFC 1918 only: CGNAT is an error),
 * ssm_activation expiration_date (IsRFC3339Time, schema) and registration_limit, rolesanywhere
 * profile duration_seconds (900-43200, schema), route53_resolver_endpoint ip_address (2-10 entries,
 * validator) and name (<= 64, cut), ssm_parameter name (built from a validated cluster name).
 */
export class HybridNodes extends Construct {
  /** Gateway, VPN / Direct Connect and VPC routes toward on-prem (see Connectivity's properties). */
  public readonly connectivity: Connectivity;
  /** The Hybrid Nodes IAM role. */
  public readonly role: IamRole;
  /** Inline policy of the role (HYB-IAM-02). */
  public readonly rolePolicy: IamRolePolicy;
  /** The HYBRID_LINUX access entry. */
  public readonly accessEntry: EksAccessEntry;
  /** SSM hybrid activation (SSM credentials). */
  public readonly activation?: SsmActivation;
  /** IAM Roles Anywhere trust anchor and profile (Roles Anywhere credentials). */
  public readonly trustAnchor?: RolesanywhereTrustAnchor;
  public readonly profile?: RolesanywhereProfile;
  /** Route 53 Resolver inbound endpoint and its security group (inboundResolver). */
  public readonly resolver?: Route53ResolverEndpoint;
  public readonly resolverSecurityGroup?: SecurityGroup;
  /** The resolver's IP addresses (a Terraform list expression; also the inbound_resolver_ips output). */
  public readonly resolverIps?: string;
  /** SSM parameter holding the NodeConfig (SecureString, written with value_wo). */
  public readonly nodeConfigParameter: SsmParameter;
  /** The Cilium Helm release. */
  public readonly cilium: Release;
  /** Every security group rule created, keyed by construct id. */
  public readonly securityGroupRules: Record<string, VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule> = {};
  /**
   * On-prem networks AWS routes to and admits: the node CIDRs, plus the pod CIDRs when
   * podCidrsRoutable. Other constructs (EFS, FSx) take their on-prem rules from this list.
   */
  public readonly routableOnPremCidrs: string[];
  /** What the on-prem firewall must allow (also the onprem_firewall_requirements output). */
  public readonly firewallRequirements: FirewallRule[];
  /** The validated, defaulted options. */
  public readonly config: HybridConfig;

  /** @deprecated use routableOnPremCidrs */
  public get onPremCidrs(): string[] {
    return this.routableOnPremCidrs;
  }

  constructor(scope: Construct, id: string, props: HybridNodesProps) {
    super(scope, id);
    const { cluster, vpc } = props;
    const { vpc: _v, cluster: _c, tags: _t, ciliumValues: _cv, extraAdvertisedPrefixes: _x, operatorCidrs: _oc, now: _n, ...options } = props;
    const issues = new Issues();
    // Construct-level CIDR lists are checked here whatever the path (the marker covers the hybrid section only).
    const operatorCidrs = parseSection(z.array(ipv4Cidr), props.operatorCidrs ?? [], "operatorCidrs", issues, { allowTokens: true }) ?? [];
    const extraPrefixes = parseSection(z.array(ipv4Cidr), props.extraAdvertisedPrefixes ?? [], "extraAdvertisedPrefixes", issues, { allowTokens: true }) ?? [];
    // GEN-02: tags and Helm values from props are config too: escaped here, once.
    const parsedTags = parseSection(tagsSchema, props.tags ?? {}, "tags", issues, { allowTokens: true }) ?? {};
    const userCiliumValues = parseSection(helmValuesSchema, props.ciliumValues ?? {}, "ciliumValues", issues, { allowTokens: true }) ?? {};
    let config: HybridConfig | undefined;
    if (isValidated(options)) {
      config = options as unknown as HybridConfig;
    } else {
      config = parseSection(HybridSchema, options, "hybrid", issues, { allowTokens: true });
      ignoredConnectivityOptions(options.connectivity, issues, "hybrid.connectivity");
      if (config) {
        validateHybrid(
          config,
          {
            layout: "hybrid",
            subnets: vpc.subnets,
            vpcCidrs: vpc.vpcCidrs,
            serviceIpv4Cidr: cluster.serviceIpv4Cidr,
            clusterSubnetNames: cluster.subnetNames,
            now: props.now,
            cluster: { created: cluster.created, remoteNetworks: cluster.remoteNetworks, podIdentityAgent: cluster.podIdentityAgent, hybridPodIdentityAgent: cluster.hybridPodIdentityAgent },
            clusterAdopted: !cluster.created,
          },
          issues,
        );
      }
    }
    // A hand-built IClusterRef is not validated by ClusterRef.fromAttributes: the values the trust
    // policy and ARNs are built from must still be right (tokens of a created cluster skip this).
    const literal = (v: string) => !Token.isUnresolved(v);
    if (literal(cluster.accountId) && !/^\d{12}$/.test(cluster.accountId)) issues.error("cluster.accountId", "must be a 12-digit AWS account id", cluster.accountId);
    if (literal(cluster.region) && !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(cluster.region)) issues.error("cluster.region", "must be an AWS region code such as eu-west-1", cluster.region);
    for (const p of FIXED_CILIUM_PATHS) {
      if (props.ciliumValues && valueAtPath(props.ciliumValues, p) !== undefined) {
        issues.error(`ciliumValues.${p}`, "cannot be overridden: the IPAM pool is the cluster's remote pod networks (HYB-CNI-01)", valueAtPath(props.ciliumValues, p), "remotePodCidrs");
      }
    }
    // NET-03: networks the cluster admits to its private endpoint (a created cluster's privateAccessCidrs)
    // reach it over the on-prem link only if the VPC routes them there. Not routed by default: a broad
    // range (10.0.0.0/8) could take over routes the VPC has already.
    if (config && props.operatorCidrs === undefined && (cluster.privateAccessCidrs ?? []).length > 0) {
      const unrouted = operatorRoutes(cluster.privateAccessCidrs!, routableCidrs(config), vpc.vpcCidrs);
      if (unrouted.length > 0) {
        issues.warn("operatorCidrs", `are not given, so the VPC has no route back to the cluster's privateAccessCidrs ${unrouted.join(", ")}: clients there cannot reach the private endpoint over the on-prem link`, unrouted, "pass them as operatorCidrs to route them through the gateway, or route them yourself");
      }
    }
    // HYB-CL-07: on-prem DNS forwarded to the inbound resolver resolves AWS services to the VPC
    // endpoints; endpoints that admit only the VPC refuse the hybrid nodes (image pulls, STS, SSM).
    if (vpc instanceof Network && vpc.endpointSecurityGroup && !vpc.onPremClients) {
      issues.warnings.push({ path: "vpc", message: "has VPC endpoints that admit only the VPC: hybrid nodes that resolve AWS services through the inbound resolver get the endpoints' addresses and are refused (image pulls, STS, SSM)", allowed: "create the Network with onPremClients { cidrs: the remote node (and routable pod) CIDRs, ssm: true when nodes use SSM credentials }" });
    }
    // HYB-NET-05: with unroutable pod CIDRs only Cilium's masquerading brings pod traffic back.
    if (config && !config.podCidrsRoutable && valueAtPath(props.ciliumValues ?? {}, "enableIPv4Masquerade") === false) {
      issues.error("ciliumValues.enableIPv4Masquerade", "is false while podCidrsRoutable is false: pod traffic would leave with pod addresses the VPC cannot route back to", false, "keep Cilium's masquerading, or route the pod CIDRs on-prem (podCidrsRoutable: true)");
    }
    reportTo(this, issues);
    this.config = config!;
    const cfg = this.config;
    const tags = parsedTags;

    const clusterName = cluster.name;
    const name = cluster.literalName;
    // Issue 10.7: pod CIDRs get routes and rules only when the on-prem router routes them.
    this.routableOnPremCidrs = routableCidrs(cfg);

    this.controlPlaneRules(cfg, cluster, tags);

    this.connectivity = new Connectivity(
      this,
      "connectivity",
      markValidated({
        ...cfg.connectivity,
        vpc,
        cluster,
        onPremCidrs: [...this.routableOnPremCidrs, ...operatorRoutes(operatorCidrs, this.routableOnPremCidrs, vpc.vpcCidrs)],
        extraAdvertisedPrefixes: extraPrefixes,
        tags,
      }),
    );

    if (cfg.inboundResolver) {
      [this.resolver, this.resolverSecurityGroup] = this.inboundResolver(cfg, cluster, vpc, tags);
      this.resolverIps = `\${[for a in ${this.resolver.fqn}.ip_address : a.ip]}`;
      namedOutput(this, "inbound_resolver_ips", { value: this.resolverIps, description: "Forward amazonaws.com (EFS, FSx, EKS names) from on-prem DNS to these IPs" });
    }

    // --- credentials (HYB-IAM-*) ---
    const rolesAnywhere = cfg.credentials.iamRolesAnywhere;
    if (rolesAnywhere) {
      this.trustAnchor = new RolesanywhereTrustAnchor(this, "trust-anchor", {
        name: `${name}-hybrid-nodes`,
        enabled: true,
        source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: rolesAnywhere.caCertificatePem } },
        tags,
      });
    }
    this.role = new IamRole(this, "node-role", {
      namePrefix: "eks-hybrid-nodes-",
      description: `EKS Hybrid Nodes of ${name}`,
      assumeRolePolicy: this.trustAnchor
        ? hybridNodeTrustPolicy({ kind: "iam-roles-anywhere", trustAnchorArn: this.trustAnchor.arn })
        : hybridNodeTrustPolicy({ kind: "ssm", accountId: cluster.accountId, region: cluster.region, partition: cluster.partition }),
      // HYB-IAM-04: must exceed the Roles Anywhere session duration.
      // The provider refuses max_session_duration outside 3600-43200 at plan (aws_iam_role validator).
      maxSessionDuration: rolesAnywhere ? Math.min(43200, Math.max(3600, rolesAnywhere.durationSeconds * 2)) : undefined,
      tags,
    });
    this.rolePolicy = new IamRolePolicy(this, "node-policy", {
      role: this.role.name,
      name: "eks-hybrid-node",
      policy: hybridNodePolicy({
        clusterArn: cluster.arn,
        kind: rolesAnywhere ? "iam-roles-anywhere" : "ssm",
        podIdentity: cfg.podIdentity,
        partition: cluster.partition,
        region: cluster.region,
        accountId: cluster.accountId,
      }),
    });
    const managed = ["AmazonEC2ContainerRegistryPullOnly", ...(rolesAnywhere ? [] : ["AmazonSSMManagedInstanceCore"])];
    for (const policy of managed) {
      new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.role.name, policyArn: managedPolicyArn(cluster.partition, policy) });
    }
    // HYB-IAM-05: no access policy may be associated with a HYBRID_LINUX entry.
    this.accessEntry = new EksAccessEntry(this, "access-entry", { clusterName, principalArn: this.role.arn, type: "HYBRID_LINUX", tags });

    let credentials: NodeCredentials;
    // What the NodeConfig depends on, without the secret: its version hashes these.
    let fingerprint: string[];
    if (this.trustAnchor && rolesAnywhere) {
      this.profile = new RolesanywhereProfile(this, "profile", {
        name: `${name}-hybrid-nodes`,
        enabled: true,
        roleArns: [this.role.arn],
        durationSeconds: rolesAnywhere.durationSeconds,
        // HYB-IAM-04: nodes name their session after the certificate CN.
        acceptRoleSessionName: true,
        tags,
      });
      credentials = { kind: "iam-roles-anywhere", trustAnchorArn: this.trustAnchor.arn, profileArn: this.profile.arn, roleArn: this.role.arn };
      fingerprint = [credentials.trustAnchorArn, credentials.profileArn, credentials.roleArn];
    } else {
      const ssm = cfg.credentials.ssm ?? SsmCredentialsSchema.parse({});
      this.activation = new SsmActivation(this, "activation", {
        name: `${name}-hybrid-nodes`,
        description: `EKS Hybrid Nodes of ${name}`,
        iamRole: this.role.name,
        registrationLimit: ssm.registrationLimit,
        expirationDate: ssm.expirationDate ?? expiryFromNow(props.now ?? new Date(), ssm.expiresInDays),
        tags: { ...tags, [ACTIVATION_TAG_KEY]: cluster.arn },
        lifecycle: {
          // Issue 9.9 / HYB-IAM-06: every argument of aws_ssm_activation, tags included, forces a new
          // activation (a new code that unregistered nodes lack), and provider default_tags reach it
          // through tags_all. Tags are set at creation and never change it afterwards. Without a
          // pinned date the expiry is computed at synth; ignore it too, or every plan on a new day
          // would replace the activation. Rotate with `terraform apply -replace`.
          ignoreChanges: ssm.expirationDate ? ["tags", "tags_all"] : ["expiration_date", "tags", "tags_all"],
        },
      });
      credentials = { kind: "ssm", activationId: this.activation.id, activationCode: this.activation.activationCode };
      // The id changes whenever the code does; the version never derives from the secret itself.
      fingerprint = [this.activation.id];
    }

    // HYB-NA-01: the NodeConfig holds the activation code, so it lives only in a SecureString, written
    // with the write-only value_wo (issue 10.3: never stored in state). Terraform cannot diff a
    // write-only value, so its version follows a hash of the non-secret content (activation id,
    // cluster, region, ARNs): a new activation writes the parameter again.
    this.nodeConfigParameter = new SsmParameter(this, "node-config", {
      name: `/eks-hybrid/${name}/node-config`,
      description: "nodeadm NodeConfig for EKS Hybrid Nodes (nodeadm init -c file://...)",
      type: "SecureString",
      valueWo: renderNodeConfig({ clusterName, region: cluster.region, credentials, enableCredentialsFile: cfg.podIdentity }),
      valueWoVersion: nodeConfigVersion([clusterName, cluster.region, String(cfg.podIdentity), ...fingerprint]),
      tags,
    });

    // HYB-CNI-01: Cilium on hybrid nodes only, IPAM from the remote pod networks.
    ensureKubernetesProviders(this, cluster);
    const ciliumValues = deepMerge(renderCiliumValues({ podCidrs: cfg.remotePodCidrs, maskSize: cfg.cilium.podCidrMaskSize }), userCiliumValues);
    this.cilium = new Release(this, "cilium", {
      name: "cilium",
      repository: "https://helm.cilium.io",
      chart: "cilium",
      version: cfg.cilium.chartVersion,
      namespace: "kube-system",
      values: [JSON.stringify(ciliumValues)],
      wait: false,
      dependsOn: [...cluster.workloadDependencies],
    });

    this.firewallRequirements = onPremFirewallRequirements({
      nodeCidrs: cfg.remoteNodeCidrs,
      podCidrs: cfg.remotePodCidrs,
      vpcCidrs: vpc.vpcCidrs,
      region: cluster.region,
      credentials: rolesAnywhere ? "iam-roles-anywhere" : "ssm",
      webhookPorts: cfg.webhookPorts,
      podCidrsRoutable: cfg.podCidrsRoutable,
    });
    namedOutput(this, "node_config_parameter", { value: this.nodeConfigParameter.name, description: "SSM parameter holding the nodeadm NodeConfig (SecureString)" });
    namedOutput(this, "node_role_arn", { value: this.role.arn });
    namedOutput(this, "onprem_firewall_requirements", { description: "What the on-prem firewall must allow (HYB-CL-07)", value: this.firewallRequirements });
  }

  /**
   * HYB-CL-05/06: one rule resource per CIDR and port, never inline rules. Control-plane group: 443
   * in from nodes (and routable pods), 10250 out to nodes, webhook ports out to routable pods.
   * Cluster security group (CoreDNS on cloud nodes): TCP and UDP 53 in from nodes and routable pods
   * (issue 9.3, EKS hybrid networking guide / API RemoteNodeNetwork: hosts need TCP and UDP 53 to
   * the hosts running CoreDNS).
   */
  private controlPlaneRules(config: HybridConfig, cluster: IClusterRef, tags: Record<string, string>): void {
    const rule = (kind: "ingress" | "egress", id: string, securityGroupId: string, protocol: "tcp" | "udp", port: number, cidr: string, description: string) => {
      const props = { securityGroupId, ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: cidr, description, tags };
      this.securityGroupRules[id] = kind === "ingress" ? new VpcSecurityGroupIngressRule(this, id, props) : new VpcSecurityGroupEgressRule(this, id, props);
    };
    const cp = cluster.controlPlaneSecurityGroupId;
    const pods = config.podCidrsRoutable ? config.remotePodCidrs : [];
    for (const cidr of config.remoteNodeCidrs) {
      rule("ingress", `cp-ingress-443-${cidrKey(cidr)}`, cp, "tcp", 443, cidr, "Kubernetes API from hybrid nodes");
      rule("egress", `cp-egress-10250-${cidrKey(cidr)}`, cp, "tcp", 10250, cidr, "kubelet on hybrid nodes");
    }
    for (const cidr of pods) {
      rule("ingress", `cp-ingress-443-${cidrKey(cidr)}`, cp, "tcp", 443, cidr, "Kubernetes API from hybrid pods");
      for (const port of config.webhookPorts) rule("egress", `cp-egress-${port}-${cidrKey(cidr)}`, cp, "tcp", port, cidr, "webhooks on hybrid pods");
    }
    for (const cidr of [...config.remoteNodeCidrs, ...pods]) {
      for (const protocol of ["tcp", "udp"] as const) rule("ingress", `dns-${protocol}-53-${cidrKey(cidr)}`, cluster.securityGroupId, protocol, 53, cidr, "DNS from hybrid nodes and pods to CoreDNS");
    }
  }

  /** EFS-DNS-02: inbound endpoint in two or more AZs, TCP and UDP 53 from on-prem. */
  private inboundResolver(config: HybridConfig, cluster: IClusterRef, vpc: IVpcRef, tags: Record<string, string>): [Route53ResolverEndpoint, SecurityGroup] {
    const name = cluster.literalName;
    const sg = new SecurityGroup(this, "resolver-sg", {
      namePrefix: `${name}-resolver-`,
      description: "Route 53 Resolver inbound endpoint: DNS from on-prem",
      vpcId: vpc.vpcId,
      tags: { ...tags, Name: `${name}-resolver` },
      lifecycle: { createBeforeDestroy: true },
    });
    const pods = config.podCidrsRoutable ? config.remotePodCidrs : [];
    const sources = [...new Set([...config.remoteNodeCidrs, ...pods, ...config.dnsClientCidrs])];
    for (const cidr of sources) {
      for (const protocol of ["tcp", "udp"]) {
        const id = `resolver-${protocol}-53-${cidrKey(cidr)}`;
        this.securityGroupRules[id] = new VpcSecurityGroupIngressRule(this, id, {
          securityGroupId: sg.id,
          ipProtocol: protocol,
          fromPort: 53,
          toPort: 53,
          cidrIpv4: cidr,
          description: "DNS from on-prem",
          tags,
        });
      }
    }
    const subnets = subnetsNamed(vpc, config.resolverSubnets ?? cluster.subnetNames);
    const endpoint = new Route53ResolverEndpoint(this, "inbound-resolver", {
      name: `${name}-inbound`.slice(0, 64),
      direction: "INBOUND",
      securityGroupIds: [sg.id],
      ipAddress: subnets.map((s) => ({ subnetId: s.id })),
      tags,
    });
    return [endpoint, sg];
  }
}

/**
 * A write-only value's version from the (non-secret) values it depends on: the first 28 bits of
 * their SHA-1, computed by Terraform (the values are resource attributes, known at apply).
 */
export function nodeConfigVersion(parts: readonly string[]): number {
  return Token.asNumber(Fn.parseint(Fn.substr(Fn.sha1(Fn.join("|", [...parts])), 0, 7), 16));
}

/** RFC 3339 expiry N days after `now`, at day granularity. */
export function expiryFromNow(now: Date, days: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Operator networks that need a route through the on-prem gateway: outside the VPC and not routed already. */
export function operatorRoutes(operatorCidrs: readonly string[], routed: readonly string[], vpcCidrs: readonly string[]): string[] {
  const inVpc = (text: string) => {
    const c = parseIpv4Cidr(text);
    return c.ok && vpcCidrs.some((v) => {
      const p = parseIpv4Cidr(v);
      return p.ok && contains(p.cidr, c.cidr);
    });
  };
  return [...new Set(operatorCidrs)].filter((c) => !routed.includes(c) && !inVpc(c));
}
