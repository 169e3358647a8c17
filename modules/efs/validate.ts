import { Token } from "cdktf";
import { Issues, joinPath } from "../core/errors";
import { EfsConfig, TRANSITION_TO_ARCHIVE } from "./config";
import { own } from "../core/records";

export interface EfsValidationContext {
  /** The VPC's subnets by key (an AZ that is a token skips the AZ checks). */
  readonly subnets: Readonly<Record<string, { readonly availabilityZone: string }>>;
  readonly clusterSubnetNames: readonly string[];
  /**
   * The cluster's node role is known (created clusters; adopted ones given `nodeRoleArn`): the
   * CSI node plugin mounts with it, so it is granted in the file system policy. @default true
   */
  readonly nodeRoleKnown?: boolean;
  /** The cluster has hybrid remote networks (cluster.remoteNetworks). @default false */
  readonly hybrid?: boolean;
  /** The cluster's name as plain text (it names the security group and role). @default - not checked */
  readonly clusterName?: string;
}

/** The mount target subnets: configured, or the cluster's (only the one in the One Zone AZ for One Zone). */
export function efsSubnetNames(config: Pick<EfsConfig, "subnets" | "oneZone">, ctx: EfsValidationContext): string[] {
  if (config.subnets) return [...config.subnets];
  if (config.oneZone) return ctx.clusterSubnetNames.filter((n) => own(ctx.subnets, n)?.availabilityZone === config.oneZone).slice(0, 1);
  return [...ctx.clusterSubnetNames];
}

/**
 * Every EFS rule, for both front doors (environment file and construct props). Besides the
 * API rules below, this mirrors the AWS provider's plan-time validators a config value can trip
 * (hashicorp/terraform-provider-aws internal/service/efs, eks, iam, ec2):
 * - aws_efs_file_system: performance_mode/throughput_mode/lifecycle enums and lifecycle_policy
 *   MaxItems 3 (schema), creation_token <= 64 (we cut the generated one), kms_key_id ARN (schema);
 * - aws_efs_access_point, aws_efs_mount_target, aws_efs_backup_policy: no validator a config value
 *   reaches (ip_address is not set; status is ours); the EFS API limits of access points are in
 *   the schema instead (path, secondaryGids, permissions);
 * - aws_efs_file_system_policy: policy must be JSON (rendered by us);
 * - aws_eks_addon: addon_version semver without leading zeros (schema `addonVersion`);
 * - aws_iam_role: name_prefix <= 38 (cut), characters [\w+=,.@-] (cluster names are a subset);
 * - aws_security_group: name_prefix <= 229 and not starting with "sg-" (checked here);
 * - kubernetes_storage_class_v1: metadata.name a DNS name (schema `k8sName`), reclaim_policy enum.
 */
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
  } else if (config.performanceMode === "maxIO" && !config.oneZone) {
    // EFS-FS-02: AWS recommends General Purpose for every file system (Max I/O has higher per-operation latency).
    issues.warn(joinPath(path, "performanceMode"), "is maxIO, which has higher per-operation latency; AWS recommends generalPurpose for every file system (EFS-FS-02)", "maxIO", "generalPurpose");
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
  // EFS-FS-04: files reach Archive through IA, so EFS refuses an Archive transition that is not later
  // (PutLifecycleConfiguration: "TransitionToArchive must either not be set or must be later than
  // TransitionToIA"). At apply the file system would be created and its lifecycle call fail, leaving
  // it tainted under prevent_destroy.
  const daysOf = (after: string) => Number(after.match(/\d+/)![0]);
  const ia = config.lifecyclePolicies.find((x) => x.transitionToIa)?.transitionToIa;
  config.lifecyclePolicies.forEach((policy, i) => {
    if (!ia || !policy.transitionToArchive || daysOf(policy.transitionToArchive) > daysOf(ia)) return;
    const later = TRANSITION_TO_ARCHIVE.filter((a) => daysOf(a) > daysOf(ia));
    issues.error(joinPath(joinPath(joinPath(path, "lifecyclePolicies"), i), "transitionToArchive"), `must be later than transitionToIa (${ia}): files reach Archive only through IA`, policy.transitionToArchive, later.length > 0 ? later.join(", ") : "no Archive transition (IA is already the last step)");
  });
  if (kinds.has("transitionToArchive") && config.throughputMode !== "elastic") {
    issues.error(joinPath(path, "throughputMode"), "must be elastic to use the Archive storage class (transitionToArchive)", config.throughputMode, "elastic");
  }

  // EFS-MT-01: one mount target per AZ, all in the VPC's subnets; One Zone: exactly one, in its AZ.
  const names = efsSubnetNames(config, ctx);
  const subnetsPath = joinPath(path, "subnets");
  const byAz = new Map<string, string>();
  let unknownAz = false;
  names.forEach((name, i) => {
    const s = own(ctx.subnets, name);
    if (!s) {
      issues.error(joinPath(subnetsPath, i), "names no private subnet of the VPC", name, Object.keys(ctx.subnets).sort().join(", "));
      return;
    }
    if (Token.isUnresolved(s.availabilityZone)) {
      unknownAz = true;
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
  } else if (names.length === 0) {
    // No subnet given and none from the cluster: a file system without mount targets no node can mount.
    issues.error(subnetsPath, "must name the private subnets of the mount targets (none given, and the cluster lists no subnetNames)", names, "subnets in two or more availability zones");
  } else if (byAz.size < 2 && !unknownAz) {
    issues.error(subnetsPath, "must cover at least two availability zones so every node's AZ has a mount target", names, "subnets in two or more availability zones");
  } else if (!unknownAz) {
    // EFS-MT-01: the file system's DNS name resolves only in AZs with a mount target; nodes elsewhere
    // fall back to an API lookup their node role may not allow, so their mounts fail.
    const uncovered = [...new Set(ctx.clusterSubnetNames.map((n) => own(ctx.subnets, n)?.availabilityZone).filter((az): az is string => !!az && !Token.isUnresolved(az) && !byAz.has(az)))];
    if (uncovered.length > 0) {
      issues.warn(subnetsPath, `has no mount target in ${uncovered.join(", ")}, where the cluster's subnets are: the file system's DNS name does not resolve there, so nodes in ${uncovered.length === 1 ? "that zone" : "those zones"} cannot mount it`, names, `a subnet in each of ${uncovered.join(", ")} too`);
    }
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

  // EFS-TLS-01 / GEN-SEC: IAM authorization. The CSI node plugin mounts with the node's role
  // (efs-utils `iam`, aws-efs-csi-driver docs/parameters.md); without a known role nothing grants it.
  if (config.csiDriver && ctx.nodeRoleKnown === false && config.clientPrincipalArns.length === 0 && !config.allowAnonymousAccess) {
    issues.error(
      joinPath(path, "clientPrincipalArns"),
      "must name the node role(s) of the cluster's nodegroups: the cluster is adopted without a node role, and the EFS CSI node plugin mounts (tls,iam) with the node's IAM role, so cloud pods could not mount",
      [],
      "node role ARNs such as arn:aws:iam::111122223333:role/eks-nodes (or ClusterRef nodeRoleArn), or allowAnonymousAccess: true",
    );
  }
  if (!config.requireTls && !config.allowAnonymousAccess) {
    issues.warn(joinPath(path, "requireTls"), "is false, but plain-NFS clients mount anonymously and allowAnonymousAccess is false, so only tls,iam mounts work; set allowAnonymousAccess: true for plain NFS");
  }
  if (config.allowAnonymousAccess) {
    issues.warn(joinPath(path, "allowAnonymousAccess"), `lets any host that reaches a mount target mount${ctx.hybrid ? " (including every host in the on-prem networks)" : ""} without an IAM identity`);
  }

  // HYB-ADD-02: no warning for the CSI controller's missing affinity on hybrid clusters: nothing
  // verified can silence it (the add-on takes no affinity), so it is documented instead
  // (EfsStorage class doc, README "EFS"), and bundled environments stay warning-free.
  // EKS add-on: no configuration schema of aws-efs-csi-driver is public, so no key is verified.
  if (config.controllerNodeSelector) {
    if (!config.csiDriver) {
      issues.error(joinPath(path, "controllerNodeSelector"), "applies to the CSI driver add-on, which csiDriver: false leaves out", config.controllerNodeSelector, "remove it, or csiDriver: true");
    } else {
      issues.warn(joinPath(path, "controllerNodeSelector"), "is sent as the add-on's controller.nodeSelector, a key no public schema of aws-efs-csi-driver confirms (vendor/addons/aws-efs-csi-driver.keys.md); an unknown key fails CreateAddon: check it with aws eks describe-addon-configuration first");
    }
  }
  if (config.csiDriverVersion && !config.csiDriver) {
    issues.error(joinPath(path, "csiDriverVersion"), "applies to the CSI driver add-on, which csiDriver: false leaves out", config.csiDriverVersion, "remove it, or csiDriver: true");
  }
  if (!config.csiDriver && Object.keys(config.storageClasses).length > 0) {
    issues.warn(joinPath(path, "storageClasses"), "need the EFS CSI driver (efs.csi.aws.com), which csiDriver: false leaves out; install it yourself or volumes stay Pending", Object.keys(config.storageClasses));
  }

  // aws_security_group.name_prefix "<cluster>-efs-": the provider refuses a prefix starting with "sg-".
  // A name that only starts with a token never matches; one like `sg-${token}` is refused too.
  if (ctx.clusterName && /^sg-/.test(ctx.clusterName)) {
    issues.error(path, `cannot name its security group after cluster ${ctx.clusterName}: the AWS provider refuses security group names starting with "sg-"`, ctx.clusterName, "a cluster name not starting with sg-");
  }
}
