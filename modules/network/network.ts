import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Issues } from "../core/errors";
import { IVpcRef, SubnetRef } from "../core/refs";
import { NetworkConfig } from "./config";

export type { SubnetRef } from "../core/refs";

/** Subnets of a Network always have a route table (given, or created one per subnet). */
export interface NetworkSubnet extends SubnetRef {
  readonly routeTableId: string;
}
import { validateNetwork } from "./validate";

export interface NetworkProps {
  readonly config: NetworkConfig;
  /** Name prefix for Name tags. */
  readonly namePrefix: string;
  /** Extra tags on the private route tables of a created VPC (e.g. AmazonFSx for Multi-AZ FSx). @default {} */
  readonly routeTableTags?: Record<string, string>;
  /** Region, for VPC endpoint service names. */
  readonly region: string;
}

/** What nodes, the EKS add-ons, the EFS CSI driver and Trident call when there is no internet egress. */
export const INTERFACE_ENDPOINT_SERVICES = ["ec2", "ecr.api", "ecr.dkr", "sts", "eks-auth", "logs", "elasticfilesystem", "fsx", "secretsmanager"] as const;

/**
 * The environment's VPC: adopted by id (no AWS API call at plan) or created with private subnets,
 * one route table per subnet (keyed by subnet name), DNS support and hostnames on, and the
 * default security group stripped of its rules.
 */
export class Network extends Construct implements IVpcRef {
  public readonly vpcId: string;
  /** Every IPv4 CIDR of the VPC, as literal strings from config. */
  public readonly vpcCidrs: string[];
  /** Private subnets keyed by their config names, sorted by name. */
  public readonly subnets: Record<string, NetworkSubnet>;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const issues = new Issues();
    validateNetwork(props.config, issues, "network");
    issues.throwIfAny(this.node.path);

    const config = props.config;
    if (config.mode === "existing") {
      this.vpcId = config.vpcId;
      this.vpcCidrs = [...config.vpcCidrs];
      this.subnets = Object.fromEntries(
        sortedEntries(config.subnets).map(([name, s]) => [
          name,
          { name, id: s.id, availabilityZone: s.availabilityZone, routeTableId: s.routeTableId, cidr: s.cidr },
        ]),
      );
      this.outputs();
      return;
    }

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: config.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.namePrefix },
    });
    // No rules: nothing may rely on the default group, which otherwise allows all traffic inside it.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: vpc.id, tags: { Name: `${props.namePrefix}-default-unused` } });
    this.vpcId = vpc.id;
    this.vpcCidrs = [config.vpcCidr];

    let natGatewayId: string | undefined;
    const publicSubnets = sortedEntries(config.publicSubnets ?? {});
    if (publicSubnets.length > 0) {
      const igw = new InternetGateway(this, "igw", { vpcId: vpc.id, tags: { Name: props.namePrefix } });
      const publicRt = new RouteTable(this, "public-rt", { vpcId: vpc.id, tags: { Name: `${props.namePrefix}-public` } });
      new Route(this, "public-default-route", { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
      const created = publicSubnets.map(([name, s]) => {
        const subnet = new Subnet(this, `public-subnet-${name}`, {
          vpcId: vpc.id,
          cidrBlock: s.cidr,
          availabilityZone: s.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${props.namePrefix}-${name}`, "kubernetes.io/role/elb": "1" },
        });
        new RouteTableAssociation(this, `public-rta-${name}`, { subnetId: subnet.id, routeTableId: publicRt.id });
        return subnet;
      });
      const eip = new Eip(this, "nat-eip", { domain: "vpc", tags: { Name: `${props.namePrefix}-nat` } });
      const nat = new NatGateway(this, "nat", {
        allocationId: eip.allocationId,
        subnetId: created[0].id,
        tags: { Name: props.namePrefix },
        dependsOn: [igw],
      });
      natGatewayId = nat.id;
    }

    const subnets: Record<string, NetworkSubnet> = {};
    for (const [name, s] of sortedEntries(config.privateSubnets)) {
      const subnet = new Subnet(this, `subnet-${name}`, {
        vpcId: vpc.id,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone,
        tags: { Name: `${props.namePrefix}-${name}`, "kubernetes.io/role/internal-elb": "1" },
      });
      const rt = new RouteTable(this, `rt-${name}`, { vpcId: vpc.id, tags: { Name: `${props.namePrefix}-${name}`, ...props.routeTableTags } });
      new RouteTableAssociation(this, `rta-${name}`, { subnetId: subnet.id, routeTableId: rt.id });
      if (natGatewayId) {
        new Route(this, `default-route-${name}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId });
      }
      subnets[name] = { name, id: subnet.id, availabilityZone: s.availabilityZone, routeTableId: rt.id, cidr: s.cidr };
    }
    this.subnets = subnets;
    if (config.vpcEndpoints) this.endpoints(vpc, config.vpcCidr, props);
    this.outputs();
  }

  /** Gateway endpoint for S3 on every private route table; interface endpoints in one subnet per AZ. */
  private endpoints(vpc: Vpc, vpcCidr: string, props: NetworkProps): void {
    const region = props.region;
    const prefix = region.startsWith("cn-") ? "cn.com.amazonaws" : "com.amazonaws";
    const subnets = Object.values(this.subnets);
    new VpcEndpoint(this, "endpoint-s3", {
      vpcId: vpc.id,
      serviceName: `${prefix}.${region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: subnets.map((s) => s.routeTableId),
      tags: { Name: `${props.namePrefix}-s3` },
    });
    const sg = new SecurityGroup(this, "endpoints-sg", {
      namePrefix: `${props.namePrefix}-vpc-endpoints-`,
      description: "Interface VPC endpoints: HTTPS from the VPC",
      vpcId: vpc.id,
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, "endpoints-https", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: vpcCidr, description: "HTTPS from the VPC" });
    const onePerAz = [...new Map(subnets.map((s) => [s.availabilityZone, s.id])).values()];
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId: vpc.id,
        serviceName: `${prefix}.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: onePerAz,
        securityGroupIds: [sg.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
  }

  private outputs(): void {
    namedOutput(this, "vpc_id", { value: this.vpcId });
    namedOutput(this, "private_subnet_ids", { value: Object.fromEntries(Object.values(this.subnets).map((s) => [s.name, s.id])), description: "Private subnet ids by name" });
  }

  /** Looks up subnets by config name, in the order given. */
  subnetsNamed(names: readonly string[]): NetworkSubnet[] {
    return names.map((n) => {
      const s = this.subnets[n];
      if (!s) throw new Error(`${this.node.path}: unknown subnet '${n}' (validation should have caught this)`);
      return s;
    });
  }

  /** Distinct route table ids of the given subnets (sorted by subnet name). */
  routeTablesOf(names: readonly string[]): { key: string; id: string }[] {
    const seen = new Map<string, string>();
    for (const s of this.subnetsNamed(names)) if (![...seen.values()].includes(s.routeTableId)) seen.set(s.name, s.routeTableId);
    return [...seen.entries()].map(([key, id]) => ({ key, id }));
  }
}

export function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
