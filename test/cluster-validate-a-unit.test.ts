/** Unit tests for modules/cluster/validate.ts: resolveEndpoint, clusterSubnetNames and validateCluster called directly. */
import { Issues } from "../modules/core/errors";
import { ClusterConfig, CreatedClusterConfig, CreatedClusterSchema, ExistingClusterSchema } from "../modules/cluster/config";
import { ClusterValidationContext, clusterSubnetNames, resolveEndpoint, validateCluster } from "../modules/cluster/validate";
import { SubnetInfo } from "../modules/network/validate";

const SUBNETS: Record<string, SubnetInfo> = {
  "private-b": { name: "private-b", availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
  "private-a": { name: "private-a", availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
};

function created(input: Record<string, unknown> = {}): CreatedClusterConfig {
  return CreatedClusterSchema.parse({ mode: "create", ...input });
}

function ctx(overrides: Partial<ClusterValidationContext> = {}): ClusterValidationContext {
  return { layout: "cloud-only", subnets: SUBNETS, vpcCidrs: ["10.0.0.0/16"], ...overrides };
}

function run(config: ClusterConfig, context: ClusterValidationContext): Issues {
  const issues = new Issues();
  validateCluster(config, context, issues, "cluster");
  return issues;
}

test("resolveEndpoint in hybrid leaves public access off by default even when publicAccessCidrs are listed", () => {
  const config = created({ endpoint: { publicAccessCidrs: ["203.0.113.0/24"] } });
  expect(resolveEndpoint(config, "hybrid")).toEqual({ privateAccess: true, publicAccess: false, publicAccessCidrs: ["203.0.113.0/24"] });
  expect(resolveEndpoint(config, "cloud-only")).toEqual({ privateAccess: true, publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
});

test("clusterSubnetNames without a configured list returns every private subnet sorted by name", () => {
  expect(clusterSubnetNames(created(), SUBNETS)).toEqual(["private-a", "private-b"]);
});

test("adopted cluster in hybrid layout warns that remote_network_config is not managed, with value existing", () => {
  const config = ExistingClusterSchema.parse({
    mode: "existing",
    name: "adopted",
    endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "QUJDREVGR0hJSktMTU5PUA==",
    clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718",
    serviceIpv4Cidr: "172.20.0.0/16",
  });
  const issues = run(config, ctx({ layout: "hybrid" }));
  expect(issues.warnings).toEqual([
    {
      path: "cluster.mode",
      message: "the cluster is adopted, so its remote_network_config and authentication mode are not managed here: it must already list the hybrid remote node and pod networks and use authentication mode API or API_AND_CONFIG_MAP (HYB-CL-01: the hybrid nodes join through an access entry)",
      value: "existing",
    },
  ]);
});

test("endpoint with both accesses off is an error that tells the user to turn one on", () => {
  const issues = run(created({ endpoint: { privateAccess: false, publicAccess: false } }), ctx());
  expect(issues.errors).toContainEqual({
    path: "cluster.endpoint",
    message: "turns off both private and public access; the API server would be unreachable",
    value: { privateAccess: false, publicAccess: false, publicAccessCidrs: [], privateAccessCidrs: [] },
    allowed: "privateAccess: true and/or publicAccess: true",
  });
});

test("hybrid endpoint with public and private access warns with HYB-CL-03 and suggests one of them", () => {
  const issues = run(created({ endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } }), ctx({ layout: "hybrid" }));
  expect(issues.warnings).toEqual([
    {
      path: "cluster.endpoint",
      message: "enables both public and private access; hybrid nodes resolve it to public IPs and may fail to join (HYB-CL-03)",
      value: { privateAccess: true, publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
      allowed: "public or private, not both",
    },
  ]);
});

const CORE_DNS_TOO_OLD = "is too old for hybrid nodes: the CoreDNS placement for mixed clusters (topologySpreadConstraints) needs the add-on at v1.10 or later";

test("hybrid with coredns v1.9.3 pinned is an error with the exact message", () => {
  const issues = run(created({ addonVersions: { coredns: "v1.9.3-eksbuild.22" } }), ctx({ layout: "hybrid" }));
  expect(issues.errors).toEqual([
    { path: "cluster.addonVersions.coredns", message: CORE_DNS_TOO_OLD, value: "v1.9.3-eksbuild.22", allowed: "v1.10.1-eksbuild.11 or later, or no pin" },
  ]);
});

test("hybrid with coredns v1.09.0 (minor 9 written with a leading zero) is still too old", () => {
  const issues = run(created({ addonVersions: { coredns: "v1.09.0-eksbuild.1" } }), ctx({ layout: "hybrid" }));
  expect(issues.errors.map((e) => e.message)).toEqual([CORE_DNS_TOO_OLD]);
});

test("hybrid with coredns v1.10.1 pinned is accepted", () => {
  const issues = run(created({ addonVersions: { coredns: "v1.10.1-eksbuild.11" } }), ctx({ layout: "hybrid" }));
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([]);
});

test("coredns version check only reads a version that starts with v1.", () => {
  // Not reachable through the schema (it anchors the pattern too); validateCluster itself anchors the match.
  const config = { ...created(), addonVersions: { coredns: "xv1.9.3-eksbuild.1" } } as CreatedClusterConfig;
  expect(run(config, ctx({ layout: "hybrid" })).errors).toEqual([]);
});

test("cloud-only with an old coredns pin is accepted (the check is for hybrid only)", () => {
  const issues = run(created({ addonVersions: { coredns: "v1.9.3-eksbuild.22" } }), ctx());
  expect(issues.errors).toEqual([]);
});

test("an unparseable private access CIDR is skipped by the overlap checks instead of throwing", () => {
  // The schema refuses such a CIDR; validateCluster must still cope when called with one.
  const base = created();
  const config = { ...base, endpoint: { ...base.endpoint, privateAccessCidrs: ["10.300.0.0/16"] } } as CreatedClusterConfig;
  const issues = run(config, ctx({ layout: "hybrid", remotePodCidrs: ["10.200.0.0/16"] }));
  // The schema reports the bad CIDR; the overlap checks skip it instead of throwing.
  expect(issues.errors).toEqual([]);
});

test("private access off with no privateAccessCidrs gives no 'ignored' warning", () => {
  const issues = run(created({ endpoint: { privateAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } }), ctx());
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([]);
});

test("private access on with privateAccessCidrs gives no 'ignored' warning; private access off does", () => {
  expect(run(created({ endpoint: { privateAccessCidrs: ["192.168.10.0/24"] } }), ctx()).warnings).toEqual([]);
  const off = run(created({ endpoint: { privateAccess: false, publicAccessCidrs: ["203.0.113.0/24"], privateAccessCidrs: ["192.168.10.0/24"] } }), ctx());
  expect(off.warnings).toEqual([{ path: "cluster.endpoint.privateAccessCidrs", message: "is ignored because private access is off", value: ["192.168.10.0/24"] }]);
});

test("clusterSubnetNames for an adopted cluster ignores any subnets field and returns every private subnet sorted", () => {
  // The strict schema never lets an adopted cluster carry subnets; the function still ignores one if given.
  const adopted = { ...ExistingClusterSchema.parse({
    mode: "existing",
    name: "adopted",
    endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "QUJDREVGR0hJSktMTU5PUA==",
    clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718",
    serviceIpv4Cidr: "172.20.0.0/16",
  }), subnets: ["private-b"] } as unknown as ClusterConfig;
  expect(clusterSubnetNames(adopted, SUBNETS)).toEqual(["private-a", "private-b"]);
});
