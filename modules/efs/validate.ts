import { Issues, joinPath } from "../core/errors";
import { SubnetInfo } from "../network/validate";
import { EfsConfig } from "./config";

export interface EfsValidationContext {
  readonly subnets: Record<string, SubnetInfo>;
  readonly clusterSubnetNames: readonly string[];
}

/** The mount target subnets: configured, or the cluster's (only the one in the One Zone AZ for One Zone). */
export function efsSubnetNames(config: EfsConfig, ctx: EfsValidationContext): string[] {
  if (config.subnets) return [...config.subnets];
  if (config.oneZone) return ctx.clusterSubnetNames.filter((n) => ctx.subnets[n]?.availabilityZone === config.oneZone).slice(0, 1);
  return [...ctx.clusterSubnetNames];
}

export function validateEfs(config: EfsConfig, ctx: EfsValidationContext, issues: Issues, path = "efs"): void {
  // EFS-FS-01 / EFS-FS-02: performance and throughput modes together.
  if (config.throughputMode === "provisioned" && config.provisionedThroughputMibps === undefined) {
    issues.error(joinPath(path, "provisionedThroughputMibps"), "is required when throughputMode is provisioned", undefined, "1-3414 (MiB/s)");
  }
  if (config.throughputMode !== "provisioned" && config.provisionedThroughputMibps !== undefined) {
    issues.error(joinPath(path, "provisionedThroughputMibps"), `only applies to throughputMode provisioned, not ${config.throughputMode}`, config.provisionedThroughputMibps, "remove it, or set throughputMode: provisioned");
  }
  if (config.performanceMode === "maxIO" && config.oneZone) {
    issues.error(joinPath(path, "performanceMode"), "maxIO is not supported on One Zone file systems (EFS-FS-02)", "maxIO", "generalPurpose");
  }
  if (config.performanceMode === "maxIO" && config.throughputMode === "elastic") {
    issues.error(joinPath(path, "performanceMode"), "maxIO is not supported with elastic throughput (EFS-FS-02)", "maxIO", "generalPurpose, or throughputMode bursting/provisioned");
  }

  // EFS-FS-04: one transition per lifecycle block, each kind once.
  const kinds = new Map<string, number>();
  config.lifecyclePolicies.forEach((policy, i) => {
    const set = Object.entries(policy).filter(([, v]) => v !== undefined).map(([k]) => k);
    const p = joinPath(joinPath(path, "lifecyclePolicies"), i);
    if (set.length !== 1) {
      issues.error(p, "must hold exactly one transition", policy, "one of transitionToIa, transitionToArchive, transitionToPrimaryStorageClass");
    }
    for (const k of set) {
      if (kinds.has(k)) issues.error(joinPath(p, k), `repeats the transition of lifecyclePolicies[${kinds.get(k)}]`, (policy as Record<string, unknown>)[k]);
      kinds.set(k, i);
    }
  });
  if (kinds.has("transitionToArchive") && config.throughputMode !== "elastic") {
    issues.error(joinPath(path, "throughputMode"), "must be elastic to use the Archive storage class (transitionToArchive)", config.throughputMode, "elastic");
  }

  // EFS-MT-01: one mount target per AZ, all in the VPC's subnets; One Zone: exactly one, in its AZ.
  const names = efsSubnetNames(config, ctx);
  const subnetsPath = joinPath(path, "subnets");
  const byAz = new Map<string, string>();
  names.forEach((name, i) => {
    const s = ctx.subnets[name];
    if (!s) {
      issues.error(joinPath(subnetsPath, i), "names no private subnet of network", name, Object.keys(ctx.subnets).sort().join(", "));
      return;
    }
    const other = byAz.get(s.availabilityZone);
    if (other) issues.error(joinPath(subnetsPath, i), `is in ${s.availabilityZone} like ${other}; EFS allows one mount target per availability zone`, name, "one subnet per availability zone");
    byAz.set(s.availabilityZone, name);
  });
  if (config.oneZone) {
    if (names.length !== 1 || (byAz.size === 1 && !byAz.has(config.oneZone))) {
      issues.error(subnetsPath, `must be exactly one subnet in ${config.oneZone} for a One Zone file system`, names, `one subnet in ${config.oneZone}`);
    }
  } else if (names.length > 0 && byAz.size < 2) {
    issues.error(subnetsPath, "must cover at least two availability zones so every node's AZ has a mount target", names, "subnets in two or more availability zones");
  }

  // Access point paths unique per name (names are unique as keys already).
  const paths = new Map<string, string>();
  for (const [name, ap] of Object.entries(config.accessPoints)) {
    const other = paths.get(ap.path);
    if (other) issues.error(joinPath(joinPath(joinPath(path, "accessPoints"), name), "path"), `is already the root of access point ${other}`, ap.path, "a distinct directory per access point");
    paths.set(ap.path, name);
  }
  const defaults = Object.entries(config.storageClasses).filter(([, sc]) => sc.default).map(([n]) => n);
  if (defaults.length > 1) issues.error(joinPath(path, "storageClasses"), "marks more than one StorageClass as default", defaults, "at most one default");
}
