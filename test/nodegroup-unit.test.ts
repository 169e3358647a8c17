/**
 * ManagedNodegroup (modules/nodegroup/managed-nodegroup.ts) on the construct path: the security
 * settings of its launch template, the nodegroup's scaling and update settings, and the validation
 * of hand-typed props (node role, subnets, options, tags, tokens, user data), with exact messages.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ClusterRef, IClusterRef, VpcRef } from "../modules/core/refs";
import { ManagedNodegroup, ManagedNodegroupProps } from "../modules/nodegroup/managed-nodegroup";
import { buildStack, cloudEnvironment, configErrors, Json, onlyResource, requiredProdClusterAttributes, twoSubnetVpc } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"] }));

const clusterAttrs = { ...requiredProdClusterAttributes, securityGroupId: "sg-0123456789abcdef0" };

/** An adopted cluster with a node role, on both subnets of `vpc`. */
const cluster = ClusterRef.fromAttributes({ ...clusterAttrs, nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" }, vpc);
/** An adopted cluster given no node role. */
const clusterWithoutRole = ClusterRef.fromAttributes(clusterAttrs, vpc);
/** An adopted cluster built without a VPC: it names no subnets. */
const clusterWithoutSubnets = ClusterRef.fromAttributes({ ...clusterAttrs, nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" });

/** The smallest stack holding one ManagedNodegroup "gpu", synthesized and parsed. */
function synthNodegroup(props: (stack: TerraformStack) => ManagedNodegroupProps): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new ManagedNodegroup(stack, "gpu", props(stack));
  return JSON.parse(Testing.synth(stack));
}

/** The error lines a ManagedNodegroup "gpu" with these props throws. */
function nodegroupErrors(props: ManagedNodegroupProps): string[] {
  return configErrors(() => new ManagedNodegroup(new TerraformStack(Testing.app(), "lib"), "gpu", props));
}

const withCluster = (c: IClusterRef, extra: Partial<ManagedNodegroupProps> = {}) => (): ManagedNodegroupProps => ({ cluster: c, vpc, ...extra });

describe("launch template security settings", () => {
  test("the root volume is an encrypted gp3 EBS volume on /dev/xvda, deleted with the instance", () => {
    const lt = onlyResource(synthNodegroup(withCluster(cluster)), "aws_launch_template");
    expect(lt.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { delete_on_termination: "true", encrypted: "true", volume_size: 50, volume_type: "gp3" } },
    ]);
  });

  test("IMDSv2 is required with hop limit 1, and each new template version becomes the default", () => {
    const lt = onlyResource(synthNodegroup(withCluster(cluster)), "aws_launch_template");
    expect(lt.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(lt.update_default_version).toBe(true);
  });
});

describe("nodegroup settings", () => {
  // Found by re-running Stryker after the review: only a snapshot held the instance types.
  test("the nodegroup runs exactly the given instance types, in the given order", () => {
    const ng = onlyResource(synthNodegroup(withCluster(cluster, { instanceTypes: ["m7i.2xlarge", "m6i.2xlarge"] })), "aws_eks_node_group");
    expect(ng.instance_types).toEqual(["m7i.2xlarge", "m6i.2xlarge"]);
  });

  test("scaling starts at minSize when desiredSize is not given; updates replace 33% at once", () => {
    const ng = onlyResource(synthNodegroup(withCluster(cluster, { minSize: 2, maxSize: 5 })), "aws_eks_node_group");
    expect(ng.scaling_config).toEqual({ min_size: 2, max_size: 5, desired_size: 2 });
    expect(ng.update_config).toEqual({ max_unavailable_percentage: 33 });
  });

  test("an explicit desiredSize is the initial size, not minSize", () => {
    const ng = onlyResource(synthNodegroup(withCluster(cluster, { minSize: 1, desiredSize: 2, maxSize: 3 })), "aws_eks_node_group");
    expect(ng.scaling_config).toEqual({ min_size: 1, max_size: 3, desired_size: 2 });
  });

  test("the nodegroup runs the latest launch template version, is replaced before it is destroyed, and leaves desired size to the autoscaler", () => {
    const ng = onlyResource(synthNodegroup(withCluster(cluster)), "aws_eks_node_group");
    expect(ng.launch_template).toEqual({
      id: "${aws_launch_template.gpu_launch-template_3D39CDFA.id}",
      version: "${tostring(aws_launch_template.gpu_launch-template_3D39CDFA.latest_version)}",
    });
    expect(ng.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["scaling_config[0].desired_size"] });
  });

  test("the cloud-node label is added next to the user's labels", () => {
    const ng = onlyResource(synthNodegroup(withCluster(cluster, { labels: { team: "ml" } })), "aws_eks_node_group");
    expect(ng.labels).toEqual({ "platform.eks-hybrid-storage/location": "cloud", team: "ml" });
  });

  test("tags reach the launch template and the nodegroup; without tags neither has a tags argument", () => {
    const tagged = synthNodegroup(withCluster(cluster, { tags: { team: "ml" } }));
    expect(onlyResource(tagged, "aws_launch_template").tags).toEqual({ team: "ml" });
    expect(onlyResource(tagged, "aws_eks_node_group").tags).toEqual({ team: "ml" });
    const untagged = synthNodegroup(withCluster(cluster));
    expect("tags" in onlyResource(untagged, "aws_launch_template")).toBe(false);
    expect("tags" in onlyResource(untagged, "aws_eks_node_group")).toBe(false);
  });
});

describe("node role", () => {
  test("a literal role ARN (partition aws or aws-cn, with a path) is accepted and used as node_role_arn", () => {
    for (const arn of ["arn:aws:iam::111122223333:role/eks-nodes", "arn:aws-cn:iam::111122223333:role/platform/eks-nodes@prod"]) {
      const ng = onlyResource(synthNodegroup(withCluster(clusterWithoutRole, { nodeRoleArn: arn })), "aws_eks_node_group");
      expect(ng.node_role_arn).toBe(arn);
    }
  });

  test("a role ARN with an 11-digit account is refused", () => {
    expect(nodegroupErrors({ cluster: clusterWithoutRole, vpc, nodeRoleArn: "arn:aws:iam::11112222333:role/nodes" })).toEqual([
      'nodegroup.nodeRoleArn: must be an IAM role ARN; got "arn:aws:iam::11112222333:role/nodes"',
    ]);
  });

  test("a node role given as a token of a role in the same stack is accepted unchecked", () => {
    const json = synthNodegroup((stack) => ({ cluster: clusterWithoutRole, vpc, nodeRoleArn: new IamRole(stack, "nodes", { assumeRolePolicy: "{}" }).arn }));
    expect(onlyResource(json, "aws_eks_node_group").node_role_arn).toBe("${aws_iam_role.nodes.arn}");
  });

  test("without a node role on the cluster or in the props, the error says which policies the role needs", () => {
    expect(nodegroupErrors({ cluster: clusterWithoutRole, vpc })).toEqual([
      "nodegroup.nodeRoleArn: is required: the cluster has no node role (an adopted cluster without nodeRoleArn); got nothing; allowed: an IAM role ARN with AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly and AmazonEKS_CNI_Policy",
    ]);
  });
});

describe("validation of the options", () => {
  test("a nodegroup without subnets on a cluster that names none is refused", () => {
    expect(nodegroupErrors({ cluster: clusterWithoutSubnets, vpc })).toEqual([
      "nodegroup.subnets: is required: the cluster names no subnets; got nothing; allowed: keys of vpc.subnets",
    ]);
  });

  // Found by this review: [] reached the plan as subnet_ids = [], which the provider refuses.
  test("an empty subnet list is refused on the construct, not sent to the plan as subnet_ids = []", () => {
    expect(nodegroupErrors({ cluster, vpc, subnets: [] })).toEqual([
      "nodegroup.subnets: list at least one subnet, or leave it out to use the cluster's subnets; got []",
    ]);
  });

  test("an empty subnet list is refused in an environment file too, under its nodegroup's key", () => {
    const env = cloudEnvironment({ cluster: { mode: "create", nodegroups: { system: { instanceTypes: ["m7g.large"], subnets: [] } } } });
    expect(configErrors(() => buildStack(env))).toEqual([
      "cluster.nodegroups.system.subnets: list at least one subnet, or leave it out to use the cluster's subnets; got []",
    ]);
  });

  test("a nodegroup naming its own subnets needs none from the cluster", () => {
    const ng = onlyResource(synthNodegroup(withCluster(clusterWithoutSubnets, { subnets: ["b"] })), "aws_eks_node_group");
    expect(ng.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60002"]);
  });

  test("an option the schema refuses is reported alone, under nodegroup.<field>, even on a cluster that names no subnets", () => {
    expect(nodegroupErrors({ cluster: clusterWithoutSubnets, vpc, rootVolumeGiB: 10 })).toEqual(["nodegroup.rootVolumeGiB: Too small: expected number to be >=20; got 10"]);
  });

  test("a tag key starting with aws: is refused under nodegroup.tags", () => {
    expect(nodegroupErrors({ cluster, vpc, tags: { "aws:team": "ml" } })).toEqual([`nodegroup.tags.aws:team: is not a valid name: tag keys must not start with 'aws:'; got "aws:team"`]);
  });

  test("label values and tag values may be tokens of the same stack", () => {
    const json = synthNodegroup((stack) => {
      const team = new TerraformVariable(stack, "team", { type: "string" }).stringValue;
      return { cluster, vpc, labels: { team }, tags: { owner: team } };
    });
    const ng = onlyResource(json, "aws_eks_node_group");
    expect(ng.labels).toEqual({ "platform.eks-hybrid-storage/location": "cloud", team: "${var.team}" });
    expect(ng.tags).toEqual({ owner: "${var.team}" });
  });
});

describe("user data", () => {
  test("user data of exactly 16384 bytes (the EC2 limit) is accepted and base64-encoded", () => {
    const lt = onlyResource(synthNodegroup(withCluster(cluster, { userData: "x".repeat(16384) })), "aws_launch_template");
    expect(lt.user_data).toHaveLength(21848);
    expect(lt.user_data.startsWith("eHh4eHh4")).toBe(true);
  });

  test("user data is measured and encoded as UTF-8", () => {
    const lt = onlyResource(synthNodegroup(withCluster(cluster, { userData: "é€x" })), "aws_launch_template");
    expect(lt.user_data).toBe("w6nigqx4");
    expect(() => new ManagedNodegroup(new TerraformStack(Testing.app(), "lib"), "gpu", { cluster, vpc, userData: "é".repeat(8193) })).toThrow(
      "lib/gpu: user data is 16386 bytes; EC2 accepts at most 16384 (IS-LT-01)",
    );
  });
});
