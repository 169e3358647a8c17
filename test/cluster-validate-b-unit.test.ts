/** Unit tests for modules/cluster/validate.ts: validateServiceCidr, validateNodegroupBase and the admins check of validateCluster. */
import { Issues } from "../modules/core/errors";
import { CreatedClusterSchema } from "../modules/cluster/config";
import { NodegroupBaseInput, validateCluster, validateNodegroupBase, validateServiceCidr } from "../modules/cluster/validate";
import { SubnetInfo } from "../modules/network/validate";

const SUBNETS: Record<string, SubnetInfo> = {
  "private-a": { name: "private-a", availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
  "private-b": { name: "private-b", availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
};

function nodegroup(overrides: Partial<NodegroupBaseInput> = {}): NodegroupBaseInput {
  return { instanceTypes: ["m5.large"], amiType: "AL2023_x86_64_STANDARD", minSize: 1, maxSize: 3, ...overrides };
}

function nodegroupIssues(ng: NodegroupBaseInput): Issues {
  const issues = new Issues();
  validateNodegroupBase(ng, SUBNETS, issues, "cluster.nodegroups.ng");
  return issues;
}

function serviceCidrIssues(cidr: string): Issues {
  const issues = new Issues();
  validateServiceCidr(cidr, ["10.0.0.0/16"], issues, "cluster.serviceIpv4Cidr");
  return issues;
}

function clusterWarnings(input: Record<string, unknown>): Issues {
  const config = CreatedClusterSchema.parse({ mode: "create", nodegroups: {}, ...input });
  const issues = new Issues();
  validateCluster(config, { layout: "cloud-only", subnets: SUBNETS, vpcCidrs: ["10.0.0.0/16"] }, issues, "cluster");
  return issues;
}

test("validateServiceCidr ignores an unparsable CIDR (the schema reports it)", () => {
  const issues = serviceCidrIssues("not-a-cidr");
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([]);
});

test("validateServiceCidr refuses a /25 service CIDR with the exact EKS message", () => {
  expect(serviceCidrIssues("172.20.0.0/25").errors).toEqual([
    { path: "cluster.serviceIpv4Cidr", message: "must be a private (RFC 1918) range between /12 and /24 (EKS requirement)", value: "172.20.0.0/25", allowed: "e.g. 172.20.0.0/16" },
  ]);
});

test("validateServiceCidr accepts a /12 service CIDR (the lower bound is inclusive)", () => {
  expect(serviceCidrIssues("172.16.0.0/12").errors).toEqual([]);
});

test("validateServiceCidr accepts a /24 service CIDR (the upper bound is inclusive)", () => {
  expect(serviceCidrIssues("172.20.0.0/24").errors).toEqual([]);
});

test("bootstrapCreatorAdmin false with no admins warns with the value false", () => {
  expect(clusterWarnings({ bootstrapCreatorAdmin: false }).warnings).toEqual([
    {
      path: "cluster.bootstrapCreatorAdmin",
      message: "is false and no admins are listed: nobody gets cluster access, and the Kubernetes and Helm resources of this stack fail with Unauthorized",
      value: false,
    },
  ]);
});

test("bootstrapCreatorAdmin false with an admin listed does not warn", () => {
  const issues = clusterWarnings({ bootstrapCreatorAdmin: false, admins: { ops: "arn:aws:iam::123456789012:role/ops" } });
  expect(issues.warnings).toEqual([]);
  expect(issues.errors).toEqual([]);
});

test("nodegroup with minSize equal to maxSize is accepted", () => {
  expect(nodegroupIssues(nodegroup({ minSize: 2, maxSize: 2 })).errors).toEqual([]);
});

test("nodegroup desiredSize strictly inside minSize..maxSize is accepted", () => {
  expect(nodegroupIssues(nodegroup({ minSize: 1, maxSize: 3, desiredSize: 2 })).errors).toEqual([]);
});

test("nodegroup desiredSize equal to minSize is accepted", () => {
  expect(nodegroupIssues(nodegroup({ minSize: 1, maxSize: 3, desiredSize: 1 })).errors).toEqual([]);
});

test("nodegroup desiredSize equal to maxSize is accepted", () => {
  expect(nodegroupIssues(nodegroup({ minSize: 1, maxSize: 3, desiredSize: 3 })).errors).toEqual([]);
});

test("nodegroup desiredSize below minSize is refused with the range", () => {
  expect(nodegroupIssues(nodegroup({ minSize: 2, maxSize: 4, desiredSize: 1 })).errors).toEqual([
    { path: "cluster.nodegroups.ng.desiredSize", message: "lies outside minSize..maxSize", value: 1, allowed: "2..4" },
  ]);
});

test("nodegroup with exactly 20 instance types is accepted", () => {
  const types = Array.from({ length: 20 }, () => "m5.large");
  expect(nodegroupIssues(nodegroup({ instanceTypes: types })).errors).toEqual([]);
});

test("nodegroup taint key of exactly 63 characters is accepted", () => {
  expect(nodegroupIssues(nodegroup({ taints: [{ key: "k".repeat(63) }] })).errors).toEqual([]);
});

test("nodegroup without taints validates without errors", () => {
  expect(nodegroupIssues(nodegroup()).errors).toEqual([]);
});
