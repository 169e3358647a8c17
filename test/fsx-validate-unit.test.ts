/** Unit tests for modules/fsx-ontap/validate.ts: validateFsxOntap, validateFileSystem, fsxContextFromHybrid and backendName, called directly. */
import { Lazy } from "cdktf";
import { formatIssue, Issues } from "../modules/core/errors";
import { FsxOntapSchema } from "../modules/fsx-ontap/config";
import { backendName, fsxContextFromHybrid, FsxValidationContext, validateFileSystem, validateFsxOntap } from "../modules/fsx-ontap/validate";
import { HybridSchema } from "../modules/hybrid-nodes/config";
import { SubnetInfo } from "../modules/network/validate";

const TWO_SUBNETS: Record<string, SubnetInfo> = {
  "private-a": { name: "private-a", availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
  "private-b": { name: "private-b", availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
};
const baseCtx: FsxValidationContext = { subnets: TWO_SUBNETS, vpcCidrs: ["10.0.0.0/16"], clusterSubnetNames: ["private-a", "private-b"] };

/** A valid SINGLE_AZ_1 section; `overrides` are raw schema input. */
const singleAz = (overrides: Record<string, unknown> = {}) => ({
  deploymentType: "SINGLE_AZ_1",
  subnets: ["private-a"],
  storageCapacityGiB: 1024,
  throughputMibps: 128,
  svms: { svm1: {} },
  ...overrides,
});
/** A valid MULTI_AZ_1 section (endpoint range set); `overrides` are raw schema input. */
const multiAz = (overrides: Record<string, unknown> = {}) =>
  singleAz({ deploymentType: "MULTI_AZ_1", subnets: ["private-a", "private-b"], endpointIpAddressRange: "198.19.255.0/24", ...overrides });

/** On-prem access of a hybrid cluster with both transit gateway inputs known (construct-style context). */
const onPrem = (cidrs: string[], extra: Partial<NonNullable<FsxValidationContext["onPrem"]>> = {}): FsxValidationContext["onPrem"] => ({
  cidrs,
  transitGatewayRouteTableId: "tgw-rtb-0123456789abcdef0",
  transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0",
  transitGatewayPath: "fsxOntap.onPrem.transitGatewayRouteTableId",
  ...extra,
});

/** Five distinct on-prem networks. */
const FIVE_CIDRS = ["192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24", "192.168.3.0/24", "192.168.4.0/24"];

const run = (input: Record<string, unknown>, ctx: Partial<FsxValidationContext> = {}) => {
  const issues = new Issues();
  validateFsxOntap(FsxOntapSchema.parse(input), { ...baseCtx, ...ctx }, issues);
  return { errors: issues.errors.map(formatIssue), warnings: issues.warnings.map(formatIssue) };
};

test("a Single-AZ file system with two subnets is refused: must list 1 subnet (singular), allowed one subnet", () => {
  expect(run(singleAz({ subnets: ["private-a", "private-b"] })).errors).toEqual([
    'fsxOntap.subnets: must list 1 subnet for SINGLE_AZ_1; got ["private-a","private-b"]; allowed: one subnet',
  ]);
});

test("a Multi-AZ file system with one subnet gets only the count error: must list 2 subnets, in different availability zones", () => {
  expect(run(multiAz({ subnets: ["private-a"] }))).toEqual({
    errors: ['fsxOntap.subnets: must list 2 subnets for MULTI_AZ_1; got ["private-a"]; allowed: two subnets in different availability zones'],
    warnings: [],
  });
});

test("a missing throughputMibps is required for SINGLE_AZ_1, listing the throughputs it offers", () => {
  expect(run(singleAz({ throughputMibps: undefined })).errors).toEqual([
    "fsxOntap.throughputMibps: is required for SINGLE_AZ_1; got nothing; allowed: 128, 256, 512, 1024, 2048, 4096",
  ]);
});

test("a storage class naming an unknown SVM lists the declared SVMs separated by ', '", () => {
  expect(run(singleAz({ svms: { alpha: {}, beta: {} }, trident: { storageClasses: { gold: { svm: "gamma" } } } })).errors).toEqual([
    'fsxOntap.trident.storageClasses.gold.svm: names no SVM of fsxOntap.svms; got "gamma"; allowed: alpha, beta',
  ]);
});

test("a preferred subnet outside subnets lists the subnets separated by ', '", () => {
  expect(run(multiAz({ preferredSubnet: "private-c" })).errors).toEqual([
    'fsxOntap.preferredSubnet: is not one of subnets; got "private-c"; allowed: private-a, private-b',
  ]);
});

test("haPairs: 1 is accepted on SINGLE_AZ_1", () => {
  expect(run(singleAz({ haPairs: 1 }))).toEqual({ errors: [], warnings: [] });
});

test("an endpoint range overlapping the VPC CIDR is refused, suggesting a range in 198.19.0.0/16", () => {
  expect(run(multiAz({ endpointIpAddressRange: "10.0.255.0/24" })).errors).toEqual([
    'fsxOntap.endpointIpAddressRange: overlaps the VPC CIDR 10.0.0.0/16; got "10.0.255.0/24"; allowed: a range used nowhere else (e.g. in 198.19.0.0/16)',
  ]);
});

test("an endpoint range overlapping an on-prem network is refused, naming the on-prem network", () => {
  expect(run(multiAz({ endpointIpAddressRange: "192.168.100.0/28" }), { onPrem: onPrem(["192.168.100.0/23"]) })).toEqual({
    errors: [
      'fsxOntap.endpointIpAddressRange: overlaps the on-prem network 192.168.100.0/23; got "192.168.100.0/28"; allowed: a range used nowhere else (e.g. in 198.19.0.0/16)',
    ],
    warnings: [],
  });
});

test("a /28 endpoint range on Multi-AZ without on-prem is accepted with no error and no warning", () => {
  expect(run(multiAz({ endpointIpAddressRange: "198.19.255.0/28" }))).toEqual({ errors: [], warnings: [] });
});

test("Multi-AZ without an endpoint range and without on-prem warns that FSx picks one and changing it later replaces the file system", () => {
  expect(run(multiAz({ endpointIpAddressRange: undefined }))).toEqual({
    errors: [],
    warnings: ["fsxOntap.endpointIpAddressRange: is not set: FSx picks one, and setting it later (e.g. when switching to hybrid) replaces the file system"],
  });
});

test("a missing attachment id is reported at transitGatewayPath with only its trailing RouteTableId swapped for AttachmentId", () => {
  const ctx = { onPrem: onPrem(["192.168.100.0/23"], { transitGatewayAttachmentId: undefined, transitGatewayPath: "networks.sharedRouteTableIds[0].transitGatewayRouteTableId" }) };
  expect(run(multiAz(), ctx).errors).toEqual([
    "networks.sharedRouteTableIds[0].transitGatewayAttachmentId: is required with a MULTI_AZ_1 file system in the hybrid layout: the endpoint-range route targets this VPC's attachment (FSX-NET-02); got nothing; allowed: the tgw-attach- id of this VPC's attachment",
  ]);
});

test("an unknown routeTableSubnets name is reported at its index under routeTableSubnets", () => {
  expect(run(multiAz({ routeTableSubnets: ["private-a", "nope"] })).errors).toEqual([
    'fsxOntap.routeTableSubnets[1]: names no private subnet of network; got "nope"; allowed: private-a, private-b',
  ]);
});

// FSX-NET-02: nodes in a subnet whose route table FSx does not manage cannot reach the floating IPs.
test("routeTableSubnets that leave out a subnet of the cluster are warned about, naming it; listing all of them is quiet", () => {
  expect(run(multiAz({ routeTableSubnets: ["private-a"] })).warnings).toContainEqual(
    'fsxOntap.routeTableSubnets: leaves out subnets of the cluster (private-b): FSx routes its floating endpoint IPs only in the listed subnets\' route tables, so nodes there reach the file system only if their route table is one of those; got ["private-a"]; allowed: add private-b, or leave routeTableSubnets out (every subnet of the VPC)',
  );
  expect(run(multiAz({ routeTableSubnets: ["private-b", "private-a"] })).warnings.filter((w) => w.startsWith("fsxOntap.routeTableSubnets"))).toEqual([]);
});

test("exactly 50 subnets (route tables FSx manages by default) are accepted on Multi-AZ", () => {
  const subnets: Record<string, SubnetInfo> = { ...TWO_SUBNETS };
  for (let i = 3; i <= 50; i++) subnets[`private-${i}`] = { name: `private-${i}`, availabilityZone: "eu-west-1c" };
  expect(Object.keys(subnets)).toHaveLength(50);
  expect(run(multiAz(), { subnets })).toEqual({ errors: [], warnings: [] });
});

test("coolingPeriodDays on a volume whose name starts with junctionPath is reported at that volume's coolingPeriodDays", () => {
  const svms = { svm1: { volumes: { junctionPath_old: { junctionPath: "/old", sizeGiB: 10, tieringPolicy: "NONE", coolingPeriodDays: 10 } } } };
  expect(run(singleAz({ svms })).errors).toEqual([
    "fsxOntap.svms.svm1.volumes.junctionPath_old.coolingPeriodDays: only applies to tiering policies AUTO and SNAPSHOT_ONLY, not NONE; got 10",
  ]);
});

test("a volume with tiering policy NONE and no coolingPeriodDays is accepted", () => {
  const svms = { svm1: { volumes: { data: { junctionPath: "/data", sizeGiB: 10, tieringPolicy: "NONE" } } } };
  expect(run(singleAz({ svms }))).toEqual({ errors: [], warnings: [] });
});

test("coolingPeriodDays with tiering policy SNAPSHOT_ONLY is accepted", () => {
  const svms = { svm1: { volumes: { data: { junctionPath: "/data", sizeGiB: 10, tieringPolicy: "SNAPSHOT_ONLY", coolingPeriodDays: 5 } } } };
  expect(run(singleAz({ svms }))).toEqual({ errors: [], warnings: [] });
});

test("more than 60 security group rules is refused with the rule count and a hint to summarize CIDRs or drop protocols", () => {
  expect(run(singleAz(), { onPrem: onPrem([...FIVE_CIDRS, "192.168.5.0/24"]) }).errors).toEqual([
    "fsxOntap: needs 64 security group rules (ports x sources), more than the 60 AWS allows per group; got 64; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols",
  ]);
});

test("Trident SAN adds iSCSI to both cloud and on-prem rules: five on-prem CIDRs then need 61 rules", () => {
  expect(run(singleAz({ trident: { san: true } }), { onPrem: onPrem(FIVE_CIDRS) }).errors).toEqual([
    "fsxOntap: needs 61 security group rules (ports x sources), more than the 60 AWS allows per group; got 61; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols",
  ]);
});

test("a disabled Trident is not validated and its san flag opens no port: irsa without OIDC ARN, bad classes and five on-prem CIDRs pass", () => {
  const trident = { enabled: false, san: true, identity: "irsa", storageClasses: { gold: { svm: "nope", backendType: "ontap-san" } } };
  expect(run(singleAz({ trident }), { onPrem: onPrem(FIVE_CIDRS) })).toEqual({ errors: [], warnings: [] });
});

test("on-prem CIDRs known only at apply (tokens) do not count toward the security group rule limit", () => {
  const token = Lazy.stringValue({ produce: () => "192.168.9.0/24" });
  expect(run(singleAz(), { onPrem: onPrem([...FIVE_CIDRS, token]) }).errors).toEqual([]);
});

test("exactly 60 security group rules are accepted (management opened on-prem, five on-prem CIDRs)", () => {
  expect(run(singleAz({ onPremManagementAccess: true }), { onPrem: onPrem(FIVE_CIDRS) })).toEqual({ errors: [], warnings: [] });
});

test("the YAML context of a virtual private gateway carries no transit gateway route table or attachment", () => {
  const hybrid = HybridSchema.parse({
    remoteNodeCidrs: ["192.168.100.0/23"],
    remotePodCidrs: ["192.168.128.0/18"],
    connectivity: { gateway: { type: "virtual-private-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
  });
  expect(fsxContextFromHybrid(baseCtx, hybrid)).toStrictEqual({
    subnets: TWO_SUBNETS,
    vpcCidrs: ["10.0.0.0/16"],
    clusterSubnetNames: ["private-a", "private-b"],
    onPrem: {
      cidrs: ["192.168.100.0/23", "192.168.128.0/18"],
      transitGatewayRouteTableId: undefined,
      transitGatewayAttachmentId: undefined,
      transitGatewayPath: "hybrid.connectivity.gateway.transitGatewayRouteTableId",
      gatewayType: "virtual-private-gateway",
    },
  });
});

test("backend names lowercase the SVM name and turn '_' into '-'", () => {
  expect(backendName("Svm_Data_1", "ontap-nas")).toBe("svm-data-1-ontap-nas");
});

test("validateFileSystem takes the SAN flag from its caller: san true with five on-prem CIDRs needs 61 rules", () => {
  const issues = new Issues();
  validateFileSystem(FsxOntapSchema.parse(singleAz()), { ...baseCtx, onPrem: onPrem(FIVE_CIDRS) }, issues, "storage", true);
  expect(issues.errors.map(formatIssue)).toEqual([
    "storage: needs 61 security group rules (ports x sources), more than the 60 AWS allows per group; got 61; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols",
  ]);
});
