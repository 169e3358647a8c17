import { validateNodegroupBase } from "../cluster/validate";
import { Issues, joinPath } from "../core/errors";
import { SubnetInfo } from "../network/validate";
import { FAST_DISKS_CLASS, InstanceStoreConfig } from "./config";
import { instanceStoreDisks } from "./instance-types";
import { FAST_DISK_LABEL, mountPathOf, publishedPath } from "./render";
import { own } from "../core/records";

export interface InstanceStoreValidationContext {
  /** The VPC's private subnets by key (IVpcRef.subnets on the construct path). */
  readonly subnets: Readonly<Record<string, SubnetInfo>>;
  /** Whether the cluster supplies a node role (created clusters do; adopted ones only when given). */
  readonly clusterHasNodeRole: boolean;
  /** The cluster's subnet keys, the nodegroups' default placement. @default - not checked (the YAML path checks them in cluster.subnets) */
  readonly clusterSubnetNames?: readonly string[];
}

/** Directories of the node's own system: disks mounted there would hide what they hold (IS-NA-02 binds kubelet, containerd and pod logs). */
const SYSTEM_DIRECTORIES = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run", "/sbin", "/sys", "/usr", "/var/lib/kubelet", "/var/lib/containerd", "/var/log"];

/**
 * Why a disk mount path is refused, if it is: the NVMe disks are formatted and mounted under it at
 * boot, and the provisioner publishes every mount it finds there as a volume (IS-LSP-02).
 */
export function mountPathProblem(mountPath: string): string | undefined {
  const segments = mountPath.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return "has a '.' or '..' segment; name the directory itself";
  const normalized = `/${segments.join("/")}`;
  if (normalized === "/" || normalized === "/var" || SYSTEM_DIRECTORIES.some((d) => normalized === d || normalized.startsWith(`${d}/`))) {
    return "is a system directory: the disks would be mounted over what it holds, and the provisioner would publish it as volumes";
  }
  return undefined;
}

/**
 * Plan-time validations of the provider mirrored here (issue 9 item 12), for what this capability
 * creates from config values:
 * - kubernetes_storage_class_v1.reclaim_policy: Delete | Retain (schema enum `reclaimPolicy`).
 * - helm_release.name: at most 53 characters (provider-helm); ours is the constant
 *   "local-static-provisioner" (24), so no config value can trip it.
 * - aws_eks_node_group / aws_launch_template arguments (scaling, taints, name prefixes) are mirrored by
 *   the shared nodegroup schema and ManagedNodegroup (cluster capability), not repeated here.
 */
export function validateInstanceStore(config: InstanceStoreConfig, ctx: InstanceStoreValidationContext, issues: Issues, path = "instanceStore"): void {
  const ngPath = joinPath(path, "nodegroups");
  if (Object.keys(config.nodegroups).length === 0) issues.error(ngPath, "must declare at least one nodegroup", config.nodegroups);
  if (!ctx.clusterHasNodeRole && !config.nodeRoleArn) {
    issues.error(joinPath(path, "nodeRoleArn"), "is required when the cluster is adopted (cluster.mode existing): there is no node role to reuse", undefined, "an IAM role ARN for EC2 nodes");
  }
  const known = Object.keys(ctx.subnets);
  (ctx.clusterSubnetNames ?? []).forEach((n, i) => {
    if (!own(ctx.subnets, n)) issues.error(`cluster.subnetNames[${i}]`, "names no subnet of the VPC passed to instanceStore (nodegroups default to the cluster's subnets)", n, known.join(", "));
  });
  const published = new Map<string, string>();
  for (const [name, ng] of Object.entries(config.nodegroups)) {
    const p = joinPath(ngPath, name);
    validateNodegroupBase(ng, ctx.subnets, issues, p);
    const counts = new Set<number>();
    ng.instanceTypes.forEach((type, i) => {
      const tp = joinPath(joinPath(p, "instanceTypes"), i);
      const lookup = instanceStoreDisks(type);
      if (!lookup.ok) {
        issues.error(tp, lookup.reason, type, lookup.allowed);
        return;
      }
      counts.add(lookup.disks);
      if (ng.diskSetup.method === "nodeadm" && ng.diskSetup.strategy === "RAID10" && lookup.disks < 4) {
        issues.error(tp, `has ${lookup.disks} NVMe disk${lookup.disks === 1 ? "" : "s"}; RAID10 needs at least 4 (IS-NA-01)`, type, "a type with 4 or more instance-store disks, or strategy RAID0/Mount");
      }
    });
    if (counts.size > 1) issues.warn(joinPath(p, "instanceTypes"), "mixes types with different disk counts; nodes will differ in local capacity", ng.instanceTypes);
    if (FAST_DISK_LABEL in ng.labels) issues.error(joinPath(joinPath(p, "labels"), FAST_DISK_LABEL), "is set by the module from diskSetup; remove it", ng.labels[FAST_DISK_LABEL]);
    const mountProblem = ng.diskSetup.mountPath === undefined ? undefined : mountPathProblem(ng.diskSetup.mountPath);
    if (mountProblem) issues.error(joinPath(joinPath(p, "diskSetup"), "mountPath"), mountProblem, ng.diskSetup.mountPath, "a directory of its own, such as /mnt/fast-disks");

    const pub = publishedPath(ng.diskSetup);
    if (pub) {
      for (const [otherPath, otherName] of published) {
        if (otherPath !== pub) {
          issues.error(joinPath(joinPath(p, "diskSetup"), "mountPath"), `differs from nodegroup ${otherName} (${otherPath}); the ${FAST_DISKS_CLASS} class has one host directory`, pub, otherPath);
        }
      }
      if (!published.has(pub)) published.set(pub, name);
    }
  }
  // IS-LSP-03: never publish the array nodeadm RAID uses for kubelet and containerd.
  for (const [name, ng] of Object.entries(config.nodegroups)) {
    if (publishedPath(ng.diskSetup) === undefined && published.has(mountPathOf(ng.diskSetup))) {
      issues.error(joinPath(joinPath(joinPath(ngPath, name), "diskSetup"), "mountPath"), "is the directory the provisioner publishes; a nodeadm RAID array there would expose kubelet's filesystem as PVs", mountPathOf(ng.diskSetup), "another path, e.g. /mnt/k8s-disks");
    }
  }
}
