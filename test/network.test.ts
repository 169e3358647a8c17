import { parseEnvironment } from "../modules/config/load";
import { cloudEnvironment, configErrors, existingVpcEnvironment, onlyResource, patch, resources, synthEnvironment } from "./helpers";

describe("created VPC", () => {
  const json = synthEnvironment(
    patch(cloudEnvironment(), { network: { publicSubnets: { "public-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } } } }),
  );

  test("has DNS support and hostnames on", () => {
    expect(onlyResource(json, "aws_vpc")).toMatchObject({ cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  test("creates one route table per private subnet, keyed by the subnet's name", () => {
    expect(Object.keys(resources(json, "aws_route_table")).sort()).toEqual([
      expect.stringMatching(/^network_public-rt_/),
      expect.stringMatching(/^network_rt-private-a_/),
      expect.stringMatching(/^network_rt-private-b_/),
    ]);
  });

  test("routes private subnets through one NAT gateway when public subnets are given", () => {
    const routes = Object.values(resources(json, "aws_route"));
    expect(routes.filter((r) => r.nat_gateway_id)).toHaveLength(2);
    expect(onlyResource(json, "aws_nat_gateway").subnet_id).toMatch(/aws_subnet\.network_public-subnet-public-a_/);
  });

  test("strips the default security group of its rules", () => {
    const sg = onlyResource(json, "aws_default_security_group");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("adding a subnet does not re-address existing ones", () => {
    const bigger = synthEnvironment(
      patch(cloudEnvironment(), { network: { privateSubnets: { "private-0": { availabilityZone: "eu-west-1c", cidr: "10.0.64.0/19" } } } }),
    );
    const before = Object.keys(resources(synthEnvironment(cloudEnvironment()), "aws_subnet"));
    const after = Object.keys(resources(bigger, "aws_subnet"));
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
  });
});

describe("VPC endpoints", () => {
  const env = patch(cloudEnvironment(), {
    network: { vpcEndpoints: true, privateSubnets: { "private-a2": { availabilityZone: "eu-west-1a", cidr: "10.0.64.0/19" } } },
  });
  const json = synthEnvironment(env);

  test("S3 gateway endpoint on every private route table", () => {
    const s3 = Object.values(resources(json, "aws_vpc_endpoint")).find((e) => e.vpc_endpoint_type === "Gateway")!;
    expect(s3).toMatchObject({ service_name: "com.amazonaws.eu-west-1.s3" });
    expect(s3.route_table_ids).toHaveLength(3);
  });

  test("interface endpoints with private DNS, one subnet per AZ, HTTPS only from the VPC", () => {
    const iface = Object.values(resources(json, "aws_vpc_endpoint")).filter((e) => e.vpc_endpoint_type === "Interface");
    expect(iface.map((e) => e.service_name.replace("com.amazonaws.eu-west-1.", "")).sort()).toEqual(
      ["ec2", "ecr.api", "ecr.dkr", "eks-auth", "elasticfilesystem", "fsx", "logs", "secretsmanager", "sts"],
    );
    for (const e of iface) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.subnet_ids).toHaveLength(2); // private-a and private-a2 share eu-west-1a
    }
    expect(Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.from_port === 443 && r.cidr_ipv4 === "10.0.0.0/16")).toHaveLength(1);
  });
});

describe("existing VPC", () => {
  test("creates no network resources and uses the given ids", () => {
    const json = synthEnvironment(existingVpcEnvironment());
    expect(resources(json, "aws_vpc")).toEqual({});
    expect(resources(json, "aws_subnet")).toEqual({});
    expect(onlyResource(json, "aws_eks_cluster").vpc_config.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]);
  });
});

describe("network validation", () => {
  test("private subnets in one availability zone", () => {
    const env = patch(cloudEnvironment(), { network: { privateSubnets: { "private-b": { availabilityZone: "eu-west-1a" } } } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toContainEqual(
      'network.privateSubnets: must span at least two availability zones (EKS needs two); got ["eu-west-1a"]; allowed: subnets in two or more distinct availability zones',
    );
  });

  test("a subnet outside the VPC and overlapping subnets", () => {
    const env = patch(cloudEnvironment(), {
      network: { privateSubnets: { "private-b": { cidr: "10.0.16.0/20" }, "private-c": { availabilityZone: "eu-west-1c", cidr: "10.9.0.0/24" } } },
    });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'network.privateSubnets.private-b.cidr: overlaps network.privateSubnets.private-a.cidr (10.0.0.0/19); got "10.0.16.0/20"',
      'network.privateSubnets.private-c.cidr: lies outside the VPC; got "10.9.0.0/24"; allowed: a range inside 10.0.0.0/16',
    ]);
  });

  test("a subnet CIDR with host bits", () => {
    const env = patch(cloudEnvironment(), { network: { vpcCidr: "10.0.0.1/16" } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'network.vpcCidr: has host bits set; the network address is 10.0.0.0/16; expected an IPv4 network such as 10.0.0.0/16; got "10.0.0.1/16"',
    ]);
  });

  test("the same subnet id twice, and malformed ids", () => {
    const env = patch(existingVpcEnvironment(), {
      network: { subnets: { "app-b": { id: "subnet-0a1b2c3d4e5f60001" }, "app-c": { id: "subnet-xyz", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003" } } },
    });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'network.subnets.app-c.id: must be an id such as subnet-0123456789abcdef0; got "subnet-xyz"',
    ]);
    const dup = patch(existingVpcEnvironment(), { network: { subnets: { "app-b": { id: "subnet-0a1b2c3d4e5f60001" } } } });
    expect(configErrors(() => parseEnvironment(dup, "e"))).toContainEqual('network.subnets.app-b.id: is the same subnet as network.subnets.app-a; got "subnet-0a1b2c3d4e5f60001"');
  });

  test("public and private subnets may not share a name", () => {
    const env = patch(cloudEnvironment(), { network: { publicSubnets: { "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } } } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toContainEqual(
      'network.publicSubnets.private-a: uses a name already taken by a private subnet; subnet names must be unique; got "private-a"',
    );
  });

  test("availability zones and KMS keys of another region", () => {
    const env = patch(cloudEnvironment(), {
      network: { privateSubnets: { "private-b": { availabilityZone: "us-east-1b" } } },
      cluster: { secretsKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      state: { region: "eu-central-1", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'network.privateSubnets.private-b.availabilityZone: is not in the environment\'s region eu-west-1; got "us-east-1b"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a',
      'cluster.secretsKmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in eu-west-1',
      'state.kmsKeyArn: is a key in eu-west-1, but it is used in eu-central-1; got "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in eu-central-1',
    ]);
  });

  test("a created VPC with neither NAT nor VPC endpoints warns that nodes cannot reach AWS", () => {
    expect(parseEnvironment(cloudEnvironment(), "e").warnings).toEqual([expect.objectContaining({ path: "network.publicSubnets", message: expect.stringMatching(/no way to AWS/) })]);
    const withNat = patch(cloudEnvironment(), { network: { publicSubnets: { "public-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } } } });
    expect(parseEnvironment(withNat, "e").warnings).toEqual([]);
    expect(parseEnvironment(patch(cloudEnvironment(), { network: { vpcEndpoints: true } }), "e").warnings).toEqual([]);
  });

  test("subnet names must be usable as keys", () => {
    const env = patch(cloudEnvironment(), { network: { privateSubnets: { "Private A": { availabilityZone: "eu-west-1c", cidr: "10.0.64.0/19" } } } });
    expect(configErrors(() => parseEnvironment(env, "e"))[0]).toMatch(/^network\.privateSubnets\.Private A: is not a valid name: must be 1-40 characters of lowercase letters.*; got "Private A"$/);
  });
});
