/**
 * EksCluster construct, unit level: what the smallest stack with one cluster (no nodegroups)
 * synthesizes for the cluster's dependencies, the private-access rules, the node role and its
 * policies, the core add-ons' conflict handling, admins' access entries, the creator-admin
 * postcondition and the stack outputs. Every expected value is written out literally.
 */
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster, EksClusterOptions } from "../modules/cluster/eks-cluster";
import { VpcRef } from "../modules/core/refs";
import { Json, resources, twoSubnetVpc } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true }));

/** Synthesized JSON of a stack holding only an EksCluster "eks" named "lib" (no nodegroups) plus `options`. */
function synthCluster(options: Partial<EksClusterOptions> = {}): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", nodegroups: {}, ...options });
  return JSON.parse(Testing.synth(stack));
}

const ALICE = "arn:aws:iam::111122223333:user/alice";
const OPS = "arn:aws:iam::111122223333:role/ops";

test("the cluster depends on its AmazonEKSClusterPolicy attachment and on its log group", () => {
  const json = synthCluster();
  expect(resources(json, "aws_eks_cluster")["eks_cluster_55B0C966"].depends_on).toEqual([
    "aws_iam_role_policy_attachment.eks_cluster-policy_AA9B86CA",
    "aws_cloudwatch_log_group.eks_log-group_29AF1558",
  ]);
  expect(resources(json, "aws_cloudwatch_log_group")).toEqual({ "eks_log-group_29AF1558": { name: "/aws/eks/lib/cluster", retention_in_days: 90 } });
});

test("a privateAccessCidrs entry gets a tcp 443-443 ingress rule from that CIDR on the control-plane group, described as operator network", () => {
  const json = synthCluster({ endpoint: { privateAccessCidrs: ["10.99.0.0/16"] } });
  expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual({
    "eks_private-access-10-99-0-0-16_992F1272": {
      security_group_id: "${aws_security_group.eks_control-plane-sg_EB9B3429.id}",
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "10.99.0.0/16",
      description: "Kubernetes API from operator network 10.99.0.0/16",
    },
  });
});

test("the node role is prefixed <name>-node- and trusts ec2.amazonaws.com with sts:AssumeRole; the cluster role trusts eks.amazonaws.com", () => {
  const json = synthCluster();
  expect(resources(json, "aws_iam_role")).toEqual({
    "eks_cluster-role_F63B2DEE": {
      name_prefix: "lib-cluster-",
      assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}',
    },
    "eks_node-role_088D8AAD": {
      name_prefix: "lib-node-",
      assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    },
  });
});

test("the node role gets AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly and AmazonEKS_CNI_Policy; the cluster role AmazonEKSClusterPolicy", () => {
  const json = synthCluster();
  expect(resources(json, "aws_iam_role_policy_attachment")).toEqual({
    "eks_cluster-policy_AA9B86CA": { role: "${aws_iam_role.eks_cluster-role_F63B2DEE.name}", policy_arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
    "eks_node-AmazonEKSWorkerNodePolicy_DDB533EA": { role: "${aws_iam_role.eks_node-role_088D8AAD.name}", policy_arn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" },
    "eks_node-AmazonEC2ContainerRegistryPullOnly_1D46C282": { role: "${aws_iam_role.eks_node-role_088D8AAD.name}", policy_arn: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly" },
    "eks_node-AmazonEKS_CNI_Policy_79A154B6": { role: "${aws_iam_role.eks_node-role_088D8AAD.name}", policy_arn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" },
  });
});

test("every core add-on overwrites conflicts on create and preserves them on update", () => {
  const addons = Object.values(resources(synthCluster(), "aws_eks_addon"));
  expect(addons.map((a) => [a.addon_name, a.resolve_conflicts_on_create, a.resolve_conflicts_on_update])).toEqual([
    ["coredns", "OVERWRITE", "PRESERVE"],
    ["eks-pod-identity-agent", "OVERWRITE", "PRESERVE"],
    ["kube-proxy", "OVERWRITE", "PRESERVE"],
    ["vpc-cni", "OVERWRITE", "PRESERVE"],
  ]);
});

test("each admin gets a STANDARD access entry and a cluster-scoped AmazonEKSClusterAdminPolicy association that depends on that entry", () => {
  const json = synthCluster({ admins: { ops: OPS, alice: ALICE } });
  expect(resources(json, "aws_eks_access_entry")).toEqual({
    "eks_admin-alice_83E8CBF3": { cluster_name: "${aws_eks_cluster.eks_cluster_55B0C966.name}", principal_arn: "arn:aws:iam::111122223333:user/alice", type: "STANDARD" },
    "eks_admin-ops_64339991": { cluster_name: "${aws_eks_cluster.eks_cluster_55B0C966.name}", principal_arn: "arn:aws:iam::111122223333:role/ops", type: "STANDARD" },
  });
  expect(resources(json, "aws_eks_access_policy_association")).toEqual({
    "eks_admin-alice-policy_7016D6FD": {
      cluster_name: "${aws_eks_cluster.eks_cluster_55B0C966.name}",
      principal_arn: "arn:aws:iam::111122223333:user/alice",
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
      depends_on: ["aws_eks_access_entry.eks_admin-alice_83E8CBF3"],
    },
    "eks_admin-ops-policy_E2EA7E47": {
      cluster_name: "${aws_eks_cluster.eks_cluster_55B0C966.name}",
      principal_arn: "arn:aws:iam::111122223333:role/ops",
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
      depends_on: ["aws_eks_access_entry.eks_admin-ops_64339991"],
    },
  });
});

test("without admins no caller identity or session context is read, although bootstrapCreatorAdmin defaults to true", () => {
  const json = synthCluster({ bootstrapCreatorAdmin: true, admins: {} });
  expect(json.data).toBeUndefined();
  expect(resources(json, "aws_eks_access_entry")).toEqual({});
});

test("the creator-admin postcondition lists the admin ARNs comma-separated in both contains() checks", () => {
  const json = synthCluster({ admins: { ops: OPS, alice: ALICE } });
  expect(json.data).toEqual({
    aws_caller_identity: { eks_caller_6E48637E: {} },
    aws_iam_session_context: {
      "eks_caller-session_DB32DC1F": {
        arn: "${data.aws_caller_identity.eks_caller_6E48637E.arn}",
        lifecycle: {
          postcondition: [
            {
              condition:
                '${alltrue([!contains(["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/ops"], self.issuer_arn), !contains(["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/ops"], self.arn)])}',
              error_message:
                "${self.issuer_arn} runs this plan and is listed in cluster.admins while cluster.bootstrapCreatorAdmin is true: EKS already makes it an admin, so its access entry would fail with 409. Remove it from admins, or set bootstrapCreatorAdmin: false.",
            },
          ],
        },
      },
    },
  });
});

test("the cluster outputs its name, endpoint, ARN and node security group, each with its description", () => {
  expect(synthCluster().output).toEqual({
    eks_name: { value: "${aws_eks_cluster.eks_cluster_55B0C966.name}", description: "EKS cluster name" },
    eks_endpoint: { value: "${aws_eks_cluster.eks_cluster_55B0C966.endpoint}", description: "EKS API server endpoint" },
    eks_arn: { value: "${aws_eks_cluster.eks_cluster_55B0C966.arn}", description: "EKS cluster ARN" },
    eks_security_group_id: { value: "${aws_eks_cluster.eks_cluster_55B0C966.vpc_config[0].cluster_security_group_id}", description: "Security group EKS attaches to managed nodes" },
  });
});
