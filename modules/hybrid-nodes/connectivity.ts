import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { ITerraformDependable } from "cdktf";
import { CustomerGateway } from "@cdktf/provider-aws/lib/customer-gateway";
import { DxGateway } from "@cdktf/provider-aws/lib/dx-gateway";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { VpnConnectionRoute } from "@cdktf/provider-aws/lib/vpn-connection-route";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway";
import { Issues } from "../core/errors";
import { IClusterRef, IVpcRef, requireRouteTables, routeTablesOf, SubnetRef, subnetsNamed } from "../core/refs";
import { isValidated, parseSection, reportTo } from "../core/validation";
import { tags as tagsSchema } from "../core/schema";
import { ConnectivityConfig, ConnectivityOptions, ConnectivitySchema } from "./config";
import { ignoredConnectivityOptions, validateConnectivityOptions } from "./validate";
import { cidrKey } from "../core/cidr";

export interface ConnectivityProps extends ConnectivityOptions {
  readonly vpc: IVpcRef;
  /** Names and default attachment subnets come from the cluster. */
  readonly cluster: IClusterRef;
  /**
   * On-prem networks the VPC routes to: the remote node CIDRs, plus the pod CIDRs when they are
   * routable on-prem (HybridNodes.routableOnPremCidrs).
   */
  readonly onPremCidrs: readonly string[];
  /** Extra prefixes to advertise over Direct Connect (e.g. an FSx Multi-AZ endpoint range). @default [] */
  readonly extraAdvertisedPrefixes?: readonly string[];
  /** Tags for every taggable resource created here. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * How on-prem reaches the VPC (§2.5 NET-01..03): a virtual private gateway or a transit gateway
 * (created, or an existing one by id, with an existing VPC attachment or a new one), a Site-to-Site
 * VPN and/or a Direct Connect gateway association, and a route to every routable on-prem network in
 * the route table of every private subnet.
 *
 * Provider plan-time validations mirrored at synth (issue 9.12; aws provider 6.25): VPN/transit
 * gateway/Direct Connect gateway `amazon_side_asn` (ValidAmazonSideASN: 64512-65534 or
 * 4200000000-4294967294, schema), customer gateway `bgp_asn` (Valid4ByteASN) and `ip_address`
 * (IsIPv4Address, schema), route and transit gateway route `destination_cidr_block` (network
 * address, schema), attachment `subnet_ids` (one per AZ, validator), DX `allowed_prefixes` (CIDRs, schema).
 */
export class Connectivity extends Construct {
  /** Transit gateway id, when the gateway is one. */
  public readonly transitGatewayId?: string;
  /** The created transit gateway. @default - none (virtual private gateway, or an existing transit gateway) */
  public readonly transitGateway?: Ec2TransitGateway;
  /** Route table of the transit gateway that holds routes toward the VPC. */
  public readonly transitGatewayRouteTableId?: string;
  /** The VPC attachment to the transit gateway (created, or the existing one given). */
  public readonly vpcAttachmentId?: string;
  /** The created VPC attachment. @default - none (existing attachment or virtual private gateway) */
  public readonly vpcAttachment?: Ec2TransitGatewayVpcAttachment;
  /** The created virtual private gateway. */
  public readonly vpnGateway?: VpnGateway;
  /** The customer gateway of the VPN. */
  public readonly customerGateway?: CustomerGateway;
  /** The Site-to-Site VPN connection (its tunnel pre-shared keys are in state: see README). */
  public readonly vpnConnection?: VpnConnection;
  /** Public IPs of the two VPN tunnels (also the vpn_tunnel_addresses output). */
  public readonly vpnTunnelAddresses?: string[];
  /** The created Direct Connect gateway. */
  public readonly dxGateway?: DxGateway;
  /** The Direct Connect gateway association. */
  public readonly dxAssociation?: DxGatewayAssociation;
  /** VPC routes toward on-prem, keyed by `<subnet>-<cidr key>`. */
  public readonly routes: Record<string, Route> = {};
  /** Subnets of a created transit gateway attachment. */
  public readonly attachmentSubnets: SubnetRef[] = [];
  /** What VPC routes toward on-prem must wait for. */
  public readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: ConnectivityProps) {
    super(scope, id);
    const { vpc, cluster } = props;
    let config: ConnectivityConfig;
    if (isValidated(props)) {
      config = props as unknown as ConnectivityConfig;
    } else {
      const issues = new Issues();
      const { vpc: _v, cluster: _c, onPremCidrs: _o, extraAdvertisedPrefixes: _e, tags: _t, ...options } = props;
      const parsed = parseSection(ConnectivitySchema, options, "connectivity", issues, { allowTokens: true });
      ignoredConnectivityOptions(options, issues, "connectivity");
      if (parsed) validateConnectivityOptions(parsed, { subnets: vpc.subnets, clusterSubnetNames: cluster.subnetNames, vpcCidrs: vpc.vpcCidrs }, issues, "connectivity");
      reportTo(this, issues);
      config = parsed!;
    }
    // Checked on both paths: the VPC is code (a Network, or VpcRef attributes), not config.
    if (config.vpcRoutes) {
      const routeIssues = new Issues();
      requireRouteTables(vpc, Object.keys(vpc.subnets), routeIssues, "hybrid routing (connectivity.vpcRoutes) adds the on-prem routes to the route table of every subnet of the VPC; without it this subnet's nodes, pods, mount targets or control-plane interfaces get no way back to on-prem", "the subnet's route table id (rtb-...), or connectivity.vpcRoutes: false when you route to on-prem yourself");
      reportTo(this, routeIssues);
    }
    // GEN-02: tags are config: escaped once (tags handed on by HybridNodes are escaped already and kept).
    const tagIssues = new Issues();
    const tags = parseSection(tagsSchema, props.tags ?? {}, "tags", tagIssues, { allowTokens: true }) ?? {};
    reportTo(this, tagIssues);
    const namePrefix = `${cluster.literalName}-hybrid`;
    const gw = config.gateway;
    let routeTarget: { gatewayId?: string; transitGatewayId?: string };

    if (gw.type === "transit-gateway") {
      let tgwId = gw.transitGatewayId;
      if (!tgwId) {
        this.transitGateway = new Ec2TransitGateway(this, "transit-gateway", {
          description: `${namePrefix} on-prem connectivity`,
          amazonSideAsn: gw.amazonSideAsn,
          autoAcceptSharedAttachments: "disable",
          defaultRouteTableAssociation: "enable",
          defaultRouteTablePropagation: "enable",
          dnsSupport: "enable",
          tags: { ...tags, Name: namePrefix },
        });
        tgwId = this.transitGateway.id;
        this.transitGatewayRouteTableId = this.transitGateway.associationDefaultRouteTableId;
      } else {
        this.transitGatewayRouteTableId = gw.transitGatewayRouteTableId;
      }
      this.transitGatewayId = tgwId;
      if (gw.vpcAttachmentId) {
        // Issue 11.2 / NET-03: a VPC takes one attachment per transit gateway; reuse the one that exists.
        this.vpcAttachmentId = gw.vpcAttachmentId;
      } else {
        this.attachmentSubnets = subnetsNamed(vpc, gw.attachmentSubnets ?? cluster.subnetNames);
        this.vpcAttachment = new Ec2TransitGatewayVpcAttachment(this, "vpc-attachment", {
          transitGatewayId: tgwId,
          vpcId: vpc.vpcId,
          subnetIds: this.attachmentSubnets.map((s) => s.id),
          dnsSupport: "enable",
          tags: { ...tags, Name: namePrefix },
        });
        this.vpcAttachmentId = this.vpcAttachment.id;
        this.ready.push(this.vpcAttachment);
      }
      routeTarget = { transitGatewayId: tgwId };
    } else if (gw.vpnGatewayId) {
      // NET-01: the VPC's own gateway, attached already (a VPC takes one).
      routeTarget = { gatewayId: gw.vpnGatewayId };
    } else {
      this.vpnGateway = new VpnGateway(this, "vpn-gateway", { vpcId: vpc.vpcId, amazonSideAsn: String(gw.amazonSideAsn), tags: { ...tags, Name: namePrefix } });
      this.ready.push(this.vpnGateway);
      routeTarget = { gatewayId: this.vpnGateway.id };
    }

    if (config.vpn) {
      const vpn = config.vpn;
      this.customerGateway = new CustomerGateway(this, "customer-gateway", {
        bgpAsn: String(vpn.customerGatewayAsn),
        ipAddress: vpn.customerGatewayIp,
        type: "ipsec.1",
        tags: { ...tags, Name: `${namePrefix}-onprem` },
      });
      const connection = new VpnConnection(this, "vpn", {
        customerGatewayId: this.customerGateway.id,
        type: "ipsec.1",
        staticRoutesOnly: vpn.routing === "static",
        ...(routeTarget.transitGatewayId ? { transitGatewayId: routeTarget.transitGatewayId } : { vpnGatewayId: routeTarget.gatewayId }),
        tags: { ...tags, Name: namePrefix },
      });
      this.vpnConnection = connection;
      if (vpn.routing === "static") {
        for (const cidr of props.onPremCidrs) {
          if (routeTarget.transitGatewayId && this.transitGatewayRouteTableId) {
            new Ec2TransitGatewayRoute(this, `tgw-route-${cidrKey(cidr)}`, {
              destinationCidrBlock: cidr,
              transitGatewayAttachmentId: connection.transitGatewayAttachmentId,
              transitGatewayRouteTableId: this.transitGatewayRouteTableId,
            });
          } else {
            new VpnConnectionRoute(this, `vpn-route-${cidrKey(cidr)}`, { destinationCidrBlock: cidr, vpnConnectionId: connection.id });
          }
        }
      }
      // Tunnel addresses only; the pre-shared keys never go to an output (issue 10.3).
      this.vpnTunnelAddresses = [connection.tunnel1Address, connection.tunnel2Address];
      namedOutput(this, "vpn_tunnel_addresses", {
        value: this.vpnTunnelAddresses,
        description: "Public IPs of the two VPN tunnels to configure on the on-prem device",
      });
    }

    if (config.directConnect) {
      const dx = config.directConnect;
      if (!dx.gatewayId) this.dxGateway = new DxGateway(this, "dx-gateway", { name: `${namePrefix.slice(0, 97)}-dx`, amazonSideAsn: String(dx.amazonSideAsn) });
      this.dxAssociation = new DxGatewayAssociation(this, "dx-association", {
        dxGatewayId: dx.gatewayId ?? this.dxGateway!.id,
        associatedGatewayId: (routeTarget.transitGatewayId ?? routeTarget.gatewayId) as string,
        allowedPrefixes: [...(dx.allowedPrefixes ?? [...vpc.vpcCidrs, ...(props.extraAdvertisedPrefixes ?? [])])],
      });
    }

    // One route per (route table, on-prem CIDR), keyed by subnet name and CIDR: adding either never re-addresses the others.
    if (!config.vpcRoutes) return;
    for (const { key, id: routeTableId } of routeTablesOf(vpc, Object.keys(vpc.subnets))) {
      for (const cidr of props.onPremCidrs) {
        const rid = `${key}-${cidrKey(cidr)}`;
        this.routes[rid] = new Route(this, `route-${rid}`, {
          routeTableId,
          destinationCidrBlock: cidr,
          ...routeTarget,
          dependsOn: this.ready.length > 0 ? this.ready : undefined,
        });
      }
    }
  }
}
