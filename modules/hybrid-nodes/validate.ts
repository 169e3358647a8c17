import { Token } from "cdktf";
import { checkCidrList, contains, isCgnat, isRfc1918, Ipv4Cidr, overlaps, parseIpv4Cidr } from "../core/cidr";
import { RemoteNetworks } from "../core/refs";
import { Issues, joinPath } from "../core/errors";
import { checkSubnetNames, SubnetInfo } from "../network/validate";
import { ConnectivityConfig, HybridConfig } from "./config";
import { own } from "../core/records";

export interface HybridValidationContext {
  readonly layout: "cloud-only" | "hybrid";
  readonly subnets: Record<string, SubnetInfo>;
  readonly vpcCidrs: readonly string[];
  readonly serviceIpv4Cidr: string;
  readonly clusterSubnetNames: readonly string[];
  /** Validation time, for activation expiry. @default now */
  readonly now?: Date;
  /**
   * The cluster as a construct reference sees it (construct path only; the YAML path derives the
   * cluster's remote networks from this very section, so they cannot differ there).
   * @default - not checked
   */
  readonly cluster?: { readonly created: boolean; readonly remoteNetworks?: RemoteNetworks; readonly podIdentityAgent: boolean; readonly hybridPodIdentityAgent?: boolean };
  /** The cluster is adopted (both paths): what this library cannot install on it is a warning. @default false */
  readonly clusterAdopted?: boolean;
}

/** Route 53 Resolver endpoints take 2-10 IP addresses (provider: ip_address MinItems 2, MaxItems 10). */
const RESOLVER_MAX_IPS = 10;

const MAX_ACTIVATION_DAYS = 30;

export function validateHybrid(config: HybridConfig | undefined, ctx: HybridValidationContext, issues: Issues, path = "hybrid"): void {
  if (ctx.layout === "cloud-only") {
    if (config) issues.warn(path, "is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)");
    return;
  }
  if (!config) {
    issues.error(path, "is required in the hybrid layout", undefined, "a section with remoteNodeCidrs, remotePodCidrs and connectivity");
    return;
  }
  validateRemoteNetworks(config, ctx, issues, path);
  if (ctx.cluster) validateAgainstCluster(config, ctx.cluster, issues, path);
  if (ctx.clusterAdopted) {
    // Issue 11.2: an adopted hybrid cluster must not fail silently.
    issues.warn(path, "the cluster is adopted: the eks-pod-identity-agent add-on must be installed on it (with daemonsets.hybrid.create: true for Pod Identity on hybrid nodes); it is not managed here");
  }
  validateConnectivityOptions(config.connectivity, ctx, issues, joinPath(path, "connectivity"));
  validateCredentials(config, ctx.now ?? new Date(), issues, joinPath(path, "credentials"));

  if (!config.inboundResolver) {
    // No prop silently ignored (brief rule 4).
    if (config.resolverSubnets) issues.warn(joinPath(path, "resolverSubnets"), "is ignored: inboundResolver is false", config.resolverSubnets);
    if (config.dnsClientCidrs.length > 0) issues.warn(joinPath(path, "dnsClientCidrs"), "is ignored: inboundResolver is false", config.dnsClientCidrs);
  }
  if (config.inboundResolver) {
    const names = config.resolverSubnets ?? ctx.clusterSubnetNames;
    const p = joinPath(path, "resolverSubnets");
    const azs = checkSubnetNames(names, ctx.subnets, issues, p);
    if (azs.length < 2 && names.every((n) => own(ctx.subnets, n))) {
      issues.error(p, "must span at least two availability zones (Route 53 Resolver needs two IPs in different AZs)", names, "subnets in two or more availability zones");
    }
    if (names.length > RESOLVER_MAX_IPS) issues.error(p, `lists ${names.length} subnets; a resolver endpoint takes at most ${RESOLVER_MAX_IPS} IP addresses`, names, `2-${RESOLVER_MAX_IPS} subnets`);
  }
  const seen = new Set<number>();
  config.webhookPorts.forEach((port, i) => {
    if (seen.has(port)) issues.error(joinPath(joinPath(path, "webhookPorts"), i), "is listed twice", port);
    seen.add(port);
  });
}

/** HYB-NET-01..03: private IPv4 networks that overlap nothing the cluster uses. */
function validateRemoteNetworks(config: HybridConfig, ctx: HybridValidationContext, issues: Issues, path: string): void {
  const checked: { path: string; cidr: Ipv4Cidr }[] = [];
  const lists: [string, string[]][] = [
    ["remoteNodeCidrs", config.remoteNodeCidrs],
    ["remotePodCidrs", config.remotePodCidrs],
  ];
  const vpc = ctx.vpcCidrs.map((v) => parseIpv4Cidr(v)).flatMap((p) => (p.ok ? [p.cidr] : []));
  const service = parseIpv4Cidr(ctx.serviceIpv4Cidr);
  for (const [field, cidrs] of lists) {
    cidrs.forEach((text, i) => {
      const p = joinPath(joinPath(path, field), i);
      const parsed = parseIpv4Cidr(text);
      if (!parsed.ok) return; // reported by the schema
      const c = parsed.cidr;
      // Mirrors aws provider 6.25 internal/service/eks/validate.go validateIPv4CIDRPrivateRange
      // (RFC 1918 only; CGNAT support came in later releases), HYB-NET-01/02: refused at plan otherwise.
      if (isCgnat(c)) {
        issues.error(p, "is in 100.64.0.0/10 (CGNAT), which the pinned AWS provider 6.25 refuses at plan for remote_network_config (HYB-NET-02)", text, "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
      } else if (!isRfc1918(c)) {
        issues.error(p, "is not a private network (HYB-NET-01)", text, "a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
      }
      for (const v of vpc) if (overlaps(v, c)) issues.error(p, `overlaps the VPC CIDR ${v.text} (HYB-NET-03)`, text, "a range outside every VPC CIDR");
      if (service.ok && overlaps(service.cidr, c)) {
        issues.error(p, `overlaps the cluster's service CIDR ${service.cidr.text} (HYB-NET-03)`, text, "a range outside the service CIDR");
      }
      for (const other of checked) if (overlaps(other.cidr, c)) issues.error(p, `overlaps ${other.path} (${other.cidr.text}) (HYB-NET-03)`, text);
      checked.push({ path: p, cidr: c });
      if (field === "remotePodCidrs" && config.cilium.podCidrMaskSize < c.prefix) {
        issues.error(joinPath(joinPath(path, "cilium"), "podCidrMaskSize"), `is larger than the pod network ${text}; Cilium could not carve per-node blocks from it`, config.cilium.podCidrMaskSize, `${c.prefix}..28`);
      }
    });
  }
  // Issue 10.4: DNS clients are on-prem hosts: private ranges only, so 0.0.0.0/1 + 128.0.0.0/1 cannot open the resolver either.
  checkCidrList(config.dnsClientCidrs, { privateOnly: true, purpose: "the inbound resolver's DNS client list" }, (i, message, allowed) =>
    issues.error(joinPath(joinPath(path, "dnsClientCidrs"), i), message, config.dnsClientCidrs[i], allowed),
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Issue 11: the hybrid section and the cluster's remote_network_config cannot disagree. HybridNodes
 * keeps its own lists (the schema requires them) and refuses any difference from the cluster ref;
 * an adopted cluster cannot be checked, so it gets warnings (as the YAML path gives).
 */
function validateAgainstCluster(config: HybridConfig, cluster: NonNullable<HybridValidationContext["cluster"]>, issues: Issues, path: string): void {
  const remote = cluster.remoteNetworks;
  if (!remote) {
    // An adopted cluster's networks are read from its ref: without them nothing here (FSx, EFS and
    // Trident placement included) knows the cluster is hybrid.
    issues.error(
      path,
      "is given for a cluster without remote networks; the cluster's remote_network_config would not list the hybrid networks and nodes could not join (HYB-NET-07)",
      undefined,
      cluster.created ? "create the EksCluster with remoteNetworks { nodeCidrs, podCidrs } equal to remoteNodeCidrs and remotePodCidrs" : "give ClusterRef.fromAttributes the cluster's remoteNetworks { nodeCidrs, podCidrs }, equal to remoteNodeCidrs and remotePodCidrs",
    );
  } else {
    // HYB-NET-05: a created cluster places CoreDNS by whether on-prem pods are routable.
    if (cluster.created && (remote.podCidrsRoutable ?? true) !== config.podCidrsRoutable) {
      issues.error(joinPath(path, "podCidrsRoutable"), `differs from the cluster's remoteNetworks.podCidrsRoutable (${remote.podCidrsRoutable ?? true}), by which it places CoreDNS`, config.podCidrsRoutable, `the same value on both (remoteNetworks.podCidrsRoutable: ${config.podCidrsRoutable})`);
    }
    if (!sameSet(remote.nodeCidrs, config.remoteNodeCidrs)) {
      issues.error(joinPath(path, "remoteNodeCidrs"), `differs from the cluster's remote node networks (${remote.nodeCidrs.join(", ")})`, config.remoteNodeCidrs, "the same CIDRs as cluster.remoteNetworks.nodeCidrs");
    }
    if (!sameSet(remote.podCidrs, config.remotePodCidrs)) {
      issues.error(joinPath(path, "remotePodCidrs"), `differs from the cluster's remote pod networks (${remote.podCidrs.join(", ") || "none"})`, config.remotePodCidrs, "the same CIDRs as cluster.remoteNetworks.podCidrs");
    }
  }
  if (!cluster.created) {
    issues.warn(path, "the cluster is adopted, so its remote_network_config and authentication mode are not managed here: it must already list the hybrid remote node and pod networks and use authentication mode API or API_AND_CONFIG_MAP (HYB-CL-01), or nodes cannot join");
  }
  if (config.podIdentity && !cluster.podIdentityAgent) {
    issues.error(joinPath(path, "podIdentity"), "needs the eks-pod-identity-agent add-on, which the cluster does not have", true, "install the add-on, or podIdentity: false");
  } else if (config.podIdentity && cluster.hybridPodIdentityAgent === false) {
    // HYB-ADD-01: the add-on runs its agent on hybrid nodes only when asked to.
    issues.error(joinPath(path, "podIdentity"), "needs the eks-pod-identity-agent add-on on hybrid nodes, but the cluster's add-on does not run there", true, `addonConfiguration: { "eks-pod-identity-agent": { daemonsets: { hybrid: { create: true } } } } on the EksCluster, or podIdentity: false`);
  }
}

/** The Connectivity construct's validator (also run for the hybrid section). */
export function validateConnectivityOptions(
  c: ConnectivityConfig,
  ctx: { readonly subnets: Record<string, SubnetInfo>; readonly clusterSubnetNames: readonly string[]; readonly vpcCidrs?: readonly string[] },
  issues: Issues,
  path: string,
): void {
  const gw = c.gateway;
  const gwPath = joinPath(path, "gateway");
  if (gw.type === "virtual-private-gateway" && gw.transitGatewayId) {
    issues.error(joinPath(gwPath, "transitGatewayId"), "is only valid with type transit-gateway", gw.transitGatewayId, "remove it, or set type: transit-gateway");
  }
  if (gw.type === "virtual-private-gateway" && gw.attachmentSubnets) {
    issues.error(joinPath(gwPath, "attachmentSubnets"), "is only valid with type transit-gateway", gw.attachmentSubnets);
  }
  if (gw.type === "transit-gateway" && gw.vpnGatewayId) {
    issues.error(joinPath(gwPath, "vpnGatewayId"), "is only valid with type virtual-private-gateway", gw.vpnGatewayId, "remove it, or set type: virtual-private-gateway");
  }
  // NET-01: a VPC takes one virtual private gateway; an adopted VPC that has one must use it.
  if (gw.vpnGatewayId && (c.vpn || c.directConnect)) {
    issues.error(path, "sets vpn or directConnect for an existing virtual private gateway; its on-prem side is managed where the gateway is", Object.keys(c).filter((k) => k !== "gateway" && k !== "vpcRoutes"), "gateway only");
  }
  if (gw.transitGatewayId && (c.vpn || c.directConnect)) {
    issues.error(path, "sets vpn or directConnect for an existing transit gateway; its on-prem side is managed where the gateway is", Object.keys(c).filter((k) => k !== "gateway"), "gateway only");
  }
  if (!gw.transitGatewayId && !gw.vpnGatewayId && !c.vpn && !c.directConnect) {
    issues.error(path, "gives no way to reach on-prem", c, "vpn, directConnect, or gateway.transitGatewayId of an existing transit gateway");
  }
  if (gw.transitGatewayRouteTableId && !gw.transitGatewayId) {
    issues.error(joinPath(gwPath, "transitGatewayRouteTableId"), "is only valid with an existing transit gateway (gateway.transitGatewayId); a created one uses its default route table", gw.transitGatewayRouteTableId, "add transitGatewayId, or remove transitGatewayRouteTableId");
  }
  if (gw.vpcAttachmentId && !gw.transitGatewayId) {
    issues.error(joinPath(gwPath, "vpcAttachmentId"), "is only valid with an existing transit gateway (gateway.transitGatewayId)", gw.vpcAttachmentId, "add transitGatewayId, or remove vpcAttachmentId");
  }
  if (gw.vpcAttachmentId && gw.attachmentSubnets) {
    issues.error(joinPath(gwPath, "attachmentSubnets"), "has no effect with an existing attachment (vpcAttachmentId): its subnets are managed where it was created", gw.attachmentSubnets, "remove attachmentSubnets");
  }
  validateAsns(c, issues, path);
  // Issue 10.4: advertised prefixes may be public (a VPC can use public ranges) but never the internet in pieces.
  const prefixes = c.directConnect?.allowedPrefixes ?? [];
  const prefixesPath = joinPath(joinPath(path, "directConnect"), "allowedPrefixes");
  checkCidrList(prefixes, { purpose: "the prefixes advertised over Direct Connect" }, (i, message, allowed) =>
    issues.error(joinPath(prefixesPath, i), message, prefixes[i], allowed),
  );
  // NET-02: the advertised prefixes must cover the VPC, or on-prem has no route back to it.
  if (c.directConnect?.allowedPrefixes) {
    const parsedPrefixes = prefixes.map((t) => parseIpv4Cidr(t)).flatMap((p) => (p.ok ? [p.cidr] : []));
    for (const v of ctx.vpcCidrs ?? []) {
      const vc = parseIpv4Cidr(v);
      if (vc.ok && !parsedPrefixes.some((p) => contains(p, vc.cidr))) {
        issues.warn(prefixesPath, `does not cover the VPC CIDR ${v}: on-prem would have no route to it over Direct Connect (NET-02)`, prefixes, `prefixes that contain ${v}`);
      }
    }
  }
  if (c.vpn?.routing === "static" && c.directConnect) {
    // AWS route selection prefers static routes over propagated (BGP) ones for the same prefix, so
    // Direct Connect would only carry traffic after the VPN goes down.
    issues.warn(joinPath(joinPath(path, "vpn"), "routing"), "is static while directConnect is set: the VPN's static routes to the on-prem CIDRs win over the routes learned over Direct Connect, so all traffic takes the VPN; use routing: bgp for a VPN backup to Direct Connect", "static", "bgp");
  }
  if (gw.type === "transit-gateway" && !gw.vpcAttachmentId) {
    const names = gw.attachmentSubnets ?? ctx.clusterSubnetNames;
    const p = joinPath(gwPath, "attachmentSubnets");
    // The provider requires at least one subnet_ids entry (MinItems 1).
    if (names.length === 0) issues.error(p, "lists no subnet; a transit gateway VPC attachment needs one subnet per AZ", names, "subnet names of the VPC");
    checkSubnetNames(names, ctx.subnets, issues, p);
    const byAz = new Map<string, string>();
    for (const n of names) {
      const s = own(ctx.subnets, n);
      if (!s) continue;
      const other = byAz.get(s.availabilityZone);
      if (other) issues.error(p, `puts ${other} and ${n} in the same availability zone; a transit gateway attachment takes one subnet per AZ`, names);
      byAz.set(s.availabilityZone, n);
    }
    // NET-03: resources in an AZ without an attachment subnet cannot reach the transit gateway, though
    // their route tables send on-prem traffic to it (every subnet of the VPC gets the routes).
    const uncovered = [...new Set(Object.values(ctx.subnets).map((s) => s.availabilityZone))].filter((az) => !Token.isUnresolved(az) && byAz.size > 0 && !byAz.has(az)).sort();
    if (c.vpcRoutes && uncovered.length > 0) {
      issues.warn(p, `cover no subnet in ${uncovered.join(", ")}: nodes, mount targets and endpoints there route on-prem traffic to the transit gateway but cannot reach it (NET-03)`, names, `a subnet in each of ${uncovered.join(", ")} too`);
    }
  }
}

function validateCredentials(config: HybridConfig, now: Date, issues: Issues, path: string): void {
  const cred = config.credentials;
  if (cred.ssm && cred.iamRolesAnywhere) {
    issues.error(path, "sets both ssm and iamRolesAnywhere; on-prem nodes must use exactly one credential provider (HYB-IAM-01)", Object.keys(cred), "ssm or iamRolesAnywhere");
  }
  const expiry = cred.ssm?.expirationDate;
  if (expiry) {
    const date = new Date(expiry);
    const days = (date.getTime() - now.getTime()) / 86_400_000;
    const p = joinPath(joinPath(path, "ssm"), "expirationDate");
    if (days <= 0) issues.error(p, "is in the past", expiry, `a time within ${MAX_ACTIVATION_DAYS} days from now`);
    else if (days > MAX_ACTIVATION_DAYS) issues.error(p, `is more than ${MAX_ACTIVATION_DAYS} days ahead; SSM refuses longer activations (HYB-IAM-06)`, expiry, `a time before ${new Date(now.getTime() + MAX_ACTIVATION_DAYS * 86_400_000).toISOString()}`);
  }
}

/**
 * Issue 9.10, ASN conflicts AWS refuses or that break BGP: the Amazon side of the gateway (created
 * ones; an existing gateway's ASN is unknown here) and of a created Direct Connect gateway must
 * differ (a transit gateway associated with a Direct Connect gateway needs a different ASN), and the
 * customer gateway's ASN must differ from the Amazon side it peers with (eBGP).
 */
// NET-01/NET-02: ASNs of the gateways a VPN or Direct Connect peers with.
function validateAsns(c: ConnectivityConfig, issues: Issues, path: string): void {
  const gw = c.gateway;
  const gwAsn = gw.transitGatewayId ? undefined : gw.amazonSideAsn;
  const gwAsnPath = joinPath(joinPath(path, "gateway"), "amazonSideAsn");
  if (c.directConnect && !c.directConnect.gatewayId && gwAsn !== undefined && c.directConnect.amazonSideAsn === gwAsn) {
    issues.error(joinPath(joinPath(path, "directConnect"), "amazonSideAsn"), `equals ${gwAsnPath}; AWS requires different ASNs on the Direct Connect gateway and the ${gw.type} it is associated with`, gwAsn, "a different private ASN");
  }
  if (c.vpn && gwAsn !== undefined && c.vpn.customerGatewayAsn === gwAsn) {
    const message = `equals ${gwAsnPath}; the on-prem device and AWS must have different ASNs to peer over BGP`;
    if (c.vpn.routing === "bgp") issues.error(joinPath(joinPath(path, "vpn"), "customerGatewayAsn"), message, gwAsn, "your device's ASN, different from the Amazon side");
    else issues.warn(joinPath(joinPath(path, "vpn"), "customerGatewayAsn"), `${message} (static routing today, but switching to BGP would fail)`, gwAsn);
  }
}

/**
 * Options the schema defaults, so only the raw input tells whether they were set: a set value that
 * has no effect is a warning (construct path; brief rule 4).
 */
export function ignoredConnectivityOptions(raw: unknown, issues: Issues, path: string): void {
  const c = (raw ?? {}) as { gateway?: { transitGatewayId?: unknown; amazonSideAsn?: unknown }; directConnect?: { gatewayId?: unknown; amazonSideAsn?: unknown } };
  if (c.gateway?.transitGatewayId !== undefined && c.gateway.amazonSideAsn !== undefined) {
    issues.warn(joinPath(joinPath(path, "gateway"), "amazonSideAsn"), "is ignored: the transit gateway exists already (transitGatewayId), its ASN is set where it was created", c.gateway.amazonSideAsn);
  }
  if (c.directConnect?.gatewayId !== undefined && c.directConnect.amazonSideAsn !== undefined) {
    issues.warn(joinPath(joinPath(path, "directConnect"), "amazonSideAsn"), "is ignored: the Direct Connect gateway exists already (gatewayId)", c.directConnect.amazonSideAsn);
  }
}
