/**
 * The capability constructs used directly, without an environment file, as a platform repo that
 * composes its own stack would: each validates its own props and names the construct path.
 */
import "cdktf/lib/testing/adapters/jest";
import { Fn, Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "../modules/cluster/eks-cluster";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { EfsStorage } from "../modules/efs/efs-storage";
import { CreatedNetworkSchema } from "../modules/network/config";
import { Network } from "../modules/network/network";
import { ManagedNodegroup } from "../modules/nodegroup/managed-nodegroup";
import { Json } from "./helpers";

function stackWith(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

const networkConfig = CreatedNetworkSchema.parse({
  mode: "create",
  vpcEndpoints: true,
  vpcCidr: "10.0.0.0/16",
  privateSubnets: { a: { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, b: { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } },
});

test("Network + EksCluster + EfsStorage compose without the platform stack", () => {
  const json = stackWith((stack) => {
    const network = new Network(stack, "net", { ...networkConfig, name: "lib", region: "eu-west-1" });
    const cluster = new EksCluster(stack, "eks", { name: "lib", vpc: network, region: "eu-west-1", accountId: "111122223333" });
    new EfsStorage(stack, "files", { vpc: network, cluster, storageClasses: {} });
  });
  expect(Object.keys(json.resource.aws_eks_cluster)).toEqual([expect.stringMatching(/^eks_cluster_/)]);
  expect(Object.keys(json.resource.aws_efs_mount_target)).toHaveLength(2);
});

test("a construct refuses bad props with every problem and its own path", () => {
  expect(() =>
    stackWith((stack) => {
      const network = new Network(stack, "net", { ...networkConfig, name: "lib", region: "eu-west-1" });
      const cluster = ClusterRef.fromAttributes({ name: "lib", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", securityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", region: "eu-west-1", accountId: "111122223333", nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" }, network);
      new EfsStorage(stack, "files", { vpc: network, cluster, throughputMode: "provisioned", subnets: ["a", "zz"] });
    }),
  ).toThrow(/^lib\/files: 3 errors\n {2}- efs\.provisionedThroughputMibps: is required[\s\S]*efs\.subnets\[1\]: names no private subnet of the VPC; got "zz"[\s\S]*efs\.subnets: must cover at least two availability zones/);
});

test("ManagedNodegroup refuses user data that is not known at synth, or too large for EC2", () => {
  const settings = { instanceTypes: ["m6i.large"], amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", minSize: 1, maxSize: 2, rootVolumeGiB: 20, labels: {}, taints: [], maxUnavailablePercentage: 33 };
  const base = { name: "ng", clusterName: "c", clusterLiteralName: "c", nodeRoleArn: "arn:aws:iam::111122223333:role/n", subnetIds: ["subnet-1"], settings };
  expect(() => stackWith((stack) => new ManagedNodegroup(stack, "ng", { ...base, userData: Fn.upper("echo hi") }))).toThrow(/user data must be known at synth/);
  expect(() => stackWith((stack) => new ManagedNodegroup(stack, "ng", { ...base, userData: "x".repeat(16385) }))).toThrow(/user data is 16385 bytes; EC2 accepts at most 16384/);
});

test("cdktf matchers: Testing.synthScope of a nodegroup has a launch template with IMDSv2", () => {
  const settings = { instanceTypes: ["m6i.large"], amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", minSize: 1, maxSize: 2, rootVolumeGiB: 20, labels: {}, taints: [], maxUnavailablePercentage: 33 };
  const synthesized = Testing.synthScope((scope) => {
    new ManagedNodegroup(scope, "ng", { name: "ng", clusterName: "c", clusterLiteralName: "c", nodeRoleArn: "arn:aws:iam::111122223333:role/n", subnetIds: ["subnet-1"], settings });
  });
  expect(synthesized).toHaveResourceWithProperties({ tfResourceType: "aws_launch_template" }, { metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 } });
  expect(synthesized).toHaveResourceWithProperties({ tfResourceType: "aws_eks_node_group" }, { node_group_name_prefix: "ng-", capacity_type: "ON_DEMAND" });
  expect(synthesized).not.toHaveResource({ tfResourceType: "aws_iam_instance_profile" });
});

describe("values typed by hand are checked on the construct path too (issue 11.1)", () => {
  const subnets = { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a" } };
  const clusterAttrs = { name: "prod", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", securityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", region: "eu-west-1", accountId: "111122223333" };

  test("VpcRef.fromAttributes: a /33, a malformed id and an AZ that does not exist, all at once", () => {
    expect(() => VpcRef.fromAttributes({ vpcId: "vpc-1", vpcCidrs: ["10.40.0.0/33"], subnets: { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "mars-1a" } } })).toThrow(
      /^VpcRef\.fromAttributes: 3 errors\n {2}- vpc\.vpcId: must be an id such as vpc-0123456789abcdef0; got "vpc-1"\n {2}- vpc\.vpcCidrs\[0\]: is not an IPv4 CIDR; expected an IPv4 network such as 10\.0\.0\.0\/16; got "10\.40\.0\.0\/33"\n {2}- vpc\.subnets\.a\.availabilityZone: must be an availability zone name such as eu-west-1a; got "mars-1a"$/,
    );
  });

  test("ClusterRef.fromAttributes: a short security group id and a non-numeric account", () => {
    expect(() => ClusterRef.fromAttributes({ ...clusterAttrs, securityGroupId: "sg-1", accountId: "abc" })).toThrow(
      /^ClusterRef\.fromAttributes: 2 errors\n {2}- cluster\.securityGroupId: must be an id such as sg-0123456789abcdef0; got "sg-1"\n {2}- cluster\.accountId: must be a 12-digit AWS account id, quoted in YAML; got "abc"$/,
    );
  });

  test("the partition is derived from the region, so it cannot contradict it", () => {
    const cn = ClusterRef.fromAttributes({ ...clusterAttrs, region: "cn-north-1", endpoint: "https://x.eks.amazonaws.com.cn" }, VpcRef.fromAttributes({ vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidrs: ["10.40.0.0/16"], subnets }));
    expect([cn.partition, cn.arn]).toEqual(["aws-cn", "arn:aws-cn:eks:cn-north-1:111122223333:cluster/prod"]);
    expect(ClusterRef.fromAttributes(clusterAttrs).partition).toBe("aws");
  });
});
