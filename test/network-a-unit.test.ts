/**
 * Network construct used directly (TypeScript path): what a created VPC with public subnets renders
 * (VPC, default security group, internet gateway, public route table, routes, public subnets), how
 * props are validated (tokens, the `network.` path, props marked validated) and the on-prem endpoint
 * clients (CGNAT ranges, the "is ignored" warning).
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { markValidated } from "../modules/core/validation";
import { CreatedNetworkOptions, Network, NetworkExtraProps, NetworkProps } from "../modules/network/network";
import { configErrors, Json } from "./helpers";

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

/** Builds one Network in a fresh stack; returns it and the synthesized JSON. */
function synthNetwork(props: NetworkProps | ((stack: TerraformStack) => NetworkProps)): { net: Network; json: Json } {
  const stack = newStack();
  const net = new Network(stack, "net", typeof props === "function" ? props(stack) : props);
  return { net, json: JSON.parse(Testing.synth(stack)) };
}

function warningsOf(net: Network): unknown[] {
  return net.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
}

const privateSubnets = {
  "priv-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
  "priv-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
};

/** Props of a created VPC 10.0.0.0/16 named lib in eu-west-1 on `privateSubnets`, with `extra` added or replaced. */
function createdVpc(extra: Partial<CreatedNetworkOptions & NetworkExtraProps> = {}): NetworkProps {
  return { mode: "create", vpcCidr: "10.0.0.0/16", name: "lib", region: "eu-west-1", privateSubnets, ...extra };
}

describe("created VPC with a public subnet", () => {
  const { json } = synthNetwork(createdVpc({ tags: { team: "storage" }, publicSubnets: { "pub-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } } }));
  const r = json.resource;

  test("the VPC has DNS support and hostnames on and carries the given tags plus Name=<name>", () => {
    expect(r.aws_vpc).toEqual({
      net_vpc_189A1278: { cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true, tags: { team: "storage", Name: "lib" } },
    });
  });

  test("the default security group is managed in the created VPC, named <name>-default-unused, with no ingress or egress rules", () => {
    expect(r.aws_default_security_group).toEqual({
      "net_default-sg_D1D3F799": { vpc_id: "${aws_vpc.net_vpc_189A1278.id}", tags: { team: "storage", Name: "lib-default-unused" } },
    });
    expect(r.aws_default_security_group["net_default-sg_D1D3F799"].ingress).toBeUndefined();
    expect(r.aws_default_security_group["net_default-sg_D1D3F799"].egress).toBeUndefined();
  });

  test("public subnets get one internet gateway attached to the VPC, tagged Name=<name>", () => {
    expect(r.aws_internet_gateway).toEqual({
      net_igw_81A0DC73: { vpc_id: "${aws_vpc.net_vpc_189A1278.id}", tags: { team: "storage", Name: "lib" } },
    });
  });

  test("public subnets share one public route table in the VPC, tagged Name=<name>-public, with no inline routes", () => {
    expect(r.aws_route_table["net_public-rt_8D41E169"]).toEqual({ vpc_id: "${aws_vpc.net_vpc_189A1278.id}", tags: { team: "storage", Name: "lib-public" } });
  });

  test("routes: the public route table sends 0.0.0.0/0 to the internet gateway, each private one sends 0.0.0.0/0 to the NAT gateway, nothing else", () => {
    expect(r.aws_route).toEqual({
      "net_public-default-route_5FFDC396": {
        route_table_id: "${aws_route_table.net_public-rt_8D41E169.id}",
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: "${aws_internet_gateway.net_igw_81A0DC73.id}",
      },
      "net_default-route-priv-a_F306BA88": {
        route_table_id: "${aws_route_table.net_rt-priv-a_48D9D00C.id}",
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: "${aws_nat_gateway.net_nat_D9F7D7AE.id}",
      },
      "net_default-route-priv-b_BB18D955": {
        route_table_id: "${aws_route_table.net_rt-priv-b_0BA03786.id}",
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: "${aws_nat_gateway.net_nat_D9F7D7AE.id}",
      },
    });
  });

  test("a public subnet is in the VPC, does not map public IPs on launch, and is tagged Name=<name>-<subnet> and kubernetes.io/role/elb=1", () => {
    expect(r.aws_subnet["net_public-subnet-pub-a_99768B21"]).toEqual({
      vpc_id: "${aws_vpc.net_vpc_189A1278.id}",
      cidr_block: "10.0.192.0/24",
      availability_zone: "eu-west-1a",
      map_public_ip_on_launch: false,
      tags: { team: "storage", Name: "lib-pub-a", "kubernetes.io/role/elb": "1" },
    });
  });

  test("each public subnet is associated with the public route table", () => {
    expect(r.aws_route_table_association["net_public-rta-pub-a_A8662913"]).toEqual({
      subnet_id: "${aws_subnet.net_public-subnet-pub-a_99768B21.id}",
      route_table_id: "${aws_route_table.net_public-rt_8D41E169.id}",
    });
  });
});

describe("adopted VPC: DNS check at plan (HYB-NET-06)", () => {
  const adopted = (vpcId: string): NetworkProps => ({
    mode: "existing",
    vpcId,
    vpcCidrs: ["10.40.0.0/16"],
    subnets: { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" } },
    name: "lib",
    region: "eu-west-1",
  });

  test("a check block reads the VPC and asserts DNS support and hostnames, naming the VPC; no data source outside it", () => {
    const { json } = synthNetwork(adopted("vpc-0a1b2c3d4e5f60718"));
    expect(json.check).toEqual({
      net_vpc_dns: {
        data: { aws_vpc: { net_vpc_dns: { id: "vpc-0a1b2c3d4e5f60718" } } },
        assert: [
          {
            condition: "${data.aws_vpc.net_vpc_dns.enable_dns_support && data.aws_vpc.net_vpc_dns.enable_dns_hostnames}",
            error_message: "The adopted VPC vpc-0a1b2c3d4e5f60718 needs DNS support and DNS hostnames on (enableDnsSupport, enableDnsHostnames): without them nodes cannot register, hybrid nodes cannot join and EFS cannot be mounted by name (HYB-NET-06).",
          },
        ],
      },
    });
    expect(json.data).toBeUndefined();
  });

  test("a vpcId given as a token is read by reference; a created VPC (DNS on by construction) gets no check", () => {
    const { json } = synthNetwork((stack) => adopted(new TerraformVariable(stack, "vpc_id", { type: "string" }).stringValue));
    expect(json.check.net_vpc_dns.data.aws_vpc.net_vpc_dns).toEqual({ id: "${var.vpc_id}" });
    expect(synthNetwork(createdVpc()).json.check).toBeUndefined();
  });
});

describe("Network props validation", () => {
  test("tags holding a cdktf token (a Terraform variable) are accepted and rendered as the reference", () => {
    const { json } = synthNetwork((stack) => createdVpc({ vpcEndpoints: true, tags: { owner: new TerraformVariable(stack, "owner", { type: "string" }).stringValue } }));
    expect(json.resource.aws_vpc.net_vpc_189A1278.tags).toEqual({ owner: "${var.owner}", Name: "lib" });
  });

  test("an existing network whose vpcId is a cdktf token (a Terraform variable) is accepted and exposes the reference", () => {
    const { net, json } = synthNetwork((stack) => ({
      mode: "existing",
      vpcId: new TerraformVariable(stack, "vpc_id", { type: "string" }).stringValue,
      vpcCidrs: ["10.40.0.0/16"],
      subnets: { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" } },
      name: "lib",
      region: "eu-west-1",
    }));
    expect(json.output.net_vpc_id).toEqual({ value: "${var.vpc_id}" });
    expect(net.vpcId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test("errors of the network validator are reported under the network. path", () => {
    expect(
      configErrors(() =>
        new Network(newStack(), "net", createdVpc({ vpcEndpoints: true, privateSubnets: { "priv-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" } } })),
      ),
    ).toEqual(['network.privateSubnets: must span at least two availability zones (EKS needs two); got ["eu-west-1a"]; allowed: subnets in two or more distinct availability zones']);
  });

  test("props marked validated are trusted: the network validator does not run again (no duplicate warning), unmarked props get the warning", () => {
    const props = (): NetworkProps => createdVpc({ privateSubnets: { ...privateSubnets } });
    const marked = synthNetwork(markValidated(props()));
    expect(warningsOf(marked.net)).toEqual([]);
    const unmarked = synthNetwork(props());
    expect(warningsOf(unmarked.net)).toEqual([
      "network.publicSubnets: are not given and vpcEndpoints is off, so nodes in the created private subnets have no way to AWS: they need NAT, VPC endpoints (vpcEndpoints: true) or a transit gateway route to pull images and join",
    ]);
  });
});

describe("on-prem clients of the VPC endpoints", () => {
  test("a CGNAT range (100.64.0.0/10) is accepted; the endpoints' group admits HTTPS (tcp 443-443) from the VPC CIDR and from each on-prem CIDR, nothing else", () => {
    const { json } = synthNetwork(createdVpc({ vpcEndpoints: true, onPremClients: { cidrs: ["100.64.0.0/16", "192.168.100.0/23"] } }));
    expect(json.resource.aws_vpc_security_group_ingress_rule).toEqual({
      "net_endpoints-https_E97251A6": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
        description: "HTTPS from the VPC",
      },
      "net_endpoints-https-onprem-100-64-0-0-16_A71E7BDC": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "100.64.0.0/16",
        description: "HTTPS from on-prem 100.64.0.0/16",
      },
      "net_endpoints-https-onprem-192-168-100-0-23_530BD1D2": {
        security_group_id: "${aws_security_group.net_endpoints-sg_7DBAE231.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "192.168.100.0/23",
        description: "HTTPS from on-prem 192.168.100.0/23",
      },
    });
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  test("on-prem clients with created VPC endpoints raise no 'is ignored' warning", () => {
    const { net } = synthNetwork(createdVpc({ vpcEndpoints: true, onPremClients: { cidrs: ["192.168.100.0/23"] } }));
    expect(warningsOf(net)).toEqual([]);
  });

  test("on-prem clients on a created VPC without vpcEndpoints are warned about as ignored, and no endpoint group or rule is created", () => {
    const { net, json } = synthNetwork(createdVpc({ publicSubnets: { "pub-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } }, onPremClients: { cidrs: ["192.168.100.0/23"] } }));
    expect(warningsOf(net)).toEqual(["network.onPremClients: is ignored: this Network creates no VPC endpoints (vpcEndpoints is off or the VPC is adopted)"]);
    expect(json.resource.aws_security_group).toBeUndefined();
    expect(json.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  test("on-prem clients on an adopted VPC are warned about as ignored", () => {
    const { net } = synthNetwork({
      mode: "existing",
      vpcId: "vpc-0a1b2c3d4e5f60718",
      vpcCidrs: ["10.40.0.0/16"],
      subnets: { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" } },
      name: "lib",
      region: "eu-west-1",
      onPremClients: { cidrs: ["192.168.100.0/23"] },
    });
    expect(warningsOf(net)).toEqual(["network.onPremClients: is ignored: this Network creates no VPC endpoints (vpcEndpoints is off or the VPC is adopted)"]);
  });
});
