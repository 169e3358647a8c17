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
import { Network, SubnetRef } from "../network/network";
import { ConnectivityConfig } from "./config";
import { cidrKey } from "../core/cidr";

export interface ConnectivityProps {
  readonly config: ConnectivityConfig;
  readonly network: Network;
  readonly namePrefix: string;
  /** On-prem networks the VPC routes to (remote node CIDRs, and pod CIDRs when routable). */
  readonly onPremCidrs: readonly string[];
  /** Subnet names for a transit gateway attachment when config gives none. */
  readonly defaultAttachmentSubnets: readonly string[];
  /** Prefixes advertised over Direct Connect when config gives none. */
  readonly defaultAllowedPrefixes: readonly string[];
}

/**
 * How on-prem reaches the VPC (§2.5 NET-01..03): a virtual private gateway or a transit gateway
 * (created, or an existing one by id), a Site-to-Site VPN and/or a Direct Connect gateway
 * association, and a route to every on-prem network in the route table of every private subnet.
 */
export class Connectivity extends Construct {
  /** Transit gateway id, when the gateway is one. */
  public readonly transitGatewayId?: string;
  /** Route table of the transit gateway that holds routes toward the VPC. */
  public readonly transitGatewayRouteTableId?: string;
  /** The VPC attachment to the transit gateway. */
  public readonly vpcAttachmentId?: string;
  /** Subnets of the transit gateway attachment. */
  public readonly attachmentSubnets: SubnetRef[] = [];
  /** What VPC routes toward on-prem must wait for. */
  public readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: ConnectivityProps) {
    super(scope, id);
    const { config, network } = props;
    const gw = config.gateway;
    let routeTarget: { gatewayId?: string; transitGatewayId?: string };

    if (gw.type === "transit-gateway") {
      let tgwId = gw.transitGatewayId;
      if (!tgwId) {
        const tgw = new Ec2TransitGateway(this, "transit-gateway", {
          description: `${props.namePrefix} on-prem connectivity`,
          amazonSideAsn: gw.amazonSideAsn,
          autoAcceptSharedAttachments: "disable",
          defaultRouteTableAssociation: "enable",
          defaultRouteTablePropagation: "enable",
          dnsSupport: "enable",
          tags: { Name: props.namePrefix },
        });
        tgwId = tgw.id;
        this.transitGatewayRouteTableId = tgw.associationDefaultRouteTableId;
      } else {
        this.transitGatewayRouteTableId = gw.transitGatewayRouteTableId;
      }
      this.transitGatewayId = tgwId;
      this.attachmentSubnets = network.subnetsNamed(gw.attachmentSubnets ?? props.defaultAttachmentSubnets);
      const attachment = new Ec2TransitGatewayVpcAttachment(this, "vpc-attachment", {
        transitGatewayId: tgwId,
        vpcId: network.vpcId,
        subnetIds: this.attachmentSubnets.map((s) => s.id),
        dnsSupport: "enable",
        tags: { Name: props.namePrefix },
      });
      this.vpcAttachmentId = attachment.id;
      this.ready.push(attachment);
      routeTarget = { transitGatewayId: tgwId };
    } else {
      const vgw = new VpnGateway(this, "vpn-gateway", { vpcId: network.vpcId, amazonSideAsn: String(gw.amazonSideAsn), tags: { Name: props.namePrefix } });
      this.ready.push(vgw);
      routeTarget = { gatewayId: vgw.id };
    }

    if (config.vpn) {
      const vpn = config.vpn;
      const cgw = new CustomerGateway(this, "customer-gateway", {
        bgpAsn: String(vpn.customerGatewayAsn),
        ipAddress: vpn.customerGatewayIp,
        type: "ipsec.1",
        tags: { Name: `${props.namePrefix}-onprem` },
      });
      const connection = new VpnConnection(this, "vpn", {
        customerGatewayId: cgw.id,
        type: "ipsec.1",
        staticRoutesOnly: vpn.routing === "static",
        ...(routeTarget.transitGatewayId ? { transitGatewayId: routeTarget.transitGatewayId } : { vpnGatewayId: routeTarget.gatewayId }),
        tags: { Name: props.namePrefix },
      });
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
      namedOutput(this, "vpn_tunnel_addresses", {
        value: [connection.tunnel1Address, connection.tunnel2Address],
        description: "Public IPs of the two VPN tunnels to configure on the on-prem device",
      });
    }

    if (config.directConnect) {
      const dx = config.directConnect;
      const dxGatewayId =
        dx.gatewayId ?? new DxGateway(this, "dx-gateway", { name: `${props.namePrefix}-dx`, amazonSideAsn: String(dx.amazonSideAsn) }).id;
      new DxGatewayAssociation(this, "dx-association", {
        dxGatewayId,
        associatedGatewayId: (routeTarget.transitGatewayId ?? routeTarget.gatewayId) as string,
        allowedPrefixes: [...(dx.allowedPrefixes ?? props.defaultAllowedPrefixes)],
      });
    }

    // One route per (route table, on-prem CIDR), keyed by subnet name and CIDR: adding either never re-addresses the others.
    if (!config.vpcRoutes) return;
    const seen = new Set<string>();
    for (const subnet of Object.values(network.subnets)) {
      if (seen.has(subnet.routeTableId)) continue;
      seen.add(subnet.routeTableId);
      for (const cidr of props.onPremCidrs) {
        new Route(this, `route-${subnet.name}-${cidrKey(cidr)}`, {
          routeTableId: subnet.routeTableId,
          destinationCidrBlock: cidr,
          ...routeTarget,
          dependsOn: this.ready,
        });
      }
    }
  }
}
