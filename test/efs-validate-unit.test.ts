/** Unit tests for modules/efs/validate.ts: validateEfs rules and efsSubnetNames, called directly. */
import { Lazy } from "cdktf";
import { formatIssue, Issues } from "../modules/core/errors";
import { EfsConfig, EfsSchema } from "../modules/efs/config";
import { EfsValidationContext, efsSubnetNames, validateEfs } from "../modules/efs/validate";

const subnets = {
  "private-a": { availabilityZone: "eu-west-1a" },
  "private-b": { availabilityZone: "eu-west-1b" },
};
const baseCtx: EfsValidationContext = { subnets, clusterSubnetNames: ["private-a", "private-b"], nodeRoleKnown: true };

const runConfig = (config: EfsConfig, ctx: Partial<EfsValidationContext> = {}) => {
  const issues = new Issues();
  validateEfs(config, { ...baseCtx, ...ctx }, issues);
  return { errors: issues.errors.map(formatIssue), warnings: issues.warnings.map(formatIssue) };
};
const run = (input: Record<string, unknown>, ctx: Partial<EfsValidationContext> = {}) => runConfig(EfsSchema.parse(input), ctx);

/** An availability zone known only at apply time (a cdktf string token). */
const tokenAz = () => Lazy.stringValue({ produce: () => "eu-west-1a" });

test("provisioned throughput with a rate set is accepted without errors or warnings", () => {
  expect(run({ throughputMode: "provisioned", provisionedThroughputMibps: 100 })).toEqual({ errors: [], warnings: [] });
});

test("a throughput rate with bursting mode is refused, suggesting to remove it or switch to provisioned", () => {
  expect(run({ throughputMode: "bursting", provisionedThroughputMibps: 100 }).errors).toEqual([
    "efs.provisionedThroughputMibps: only applies to throughputMode provisioned, not bursting; got 100; allowed: remove it, or set throughputMode: provisioned",
  ]);
});

test("a lifecycle block with two transitions is refused, listing the three transition kinds", () => {
  expect(run({ lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS", transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }] }).errors).toEqual([
    'efs.lifecyclePolicies[0]: must hold exactly one transition; got {"transitionToIa":"AFTER_30_DAYS","transitionToPrimaryStorageClass":"AFTER_1_ACCESS"}; allowed: one of transitionToIa, transitionToArchive, transitionToPrimaryStorageClass',
  ]);
});

test("lifecycle fields present but undefined (construct props) do not count as transitions", () => {
  const lifecyclePolicies = [
    { transitionToIa: "AFTER_30_DAYS", transitionToArchive: undefined, transitionToPrimaryStorageClass: undefined },
    { transitionToIa: undefined, transitionToArchive: undefined, transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
  ];
  expect(run({ lifecyclePolicies })).toEqual({ errors: [], warnings: [] });
});

test("an Archive transition without elastic throughput is refused, naming elastic as the allowed mode", () => {
  expect(run({ throughputMode: "bursting", lifecyclePolicies: [{ transitionToArchive: "AFTER_90_DAYS" }] }).errors).toEqual([
    'efs.throughputMode: must be elastic to use the Archive storage class (transitionToArchive); got "bursting"; allowed: elastic',
  ]);
});

test("maxIO where it is allowed is still warned about: AWS recommends generalPurpose for every file system (EFS-FS-02)", () => {
  expect(run({ performanceMode: "maxIO", throughputMode: "bursting" })).toEqual({
    errors: [],
    warnings: ['efs.performanceMode: is maxIO, which has higher per-operation latency; AWS recommends generalPurpose for every file system (EFS-FS-02); got "maxIO"; allowed: generalPurpose'],
  });
  expect(run({ performanceMode: "generalPurpose", throughputMode: "bursting" }).warnings).toEqual([]);
  expect(run({ performanceMode: "maxIO" }).warnings).toEqual([]); // elastic: an error instead
});

// EFS-FS-04: EFS PutLifecycleConfiguration refuses an Archive transition that is not later than IA.
test("an Archive transition not later than the IA transition is refused, listing the later ones; a later one is accepted", () => {
  expect(run({ lifecyclePolicies: [{ transitionToIa: "AFTER_90_DAYS" }, { transitionToArchive: "AFTER_30_DAYS" }] }).errors).toEqual([
    'efs.lifecyclePolicies[1].transitionToArchive: must be later than transitionToIa (AFTER_90_DAYS): files reach Archive only through IA; got "AFTER_30_DAYS"; allowed: AFTER_180_DAYS, AFTER_270_DAYS, AFTER_365_DAYS',
  ]);
  expect(run({ lifecyclePolicies: [{ transitionToArchive: "AFTER_30_DAYS" }, { transitionToIa: "AFTER_30_DAYS" }] }).errors).toEqual([
    'efs.lifecyclePolicies[0].transitionToArchive: must be later than transitionToIa (AFTER_30_DAYS): files reach Archive only through IA; got "AFTER_30_DAYS"; allowed: AFTER_60_DAYS, AFTER_90_DAYS, AFTER_180_DAYS, AFTER_270_DAYS, AFTER_365_DAYS',
  ]);
  expect(run({ lifecyclePolicies: [{ transitionToIa: "AFTER_365_DAYS" }, { transitionToArchive: "AFTER_365_DAYS" }] }).errors).toEqual([
    'efs.lifecyclePolicies[1].transitionToArchive: must be later than transitionToIa (AFTER_365_DAYS): files reach Archive only through IA; got "AFTER_365_DAYS"; allowed: no Archive transition (IA is already the last step)',
  ]);
  expect(run({ lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToArchive: "AFTER_60_DAYS" }] }).errors).toEqual([]);
  expect(run({ lifecyclePolicies: [{ transitionToArchive: "AFTER_1_DAY" }] }).errors).toEqual([]);
});

test("One Zone in an AZ with no cluster subnet is refused: zero subnets, suggesting one subnet in that AZ", () => {
  expect(run({ oneZone: "eu-west-1c" }).errors).toEqual([
    "efs.subnets: must be exactly one subnet in eu-west-1c for a One Zone file system; got []; allowed: one subnet in eu-west-1c",
  ]);
});

test("One Zone without subnets takes only the first cluster subnet in its AZ, and validation accepts it", () => {
  const ctx: EfsValidationContext = {
    subnets: { ...subnets, "private-a2": { availabilityZone: "eu-west-1a" } },
    clusterSubnetNames: ["private-b", "private-a", "private-a2"],
    nodeRoleKnown: true,
  };
  expect(efsSubnetNames({ oneZone: "eu-west-1a" }, ctx)).toEqual(["private-a"]);
  expect(run({ oneZone: "eu-west-1a" }, ctx)).toEqual({ errors: [], warnings: [] });
});

test("One Zone without subnets skips cluster subnet names the VPC does not have", () => {
  expect(efsSubnetNames({ oneZone: "eu-west-1a" }, { subnets, clusterSubnetNames: ["gone", "private-a"] })).toEqual(["private-a"]);
});

test("One Zone with an unknown subnet reports only the unknown name, not a One Zone error", () => {
  expect(run({ oneZone: "eu-west-1a", subnets: ["nope"] }).errors).toEqual([
    'efs.subnets[0]: names no private subnet of the VPC; got "nope"; allowed: private-a, private-b',
  ]);
});

test("an unknown subnet name lists the VPC's subnets sorted by name", () => {
  const ctx: EfsValidationContext = {
    subnets: { zeta: { availabilityZone: "eu-west-1b" }, alpha: { availabilityZone: "eu-west-1a" } },
    clusterSubnetNames: ["zeta", "alpha"],
    nodeRoleKnown: true,
  };
  expect(run({ subnets: ["alpha", "beta"] }, ctx).errors).toEqual([
    'efs.subnets[1]: names no private subnet of the VPC; got "beta"; allowed: alpha, zeta',
    'efs.subnets: must cover at least two availability zones so every node\'s AZ has a mount target; got ["alpha","beta"]; allowed: subnets in two or more availability zones',
  ]);
});

test("a subnet whose availability zone is a token skips the two-AZ check", () => {
  const ctx: EfsValidationContext = { subnets: { "private-a": { availabilityZone: tokenAz() } }, clusterSubnetNames: ["private-a"], nodeRoleKnown: true };
  expect(run({}, ctx)).toEqual({ errors: [], warnings: [] });
});

test("two default StorageClasses are refused, naming both and allowing at most one default", () => {
  expect(run({ storageClasses: { fast: { default: true }, slow: { default: true } } }).errors).toEqual([
    'efs.storageClasses: marks more than one StorageClass as default; got ["fast","slow"]; allowed: at most one default',
  ]);
});

test("requireTls false without anonymous access warns that only tls,iam mounts work", () => {
  expect(run({ requireTls: false })).toEqual({
    errors: [],
    warnings: ["efs.requireTls: is false, but plain-NFS clients mount anonymously and allowAnonymousAccess is false, so only tls,iam mounts work; set allowAnonymousAccess: true for plain NFS"],
  });
});

test("anonymous access on a cloud-only cluster warns that any host reaching a mount target can mount", () => {
  expect(run({ allowAnonymousAccess: true })).toEqual({
    errors: [],
    warnings: ["efs.allowAnonymousAccess: lets any host that reaches a mount target mount without an IAM identity"],
  });
});

test("anonymous access on a hybrid cluster warns that every on-prem host can mount", () => {
  expect(run({ allowAnonymousAccess: true }, { hybrid: true }).warnings).toEqual([
    "efs.allowAnonymousAccess: lets any host that reaches a mount target mount (including every host in the on-prem networks) without an IAM identity",
  ]);
});

test("StorageClasses without the CSI driver warn that volumes stay Pending, naming the classes", () => {
  expect(run({ csiDriver: false })).toEqual({
    errors: [],
    warnings: ['efs.storageClasses: need the EFS CSI driver (efs.csi.aws.com), which csiDriver: false leaves out; install it yourself or volumes stay Pending; got ["efs"]'],
  });
});

test("a cluster name starting with sg- is refused, as the security group name prefix would be", () => {
  expect(run({}, { clusterName: "sg-prod" }).errors).toEqual([
    'efs: cannot name its security group after cluster sg-prod: the AWS provider refuses security group names starting with "sg-"; got "sg-prod"; allowed: a cluster name not starting with sg-',
  ]);
});

test("a cluster name containing sg- elsewhere than at the start is accepted", () => {
  expect(run({}, { clusterName: "my-sg-cluster" })).toEqual({ errors: [], warnings: [] });
});

// Bugs the mutation review found (fixed in modules/efs/validate.ts).
test("an empty subnet list is refused: EFS without mount targets cannot be mounted by any node", () => {
  expect(run({ subnets: [] }).errors).toEqual([
    "efs.subnets: must name the private subnets of the mount targets (none given, and the cluster lists no subnetNames); got []; allowed: subnets in two or more availability zones",
  ]);
  expect(run({}, { clusterSubnetNames: [] }).errors).toEqual([
    "efs.subnets: must name the private subnets of the mount targets (none given, and the cluster lists no subnetNames); got []; allowed: subnets in two or more availability zones",
  ]);
});

test("a cluster name starting with sg- followed by a token is refused too", () => {
  const name = `sg-${Lazy.stringValue({ produce: () => "prod" })}`;
  expect(run({}, { clusterName: name }).errors).toHaveLength(1);
  expect(run({}, { clusterName: name }).errors[0]).toMatch(/^efs: cannot name its security group after cluster sg-\$\{TfToken\[TOKEN\.\d+\]\}: the AWS provider refuses security group names starting with "sg-"/);
  expect(run({}, { clusterName: Lazy.stringValue({ produce: () => "sg-prod" }) }).errors).toEqual([]);
});
