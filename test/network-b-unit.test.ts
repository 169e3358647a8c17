/**
 * Unit tests for modules/network/network.ts (the Network construct on its own, in a bare stack):
 * the NAT gateway, private subnets and their route tables, the VPC endpoints with their security
 * group (on-prem clients, tags, the China service name prefix), and the construct's outputs.
 */
import { TerraformStack, Testing } from "cdktf";
import { CreatedNetworkOptions, interfaceEndpointServiceName, Network, NetworkExtraProps, NetworkProps } from "../modules/network/network";
import { Json, resources } from "./helpers";

function synthNetwork(props: NetworkProps): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  new Network(stack, "net", props);
  return JSON.parse(Testing.synth(stack));
}

/** Props of a created VPC 10.0.0.0/16 named lib in eu-west-1 on private subnets a (eu-west-1a) and b (eu-west-1b), with `extra` added or replaced. */
function createdVpc(extra: Partial<CreatedNetworkOptions & NetworkExtraProps> = {}): NetworkProps {
  return {
    mode: "create",
    vpcCidr: "10.0.0.0/16",
    privateSubnets: { a: { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, b: { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } },
    name: "lib",
    region: "eu-west-1",
    ...extra,
  };
}

describe("created VPC with a public subnet, VPC endpoints, tags and on-prem endpoint clients", () => {
  const json = synthNetwork(
    createdVpc({
      vpcEndpoints: true,
      publicSubnets: { p: { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } },
      tags: { Team: "storage" },
      routeTableTags: { AmazonFSx: "ManagedByAmazonFSx" },
      onPremClients: { cidrs: ["192.168.100.0/23", "100.64.0.0/16"] },
    }),
  );

  test("the NAT gateway's elastic IP is a VPC address tagged with the common tags and Name <name>-nat", () => {
    expect(resources(json, "aws_eip")).toEqual({
      "net_nat-eip_CAF0F01F": { domain: "vpc", tags: { Team: "storage", Name: "lib-nat" } },
    });
  });

  test("the NAT gateway uses the elastic IP, sits in the public subnet, is tagged Name <name> and depends on the internet gateway", () => {
    expect(resources(json, "aws_nat_gateway")).toEqual({
      net_nat_D9F7D7AE: {
        allocation_id: "${aws_eip.net_nat-eip_CAF0F01F.allocation_id}",
        subnet_id: "${aws_subnet.net_public-subnet-p_48AC5F1A.id}",
        tags: { Team: "storage", Name: "lib" },
        depends_on: ["aws_internet_gateway.net_igw_81A0DC73"],
      },
    });
  });

  test("each private subnet has its CIDR and zone in the VPC, the common tags, Name <name>-<subnet> and the internal-elb role tag '1'", () => {
    const all = resources(json, "aws_subnet");
    expect(all["net_subnet-a_4ACC699C"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      cidr_block: "10.0.0.0/19",
      availability_zone: "eu-west-1a",
      tags: { Team: "storage", Name: "lib-a", "kubernetes.io/role/internal-elb": "1" },
    });
    expect(all["net_subnet-b_E6702957"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      cidr_block: "10.0.32.0/19",
      availability_zone: "eu-west-1b",
      tags: { Team: "storage", Name: "lib-b", "kubernetes.io/role/internal-elb": "1" },
    });
  });

  test("each private subnet gets its own route table, tagged Name <name>-<subnet> plus the route table tags, and is associated with it", () => {
    const tables = resources(json, "aws_route_table");
    expect(tables["net_rt-a_B18832AA"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      tags: { Team: "storage", Name: "lib-a", AmazonFSx: "ManagedByAmazonFSx" },
    });
    expect(tables["net_rt-b_B499D6B5"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      tags: { Team: "storage", Name: "lib-b", AmazonFSx: "ManagedByAmazonFSx" },
    });
    expect(resources(json, "aws_route_table_association")).toEqual({
      "net_public-rta-p_5400921F": { subnet_id: "${aws_subnet.net_public-subnet-p_48AC5F1A.id}", route_table_id: "${aws_route_table.net_public-rt_8D41E169.id}" },
      "net_rta-a_D73699C5": { subnet_id: "${aws_subnet.net_subnet-a_4ACC699C.id}", route_table_id: "${aws_route_table.net_rt-a_B18832AA.id}" },
      "net_rta-b_B02B10F4": { subnet_id: "${aws_subnet.net_subnet-b_E6702957.id}", route_table_id: "${aws_route_table.net_rt-b_B499D6B5.id}" },
    });
  });

  test("routes: each private route table sends 0.0.0.0/0 to the NAT gateway, the public one to the internet gateway, and nothing else", () => {
    expect(resources(json, "aws_route")).toEqual({
      "net_default-route-a_330F3FA8": {
        route_table_id: "${aws_route_table.net_rt-a_B18832AA.id}",
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: "${aws_nat_gateway.net_nat_D9F7D7AE.id}",
      },
      "net_default-route-b_B96475C8": {
        route_table_id: "${aws_route_table.net_rt-b_B499D6B5.id}",
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: "${aws_nat_gateway.net_nat_D9F7D7AE.id}",
      },
      "net_public-default-route_5FFDC396": {
        route_table_id: "${aws_route_table.net_public-rt_8D41E169.id}",
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: "${aws_internet_gateway.net_igw_81A0DC73.id}",
      },
    });
  });

  test("the S3 gateway endpoint com.amazonaws.<region>.s3 is on every private route table and is tagged Name <name>-s3", () => {
    expect(resources(json, "aws_vpc_endpoint")["net_endpoint-s3_A0F28317"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      service_name: "com.amazonaws.eu-west-1.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: ["${aws_route_table.net_rt-a_B18832AA.id}", "${aws_route_table.net_rt-b_B499D6B5.id}"],
      tags: { Team: "storage", Name: "lib-s3" },
    });
  });

  test("the endpoints' security group: name prefix <name>-vpc-endpoints-, a description naming on-prem hybrid nodes, the common tags, created before destroyed", () => {
    expect(resources(json, "aws_security_group")).toEqual({
      "net_endpoints-sg_7DBAE231": {
        name_prefix: "lib-vpc-endpoints-",
        description: "Interface VPC endpoints: HTTPS from the VPC and on-prem hybrid nodes",
        vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
        tags: { Team: "storage" },
        lifecycle: { create_before_destroy: true },
      },
    });
  });

  test("the endpoints' security group admits exactly tcp 443 from the VPC CIDR and from each on-prem CIDR, each rule described and tagged", () => {
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      "net_endpoints-https_E97251A6": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
        description: "HTTPS from the VPC",
        tags: { Team: "storage" },
      },
      "net_endpoints-https-onprem-192-168-100-0-23_530BD1D2": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "192.168.100.0/23",
        description: "HTTPS from on-prem 192.168.100.0/23",
        tags: { Team: "storage" },
      },
      "net_endpoints-https-onprem-100-64-0-0-16_A71E7BDC": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "100.64.0.0/16",
        description: "HTTPS from on-prem 100.64.0.0/16",
        tags: { Team: "storage" },
      },
    });
  });

  test("every interface endpoint is in the endpoints' security group, one subnet per zone, tagged Name <name>-<service>", () => {
    const iface = Object.values(resources(json, "aws_vpc_endpoint")).filter((e) => e.vpc_endpoint_type === "Interface");
    const services = ["ec2", "ecr.api", "ecr.dkr", "eks", "eks-auth", "elasticfilesystem", "fsx", "logs", "secretsmanager", "sts"];
    expect(iface.map((e) => e.service_name).sort()).toEqual(services.map((s) => `com.amazonaws.eu-west-1.${s}`));
    for (const e of iface) {
      const service = (e.service_name as string).replace("com.amazonaws.eu-west-1.", "");
      expect(e).toEqual({
        vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
        service_name: `com.amazonaws.eu-west-1.${service}`,
        vpc_endpoint_type: "Interface",
        private_dns_enabled: true,
        subnet_ids: ["${aws_subnet.net_subnet-a_4ACC699C.id}", "${aws_subnet.net_subnet-b_E6702957.id}"],
        security_group_ids: ["${aws_security_group.net_endpoints-sg_7DBAE231.id}"],
        tags: { Team: "storage", Name: `lib-${service}` },
      });
    }
  });
});

describe("created VPC with VPC endpoints, no tags and no on-prem clients", () => {
  const json = synthNetwork(createdVpc({ vpcEndpoints: true }));

  test("the endpoints' security group says HTTPS from the VPC only and carries no tags; its one rule admits tcp 443 from the VPC CIDR, untagged", () => {
    expect(resources(json, "aws_security_group")).toEqual({
      "net_endpoints-sg_7DBAE231": {
        name_prefix: "lib-vpc-endpoints-",
        description: "Interface VPC endpoints: HTTPS from the VPC",
        vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
        lifecycle: { create_before_destroy: true },
      },
    });
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      "net_endpoints-https_E97251A6": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
        description: "HTTPS from the VPC",
      },
    });
  });
});

describe("China regions", () => {
  // Found by the mutation review: every endpoint got cn.com.amazonaws, which names no service for the
  // S3 gateway, logs, secretsmanager, eks-auth and SSM there (apply failed in cn-north-1).
  // Expected names from aws-cdk-lib's getDefaultEndpointPrefix lists for cn-north-1/cn-northwest-1.
  test("in cn-north-1 only EC2, ECR, STS, EKS, EFS and FSx take cn.com.amazonaws; the S3 gateway, logs, secrets, eks-auth and SSM keep com.amazonaws", () => {
    const json = synthNetwork({
      mode: "create",
      vpcCidr: "10.0.0.0/16",
      vpcEndpoints: true,
      privateSubnets: { a: { availabilityZone: "cn-north-1a", cidr: "10.0.0.0/19" }, b: { availabilityZone: "cn-north-1b", cidr: "10.0.32.0/19" } },
      name: "lib",
      region: "cn-north-1",
      onPremClients: { cidrs: ["192.168.100.0/23"], ssm: true },
    });
    const endpoints = Object.values(resources(json, "aws_vpc_endpoint")).map((e) => `${e.vpc_endpoint_type} ${e.service_name}`).sort();
    expect(endpoints).toEqual([
      "Gateway com.amazonaws.cn-north-1.s3",
      "Interface cn.com.amazonaws.cn-north-1.ec2",
      "Interface cn.com.amazonaws.cn-north-1.ecr.api",
      "Interface cn.com.amazonaws.cn-north-1.ecr.dkr",
      "Interface cn.com.amazonaws.cn-north-1.eks",
      "Interface cn.com.amazonaws.cn-north-1.elasticfilesystem",
      "Interface cn.com.amazonaws.cn-north-1.fsx",
      "Interface cn.com.amazonaws.cn-north-1.sts",
      "Interface com.amazonaws.cn-north-1.ec2messages",
      "Interface com.amazonaws.cn-north-1.eks-auth",
      "Interface com.amazonaws.cn-north-1.logs",
      "Interface com.amazonaws.cn-north-1.secretsmanager",
      "Interface com.amazonaws.cn-north-1.ssm",
      "Interface com.amazonaws.cn-north-1.ssmmessages",
    ]);
  });

  test("outside China every endpoint service name starts com.amazonaws, even for a region name ending in cn-", () => {
    expect(interfaceEndpointServiceName("eu-west-1", "ec2")).toBe("com.amazonaws.eu-west-1.ec2");
    expect(interfaceEndpointServiceName("xx-cn-", "ec2")).toBe("com.amazonaws.xx-cn-.ec2");
    expect(interfaceEndpointServiceName("cn-northwest-1", "fsx")).toBe("cn.com.amazonaws.cn-northwest-1.fsx");
    expect(interfaceEndpointServiceName("cn-northwest-1", "logs")).toBe("com.amazonaws.cn-northwest-1.logs");
  });
});

describe("outputs", () => {
  test("an adopted VPC outputs its id as <path>_vpc_id and its private subnet ids by name as <path>_private_subnet_ids", () => {
    const json = synthNetwork({
      mode: "existing",
      vpcId: "vpc-0a1b2c3d4e5f60718",
      vpcCidrs: ["10.40.0.0/16"],
      subnets: {
        "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002" },
        "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" },
      },
      name: "lib",
      region: "eu-west-1",
    });
    expect(json.output).toEqual({
      net_vpc_id: { value: "vpc-0a1b2c3d4e5f60718" },
      net_private_subnet_ids: {
        value: { "app-a": "subnet-0a1b2c3d4e5f60001", "app-b": "subnet-0a1b2c3d4e5f60002" },
        description: "Private subnet ids by name",
      },
    });
  });

  test("a created VPC outputs the created VPC's id and its created private subnets' ids by name", () => {
    const json = synthNetwork(createdVpc());
    expect(json.output).toEqual({
      net_vpc_id: { value: "${aws_vpc.net_vpc_189A1278.id}" },
      net_private_subnet_ids: {
        value: { a: "${aws_subnet.net_subnet-a_4ACC699C.id}", b: "${aws_subnet.net_subnet-b_E6702957.id}" },
        description: "Private subnet ids by name",
      },
    });
  });
});
