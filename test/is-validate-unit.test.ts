import { formatIssue, Issues } from "../modules/core/errors";
import { InstanceStoreSchema } from "../modules/instance-store/config";
import { InstanceStoreValidationContext, validateInstanceStore } from "../modules/instance-store/validate";

const subnets = {
  "app-a": { name: "app-a", availabilityZone: "eu-west-1a" },
  "app-b": { name: "app-b", availabilityZone: "eu-west-1b" },
};

const run = (input: unknown, ctx: Partial<InstanceStoreValidationContext> = {}) => {
  const config = InstanceStoreSchema.parse(input);
  const issues = new Issues();
  validateInstanceStore(config, { subnets, clusterHasNodeRole: true, ...ctx }, issues);
  return { errors: issues.errors.map(formatIssue), warnings: issues.warnings.map(formatIssue) };
};

const perDisk = (mountPath?: string) => ({ method: "script", layout: "per-disk", ...(mountPath ? { mountPath } : {}) });

test("cluster subnet names that are not VPC subnets are refused, each by its index, listing the known subnets", () => {
  const { errors } = run({ nodegroups: { a: { instanceTypes: ["i4i.large"], diskSetup: perDisk() } } }, { clusterSubnetNames: ["app-a", "db-c", "constructor"] });
  expect(errors).toEqual([
    "cluster.subnetNames[1]: names no subnet of the VPC passed to instanceStore (nodegroups default to the cluster's subnets); got \"db-c\"; allowed: app-a, app-b",
    "cluster.subnetNames[2]: names no subnet of the VPC passed to instanceStore (nodegroups default to the cluster's subnets); got \"constructor\"; allowed: app-a, app-b",
  ]);
});

test("nodeadm RAID10 on a one-disk type says '1 NVMe disk' (singular)", () => {
  const { errors } = run({ nodegroups: { a: { instanceTypes: ["i4i.large", "i4i.8xlarge"], diskSetup: { method: "nodeadm", strategy: "RAID10" } } } });
  expect(errors).toEqual([
    "instanceStore.nodegroups.a.instanceTypes[0]: has 1 NVMe disk; RAID10 needs at least 4 (IS-NA-01); got \"i4i.large\"; allowed: a type with 4 or more instance-store disks, or strategy RAID0/Mount",
    "instanceStore.nodegroups.a.instanceTypes[1]: has 2 NVMe disks; RAID10 needs at least 4 (IS-NA-01); got \"i4i.8xlarge\"; allowed: a type with 4 or more instance-store disks, or strategy RAID0/Mount",
  ]);
});

test("a differing mount path names the first nodegroup that published the other directory", () => {
  const { errors } = run({
    nodegroups: {
      first: { instanceTypes: ["i4i.large"], diskSetup: perDisk("/mnt/fast-disks") },
      second: { instanceTypes: ["i4i.large"], diskSetup: perDisk("/mnt/fast-disks/") },
      third: { instanceTypes: ["i4i.large"], diskSetup: perDisk("/mnt/other") },
    },
  });
  expect(errors).toEqual([
    "instanceStore.nodegroups.third.diskSetup.mountPath: differs from nodegroup first (/mnt/fast-disks); the fast-disks class has one host directory; got \"/mnt/other\"; allowed: /mnt/fast-disks",
  ]);
});

test("a nodeadm RAID array at the published directory is refused, suggesting another path", () => {
  const { errors } = run({
    nodegroups: {
      pv: { instanceTypes: ["i4i.large"], diskSetup: perDisk() },
      raid: { instanceTypes: ["i4i.large"], diskSetup: { method: "nodeadm", strategy: "RAID0", mountPath: "/mnt/fast-disks" } },
    },
  });
  expect(errors).toEqual([
    "instanceStore.nodegroups.raid.diskSetup.mountPath: is the directory the provisioner publishes; a nodeadm RAID array there would expose kubelet's filesystem as PVs; got \"/mnt/fast-disks\"; allowed: another path, e.g. /mnt/k8s-disks",
  ]);
});
