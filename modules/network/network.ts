import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
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
import { z } from "zod";
import { checkCidrList, cidrKey } from "../core/cidr";
import { awsRegion, tags as tagsSchema } from "../core/schema";
import { Issues, joinPath } from "../core/errors";
import { IVpcRef, SubnetRef } from "../core/refs";
import { isValidated, parseSection, reportTo } from "../core/validation";
import { NetworkConfig, NetworkSchema } from "./config";

export type { SubnetRef } from "../core/refs";

/** Subnets of a Network always have a route table (given, or created one per subnet). */
export interface NetworkSubnet extends SubnetRef {
  readonly routeTableId: string;
}
import { validateNetwork } from "./validate";
import { own, sortedEntries } from "../core/records";

/** A subnet to create. */
export interface CreatedSubnetOptions {
  /** Availability zone in the Network's region, e.g. eu-west-1a. */
  readonly availabilityZone: string;
  /** IPv4 CIDR inside the VPC, /16 to /28. */
  readonly cidr: string;
}

/** A VPC to create (the YAML's `network` with `mode: create`). */
export interface CreatedNetworkOptions {
  readonly mode: "create";
  /** Primary CIDR of the VPC, /16 to /28. DNS support and DNS hostnames are always on. */
  readonly vpcCidr: string;
  /** Private subnets keyed by name, in at least two availability zones. */
  readonly privateSubnets: Record<string, CreatedSubnetOptions>;
  /** Public subnets keyed by name; then an internet gateway and one NAT gateway. @default - none */
  readonly publicSubnets?: Record<string, CreatedSubnetOptions>;
  /** S3 gateway and interface endpoints so nodes reach AWS without internet egress. @default false */
  readonly vpcEndpoints?: boolean;
}

/** A VPC that exists (the YAML's `network` with `mode: existing`): no AWS call at plan. */
export interface ExistingNetworkOptions {
  readonly mode: "existing";
  /** Id of the VPC, e.g. vpc-0123456789abcdef0. */
  readonly vpcId: string;
  /** Every IPv4 CIDR of the VPC (primary and secondary). */
  readonly vpcCidrs: string[];
  /** Private subnets keyed by a name of yours. */
  readonly subnets: Record<string, {
    /** Subnet id. */
    readonly id: string;
    readonly availabilityZone: string;
    /** Route table associated with the subnet. */
    readonly routeTableId: string;
    /** The subnet's CIDR, for overlap checks. @default - not checked */
    readonly cidr?: string;
  }>;
}

/** Options of a Network: the YAML's `network` section (equal to z.input<typeof NetworkSchema>; a type test checks it). */
export type NetworkOptions = CreatedNetworkOptions | ExistingNetworkOptions;

/** On-prem clients of the interface endpoints (hybrid layout, issue 9 item 5). */
export interface OnPremEndpointClients {
  /** Remote node CIDRs, and pod CIDRs where they are routable: 443 ingress on the endpoints' group, one rule each. */
  readonly cidrs: readonly string[];
  /** Hybrid nodes get credentials from SSM hybrid activations: add the ssm, ssmmessages and ec2messages endpoints. @default false */
  readonly ssm?: boolean;
}

export interface NetworkExtraProps {
  /** Prefix of Name tags and security group names. */
  readonly name: string;
  /** Region, for VPC endpoint service names and the availability zone check. */
  readonly region: string;
  /** Extra tags on the private route tables of a created VPC (e.g. AmazonFSx for Multi-AZ FSx). @default {} */
  readonly routeTableTags?: Record<string, string>;
  /** Tags on every taggable resource created. @default {} */
  readonly tags?: Record<string, string>;
  /** On-prem clients of the interface endpoints (needs vpcEndpoints: true). @default - none: endpoints admit the VPC only */
  readonly onPremClients?: OnPremEndpointClients;
}

export type NetworkProps = NetworkOptions & NetworkExtraProps;

/** What nodes, the EKS add-ons, the EFS CSI driver and Trident call when there is no internet egress. */
export const INTERFACE_ENDPOINT_SERVICES = ["ec2", "ecr.api", "ecr.dkr", "sts", "eks-auth", "logs", "elasticfilesystem", "fsx", "secretsmanager"] as const;
/** Added for hybrid nodes (EKS hybrid nodes prerequisites: nodeadm calls EKS; SSM agent calls ssm, ssmmessages, ec2messages). */
export const HYBRID_ENDPOINT_SERVICES = ["eks"] as const;
export const SSM_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;

/**
 * Services whose endpoint service name starts `cn.com.amazonaws` in the China regions; the others
 * (logs, secretsmanager, eks-auth, ssm*, and the S3 gateway) keep `com.amazonaws` there too.
 * Source: aws-cdk-lib aws-ec2/lib/vpc-endpoint.ts `getDefaultEndpointPrefix` (cn-north-1 and
 * cn-northwest-1 lists, made from `aws ec2 describe-vpc-endpoint-services`), for our services.
 */
export const CHINA_PREFIXED_ENDPOINT_SERVICES: readonly string[] = ["ec2", "ecr.api", "ecr.dkr", "eks", "elasticfilesystem", "fsx", "sts"];

/** The endpoint service name of an interface endpoint: the prefix depends on region and service in China. */
export function interfaceEndpointServiceName(region: string, service: string): string {
  const prefix = region.startsWith("cn-") && CHINA_PREFIXED_ENDPOINT_SERVICES.includes(service) ? "cn.com.amazonaws" : "com.amazonaws";
  return `${prefix}.${region}.${service}`;
}

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
  /** The created VPC (mode create). */
  public readonly vpc?: Vpc;
  /** Created private subnets by name. */
  public readonly subnetResources: Record<string, Subnet> = {};
  /** Created route tables of the private subnets, by subnet name. */
  public readonly routeTables: Record<string, RouteTable> = {};
  public readonly natGateway?: NatGateway;
  /** Security group of the interface endpoints (vpcEndpoints). */
  public readonly endpointSecurityGroup?: SecurityGroup;
  /** Created public subnets by name. */
  public readonly publicSubnetResources: Record<string, Subnet> = {};
  public readonly internetGateway?: InternetGateway;
  /** VPC endpoints by service (s3, ecr.api, ...). */
  public readonly endpoints: Record<string, VpcEndpoint> = {};
  /** The parsed options. */
  public readonly options: NetworkConfig;
  /** Extra tags of the created private route tables (e.g. the AmazonFSx tag a Multi-AZ FSx needs). */
  public readonly routeTableTags: Readonly<Record<string, string>>;
  /** The on-prem clients the VPC endpoints admit (props.onPremClients). */
  public readonly onPremClients?: OnPremEndpointClients;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { name: _name, region: _region, routeTableTags: _rtt, tags: _tags, onPremClients: _clients, ...input } = props;
    const issues = new Issues();
    const extras = parseSection(z.object({ region: awsRegion, tags: tagsSchema.optional() }), { region: props.region, tags: props.tags }, "network", issues, { allowTokens: true });
    let parsed: NetworkConfig | undefined;
    if (isValidated(props)) parsed = NetworkSchema.parse(input);
    else {
      parsed = parseSection(NetworkSchema, input, "network", issues, { allowTokens: true });
      if (parsed) {
        validateNetwork(parsed, issues, "network");
        checkZones(parsed, props.region, issues);
      }
    }
    if (props.onPremClients) {
      const cidrs = props.onPremClients.cidrs;
      checkCidrList(cidrs, { privateOnly: true, allowCgnat: true, purpose: "the endpoints' on-prem client list" }, (i, message, allowed) => issues.error(joinPath("network.onPremClients.cidrs", i), message, cidrs[i], allowed));
      if (parsed && (parsed.mode === "existing" || !parsed.vpcEndpoints)) issues.warn("network.onPremClients", "is ignored: this Network creates no VPC endpoints (vpcEndpoints is off or the VPC is adopted)", cidrs);
    }
    reportTo(this, issues);
    const config = parsed!;
    this.options = config;
    this.routeTableTags = { ...props.routeTableTags };
    this.onPremClients = props.onPremClients;
    const namePrefix = props.name;
    // Escaped once: by parseSection here, or already by the YAML path (validated props).
    const tags: Record<string, string> = (isValidated(props) ? props.tags : extras?.tags) ?? {};
    if (config.mode === "existing") {
      this.vpcId = config.vpcId;
      this.vpcCidrs = [...config.vpcCidrs];
      this.subnets = Object.fromEntries(
        sortedEntries(config.subnets).map(([name, s]) => [
          name,
          { name, id: s.id, availabilityZone: s.availabilityZone, routeTableId: s.routeTableId, cidr: s.cidr },
        ]),
      );
      this.checkAdoptedVpcDns(config.vpcId);
      this.outputs();
      return;
    }

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: config.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...tags, Name: namePrefix },
    });
    this.vpc = vpc;
    // No rules: nothing may rely on the default group, which otherwise allows all traffic inside it.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: vpc.id, tags: { ...tags, Name: `${namePrefix}-default-unused` } });
    this.vpcId = vpc.id;
    this.vpcCidrs = [config.vpcCidr];

    let natGatewayId: string | undefined;
    const publicSubnets = sortedEntries(config.publicSubnets ?? {});
    if (publicSubnets.length > 0) {
      const igw = new InternetGateway(this, "igw", { vpcId: vpc.id, tags: { ...tags, Name: namePrefix } });
      this.internetGateway = igw;
      const publicRt = new RouteTable(this, "public-rt", { vpcId: vpc.id, tags: { ...tags, Name: `${namePrefix}-public` } });
      new Route(this, "public-default-route", { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
      const created = publicSubnets.map(([name, s]) => {
        const subnet = new Subnet(this, `public-subnet-${name}`, {
          vpcId: vpc.id,
          cidrBlock: s.cidr,
          availabilityZone: s.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: { ...tags, Name: `${namePrefix}-${name}`, "kubernetes.io/role/elb": "1" },
        });
        new RouteTableAssociation(this, `public-rta-${name}`, { subnetId: subnet.id, routeTableId: publicRt.id });
        this.publicSubnetResources[name] = subnet;
        return subnet;
      });
      const eip = new Eip(this, "nat-eip", { domain: "vpc", tags: { ...tags, Name: `${namePrefix}-nat` } });
      const nat = new NatGateway(this, "nat", {
        allocationId: eip.allocationId,
        subnetId: created[0].id,
        tags: { ...tags, Name: namePrefix },
        dependsOn: [igw],
      });
      this.natGateway = nat;
      natGatewayId = nat.id;
    }

    const subnets: Record<string, NetworkSubnet> = {};
    for (const [name, s] of sortedEntries(config.privateSubnets)) {
      const subnet = new Subnet(this, `subnet-${name}`, {
        vpcId: vpc.id,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone,
        tags: { ...tags, Name: `${namePrefix}-${name}`, "kubernetes.io/role/internal-elb": "1" },
      });
      this.subnetResources[name] = subnet;
      const rt = new RouteTable(this, `rt-${name}`, { vpcId: vpc.id, tags: { ...tags, Name: `${namePrefix}-${name}`, ...props.routeTableTags } });
      this.routeTables[name] = rt;
      new RouteTableAssociation(this, `rta-${name}`, { subnetId: subnet.id, routeTableId: rt.id });
      if (natGatewayId) {
        new Route(this, `default-route-${name}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId });
      }
      subnets[name] = { name, id: subnet.id, availabilityZone: s.availabilityZone, routeTableId: rt.id, cidr: s.cidr };
    }
    this.subnets = subnets;
    if (config.vpcEndpoints) this.endpointSecurityGroup = this.createEndpoints(vpc, config.vpcCidr, props, tags);
    this.outputs();
  }

  /**
   * Gateway endpoint for S3 on every private route table (image layers); interface endpoints in one
   * subnet per AZ. In the hybrid layout (onPremClients) the README tells on-prem DNS to forward AWS
   * names to the inbound resolver, so hybrid nodes resolve these services to the endpoint ENIs: the
   * group admits 443 from their CIDRs too (issue 9 item 5), and the set covers the hybrid nodes
   * prerequisites (EKS, and SSM with its message endpoints when SSM credentials are used).
   */
  private createEndpoints(vpc: Vpc, vpcCidr: string, props: NetworkProps, tags: Record<string, string>): SecurityGroup {
    const region = props.region;
    const namePrefix = props.name;
    const subnets = Object.values(this.subnets);
    this.endpoints["s3"] = new VpcEndpoint(this, "endpoint-s3", {
      vpcId: vpc.id,
      // The S3 gateway service is com.amazonaws.<region>.s3 in every partition (cn.com.amazonaws…s3 is the interface one).
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: subnets.map((s) => s.routeTableId),
      tags: { ...tags, Name: `${namePrefix}-s3` },
    });
    const clients = props.onPremClients;
    const sg = new SecurityGroup(this, "endpoints-sg", {
      namePrefix: `${namePrefix}-vpc-endpoints-`,
      description: clients ? "Interface VPC endpoints: HTTPS from the VPC and on-prem hybrid nodes" : "Interface VPC endpoints: HTTPS from the VPC",
      vpcId: vpc.id,
      tags: Object.keys(tags).length ? { ...tags } : undefined,
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, "endpoints-https", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: vpcCidr, description: "HTTPS from the VPC", tags: Object.keys(tags).length ? { ...tags } : undefined });
    for (const cidr of clients?.cidrs ?? []) {
      new VpcSecurityGroupIngressRule(this, `endpoints-https-onprem-${cidrKey(cidr)}`, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: cidr, description: `HTTPS from on-prem ${cidr}`, tags: Object.keys(tags).length ? { ...tags } : undefined });
    }
    const onePerAz = [...new Map(subnets.map((s) => [s.availabilityZone, s.id])).values()];
    const services: string[] = [...INTERFACE_ENDPOINT_SERVICES, ...(clients ? HYBRID_ENDPOINT_SERVICES : []), ...(clients?.ssm ? SSM_ENDPOINT_SERVICES : [])];
    for (const service of services) {
      this.endpoints[service] = new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId: vpc.id,
        serviceName: interfaceEndpointServiceName(region, service),
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: onePerAz,
        securityGroupIds: [sg.id],
        tags: { ...tags, Name: `${namePrefix}-${service}` },
      });
    }
    return sg;
  }

  private outputs(): void {
    namedOutput(this, "vpc_id", { value: this.vpcId });
    namedOutput(this, "private_subnet_ids", { value: Object.fromEntries(Object.values(this.subnets).map((s) => [s.name, s.id])), description: "Private subnet ids by name" });
  }

  /** Looks up subnets by config name, in the order given. */
  subnetsNamed(names: readonly string[]): NetworkSubnet[] {
    return names.map((n) => {
      const s = own(this.subnets, n);
      if (!s) throw new Error(`${this.node.path}: unknown subnet '${n}' (validation should have caught this)`);
      return s;
    });
  }

  /**
   * HYB-NET-06: nodes register with EKS, hybrid nodes join and EFS mounts resolve names only when the
   * VPC has DNS support and DNS hostnames on (a created VPC has both; a VPC made through the EC2 API
   * or a bare aws_vpc starts without hostnames). A Terraform check block reads the adopted VPC at
   * plan and warns when either is off. A check never stops a plan: without ec2:DescribeVpcs, or
   * offline, its read fails as a warning too, so adopting a VPC still needs no AWS read to plan.
   */
  private checkAdoptedVpcDns(vpcId: string): void {
    const stack = TerraformStack.of(this);
    const name = `${this.node.path.slice(stack.node.path.length + 1).replace(/[^A-Za-z0-9_]/g, "_")}_vpc_dns`;
    stack.addOverride(`check.${name}`, {
      data: { aws_vpc: { [name]: { id: vpcId } } },
      assert: [
        {
          condition: `\${data.aws_vpc.${name}.enable_dns_support && data.aws_vpc.${name}.enable_dns_hostnames}`,
          error_message: `The adopted VPC ${vpcId} needs DNS support and DNS hostnames on (enableDnsSupport, enableDnsHostnames): without them nodes cannot register, hybrid nodes cannot join and EFS cannot be mounted by name (HYB-NET-06).`,
        },
      ],
    });
  }

  /** Distinct route table ids of the given subnets, in the order given, each keyed by the first subnet that uses it. */
  routeTablesOf(names: readonly string[]): { key: string; id: string }[] {
    const seen = new Map<string, string>();
    for (const s of this.subnetsNamed(names)) if (![...seen.values()].includes(s.routeTableId)) seen.set(s.name, s.routeTableId);
    return [...seen.entries()].map(([key, id]) => ({ key, id }));
  }
}

/** Availability zones must be in the Network's region (else the apply fails). */
function checkZones(config: NetworkConfig, region: string, issues: Issues): void {
  const zones: [string, string][] =
    config.mode === "existing"
      ? Object.entries(config.subnets).map(([n, s]) => [`network.subnets.${n}.availabilityZone`, s.availabilityZone])
      : [...Object.entries(config.privateSubnets), ...Object.entries(config.publicSubnets ?? {})].map(([n, s]) => [`network.${config.privateSubnets[n] === s ? "privateSubnets" : "publicSubnets"}.${n}.availabilityZone`, s.availabilityZone]);
  for (const [path, az] of zones) {
    if (!az.includes("${") && az.slice(0, -1) !== region) issues.error(path, `is not in the region ${region}`, az, `an availability zone of ${region}, e.g. ${region}a`);
  }
}
