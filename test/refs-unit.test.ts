/** Unit tests for modules/core/refs.ts: VpcRef / ClusterRef.fromAttributes validation and subnetsNamed. */
import { Token } from "cdktf";
import { ClusterAttributes, ClusterRef, IVpcRef, subnetsNamed, VpcAttributes, VpcRef } from "../modules/core/refs";
import { configErrors } from "./helpers";

const SUBNET_A = { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a" };
const SUBNET_B = { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b" };
const SUBNET_C = { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c" };

function vpcAttrs(overrides: Partial<VpcAttributes> = {}): VpcAttributes {
  return { vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidrs: ["10.40.0.0/16"], subnets: { "app-a": SUBNET_A, "app-b": SUBNET_B }, ...overrides };
}

function clusterAttrs(overrides: Partial<ClusterAttributes> = {}): ClusterAttributes {
  return {
    name: "lib",
    endpoint: "https://x.eks.amazonaws.com",
    certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU",
    securityGroupId: "sg-0a1b2c3d4e5f60718",
    serviceIpv4Cidr: "172.20.0.0/16",
    region: "eu-west-1",
    accountId: "111122223333",
    ...overrides,
  };
}

describe("VpcRef.fromAttributes", () => {
  test("an empty subnet map is refused with the path, the value and what is allowed", () => {
    expect(() => VpcRef.fromAttributes(vpcAttrs({ subnets: {} }))).toThrow(
      new Error("VpcRef.fromAttributes: 1 error\n  - vpc.subnets: must list at least one private subnet; got {}; allowed: subnets keyed by a name of yours"),
    );
  });

  test("subnets come back keyed in name order whatever order they were given in, each carrying its name", () => {
    const vpc = VpcRef.fromAttributes(vpcAttrs({ subnets: { "app-b": SUBNET_B, "app-c": SUBNET_C, "app-a": SUBNET_A } }));
    expect(Object.keys(vpc.subnets)).toEqual(["app-a", "app-b", "app-c"]);
    expect(vpc.subnets["app-c"]).toEqual({ name: "app-c", id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c" });
  });

  test("a VPC with a secondary CIDR keeps both CIDRs", () => {
    const vpc = VpcRef.fromAttributes(vpcAttrs({ vpcCidrs: ["10.40.0.0/16", "100.64.0.0/16"] }));
    expect(vpc.vpcCidrs).toEqual(["10.40.0.0/16", "100.64.0.0/16"]);
  });

  test("cdktf tokens (ids of resources made in the same stack) are accepted and kept as they are", () => {
    const vpcIdToken = Token.asString({ resolve: () => "vpc-x" });
    const subnetIdToken = Token.asString({ resolve: () => "subnet-x" });
    const vpc = VpcRef.fromAttributes(vpcAttrs({ vpcId: vpcIdToken, subnets: { "app-a": { id: subnetIdToken, availabilityZone: "eu-west-1a" } } }));
    expect(vpc.vpcId).toBe(vpcIdToken);
    expect(vpc.subnets["app-a"].id).toBe(subnetIdToken);
  });
});

describe("ClusterRef.fromAttributes", () => {
  test("subnetNames that name no subnet of the VPC are each reported with their index and the VPC's subnet keys", () => {
    const vpc = VpcRef.fromAttributes(vpcAttrs());
    expect(configErrors(() => ClusterRef.fromAttributes(clusterAttrs({ subnetNames: ["app-a", "app-x", "app-y"] }), vpc))).toEqual([
      'cluster.subnetNames[1]: names no subnet of the VPC; got "app-x"; allowed: app-a, app-b',
      'cluster.subnetNames[2]: names no subnet of the VPC; got "app-y"; allowed: app-a, app-b',
    ]);
  });

  test("without a VPC and without subnetNames the cluster has no subnet names", () => {
    expect(ClusterRef.fromAttributes(clusterAttrs()).subnetNames).toEqual([]);
  });

  test("podIdentityAgent defaults to true when not given", () => {
    expect(ClusterRef.fromAttributes(clusterAttrs()).podIdentityAgent).toBe(true);
  });

  test("an endpoint with a multi-digit port is accepted", () => {
    expect(ClusterRef.fromAttributes(clusterAttrs({ endpoint: "https://x.eks.amazonaws.com:8443" })).endpoint).toBe("https://x.eks.amazonaws.com:8443");
  });

  test("cluster and node role ARNs in a non-default partition (aws-cn) are accepted", () => {
    const ref = ClusterRef.fromAttributes(
      clusterAttrs({
        region: "cn-north-1",
        arn: "arn:aws-cn:eks:cn-north-1:111122223333:cluster/lib",
        nodeRoleArn: "arn:aws-cn:iam::111122223333:role/nodes",
      }),
    );
    expect(ref.arn).toBe("arn:aws-cn:eks:cn-north-1:111122223333:cluster/lib");
    expect(ref.nodeRoleArn).toBe("arn:aws-cn:iam::111122223333:role/nodes");
    expect(ref.partition).toBe("aws-cn");
  });

  test("remote networks with two node CIDRs are accepted", () => {
    const remoteNetworks = { nodeCidrs: ["192.168.100.0/23", "192.168.102.0/23"], podCidrs: ["192.168.128.0/18"] };
    expect(ClusterRef.fromAttributes(clusterAttrs({ remoteNetworks })).remoteNetworks).toEqual({
      nodeCidrs: ["192.168.100.0/23", "192.168.102.0/23"],
      podCidrs: ["192.168.128.0/18"],
    });
  });

  test("malformed name, CA data, ARN, OIDC provider ARN and node role ARN are all reported with their messages", () => {
    expect(
      configErrors(() =>
        ClusterRef.fromAttributes(
          clusterAttrs({
            name: "-lib",
            certificateAuthorityData: "not base64!",
            arn: "arn:aws:eks:eu-west-1:111122223333:nodegroup/lib",
            oidcProviderArn: "arn:aws:iam::111122223333:role/oidc",
            nodeRoleArn: "arn:aws:iam::111122223333:user/nodes",
          }),
        ),
      ),
    ).toEqual([
      'cluster.name: must be an EKS cluster name; got "-lib"',
      "cluster.certificateAuthorityData: must be base64 (the cluster's certificateAuthority.data); got \"not base64!\"",
      'cluster.arn: must be an EKS cluster ARN; got "arn:aws:eks:eu-west-1:111122223333:nodegroup/lib"',
      'cluster.oidcProviderArn: must be an IAM OIDC provider ARN; got "arn:aws:iam::111122223333:role/oidc"',
      'cluster.nodeRoleArn: must be an IAM role ARN; got "arn:aws:iam::111122223333:user/nodes"',
    ]);
  });
});

describe("subnetsNamed", () => {
  test("returns the subnets in the order asked for", () => {
    const vpc: IVpcRef = VpcRef.fromAttributes(vpcAttrs());
    expect(subnetsNamed(vpc, ["app-b", "app-a"]).map((s) => s.id)).toEqual(["subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60001"]);
  });

  test("an unknown subnet key throws an error naming the key", () => {
    const vpc: IVpcRef = VpcRef.fromAttributes(vpcAttrs());
    expect(() => subnetsNamed(vpc, ["app-a", "app-z"])).toThrow(new Error("unknown subnet 'app-z' (validation should have caught this)"));
  });
});
