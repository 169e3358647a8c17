import { z } from "zod";
import { availabilityZone, iamPrincipalArn, itemName, k8sLabelKey, k8sLabelValue, kmsKeyArn, pattern } from "../core/schema";

export const TRANSITION_TO_IA = ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"] as const;
export const TRANSITION_TO_ARCHIVE = ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"] as const;

/** One transition per block (EFS-FS-04); the validator names the offending block. */
export const LifecyclePolicySchema = z.strictObject({
  transitionToIa: z.enum(TRANSITION_TO_IA).optional(),
  transitionToArchive: z.enum(TRANSITION_TO_ARCHIVE).optional(),
  transitionToPrimaryStorageClass: z.enum(["AFTER_1_ACCESS"]).optional(),
});

const k8sName = pattern(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Kubernetes name: at most 63 lowercase letters, digits and '-', alphanumeric at both ends");

/**
 * EFS API RootDirectory.Path (CreateAccessPoint): 1-100 characters, at most four levels below
 * `/`, no component starting with '.', none of $#<>;`|&?{}^* (the provider does not check it,
 * so a bad path fails only at apply). We allow the safe subset: letters, digits, '.', '_', '-'.
 */
const accessPointPath = pattern(/^\/(?!\.)[A-Za-z0-9._-]+(\/(?!\.)[A-Za-z0-9._-]+){0,3}$/, "must be an absolute path of at most four levels such as /shared/app (letters, digits, '.', '_', '-'; no component starting with '.')");

export const AccessPointSchema = z.strictObject({
  /** POSIX user id every request through this access point runs as. */
  uid: z.number().int().min(0).max(4294967295),
  /** POSIX group id every request through this access point runs as. */
  gid: z.number().int().min(0).max(4294967295),
  /** Extra POSIX group ids (EFS API: at most 16). @default [] */
  secondaryGids: z.array(z.number().int().min(0).max(4294967295)).max(16).default([]),
  /** Root directory of the access point, created on first use. */
  path: accessPointPath.max(100),
  /** Octal permissions of the created root directory (EFS API pattern ^[0-7]{3,4}$). @default "0750" */
  permissions: pattern(/^[0-7]{3,4}$/, "must be octal permissions such as 0750").default("0750"),
});

export const StorageClassSchema = z.strictObject({
  /** @default "Delete" */
  reclaimPolicy: z.enum(["Delete", "Retain"]).default("Delete"),
  /** Permissions of each dynamically provisioned directory. @default "700" */
  directoryPerms: pattern(/^[0-7]{3,4}$/, "must be octal permissions such as 700").default("700"),
  /** Parent directory of provisioned volumes. @default - the file system root */
  basePath: pattern(/^\/[A-Za-z0-9._\-/]*$/, "must be an absolute path such as /dynamic").optional(),
  /**
   * Directory name pattern, e.g. "${.PVC.namespace}/${.PVC.name}" (escaped for Terraform once, when
   * parsed). @default - the driver's "/${.PV.name}"
   */
  subPathPattern: pattern(/^[A-Za-z0-9._\-/]*(\$\{\.(PVC\.name|PVC\.namespace|PV\.name)\}[A-Za-z0-9._\-/]*)*$/, "may use letters, digits, '/', '-', '_', '.' and the variables ${.PVC.name}, ${.PVC.namespace}, ${.PV.name}").optional(),
  /** Mark as the cluster's default StorageClass. @default false */
  default: z.boolean().default(false),
});

/** Provider `aws_eks_addon.addon_version` semver check (no leading zeros), narrowed to EKS builds. */
const addonVersion = pattern(/^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)-eksbuild\.(0|[1-9]\d*)$/, "must be an add-on version such as v2.1.4-eksbuild.1");

export const EfsSchema = z.strictObject({
  /** Subnets (keys of the VPC's subnets) for mount targets: exactly one per availability zone. @default - the cluster's subnets */
  subnets: z.array(itemName).optional(),
  /** KMS key for encryption at rest. @default - a key is created, with rotation */
  kmsKeyArn: kmsKeyArn.optional(),
  /** @default "generalPurpose" */
  performanceMode: z.enum(["generalPurpose", "maxIO"]).default("generalPurpose"),
  /** @default "elastic" */
  throughputMode: z.enum(["elastic", "bursting", "provisioned"]).default("elastic"),
  /** Required with throughputMode provisioned (1-3414 MiB/s). @default - none */
  provisionedThroughputMibps: z.number().min(1).max(3414).optional(),
  /** One Zone file system in this AZ (one mount target). @default - Regional */
  oneZone: availabilityZone.optional(),
  /** Lifecycle transitions, one per entry. @default [{transitionToIa: "AFTER_30_DAYS"}, {transitionToPrimaryStorageClass: "AFTER_1_ACCESS"}] */
  lifecyclePolicies: z.array(LifecyclePolicySchema).max(3).default([{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]),
  /** AWS Backup automatic backups. @default true */
  backups: z.boolean().default(true),
  /** Refuse any plan that destroys the file system (and its created key). Set false only to delete it on purpose. @default true */
  preventDestroy: z.boolean().default(true),
  /**
   * Deny requests not made over TLS (file system policy). Clients must mount with efs-utils and
   * `-o tls` (the CSI driver does); turn off only for plain-NFS clients, which also need
   * `allowAnonymousAccess`. @default true
   */
  requireTls: z.boolean().default(true),
  /** Let the granted clients act as root (elasticfilesystem:ClientRootAccess); otherwise root is squashed. @default false */
  allowRootAccess: z.boolean().default(false),
  /**
   * Extra IAM roles or users granted mount and write (`-o tls,iam` mounts), beside the cluster's
   * node role and the on-prem principals. Required on an adopted cluster whose node role is not
   * known. @default []
   */
  clientPrincipalArns: z.array(iamPrincipalArn).default([]),
  /**
   * Let clients mount without an IAM identity (any host that reaches a mount target: the VPC and,
   * in the hybrid layout, the on-prem networks). Needed for plain `nfs` mounts. @default false
   */
  allowAnonymousAccess: z.boolean().default(false),
  /** Access points keyed by name. @default {} */
  accessPoints: z.record(itemName, AccessPointSchema).default({}),
  /** Install the aws-efs-csi-driver EKS add-on (Pod Identity). @default true */
  csiDriver: z.boolean().default(true),
  /** Add-on version. @default - the version EKS picks */
  csiDriverVersion: addonVersion.optional(),
  /**
   * UNVERIFIED: sent as the add-on's `controller.nodeSelector`. No configuration schema of the
   * aws-efs-csi-driver add-on is public (vendor/addons/aws-efs-csi-driver.keys.md), so this key
   * cannot be checked: an unknown key fails CreateAddon. Check it first with
   * `aws eks describe-addon-configuration --addon-name aws-efs-csi-driver --addon-version <v>`.
   * @default - none: the add-on gets no configuration values
   */
  controllerNodeSelector: z.record(k8sLabelKey, k8sLabelValue).optional(),
  /** StorageClasses (efs-ap dynamic provisioning, mounted with tls,iam) keyed by their Kubernetes name. @default { efs: {} } */
  storageClasses: z.record(k8sName, StorageClassSchema).default({ efs: StorageClassSchema.parse({}) }),
});

export type EfsConfig = z.output<typeof EfsSchema>;
export type EfsStorageClassConfig = z.output<typeof StorageClassSchema>;

/** A lifecycle transition; set exactly one field (EFS-FS-04). */
export interface EfsLifecyclePolicy {
  /** @default - none */
  readonly transitionToIa?: (typeof TRANSITION_TO_IA)[number];
  /** @default - none */
  readonly transitionToArchive?: (typeof TRANSITION_TO_ARCHIVE)[number];
  /** @default - none */
  readonly transitionToPrimaryStorageClass?: "AFTER_1_ACCESS";
}

/** An EFS access point: requests run as uid/gid, rooted at `path`. */
export interface EfsAccessPointOptions {
  /** POSIX user id every request through this access point runs as. */
  readonly uid: number;
  /** POSIX group id every request through this access point runs as. */
  readonly gid: number;
  /** Extra POSIX group ids (at most 16). @default [] */
  readonly secondaryGids?: number[];
  /** Root directory, at most four levels, e.g. /shared/app; created on first use. */
  readonly path: string;
  /** Octal permissions of the created root directory. @default "0750" */
  readonly permissions?: string;
}

/** An efs-ap StorageClass (EFS-CSI-01). */
export interface EfsStorageClassOptions {
  /** @default "Delete" */
  readonly reclaimPolicy?: "Delete" | "Retain";
  /** Permissions of each dynamically provisioned directory. @default "700" */
  readonly directoryPerms?: string;
  /** Parent directory of provisioned volumes. @default - the file system root */
  readonly basePath?: string;
  /** Directory name pattern, e.g. "${.PVC.namespace}/${.PVC.name}". @default - the driver's "/${.PV.name}" */
  readonly subPathPattern?: string;
  /** Mark as the cluster's default StorageClass. @default false */
  readonly default?: boolean;
}

/**
 * Everything `efs:` in an environment file holds, as construct props: the same fields and the same
 * defaults as EfsSchema (a type-level test keeps the two equal).
 */
export interface EfsStorageOptions {
  /** Subnets (keys of `vpc.subnets`) for mount targets: exactly one per availability zone. @default - the cluster's subnets */
  readonly subnets?: string[];
  /** KMS key for encryption at rest. @default - a key is created, with rotation */
  readonly kmsKeyArn?: string;
  /** @default "generalPurpose" */
  readonly performanceMode?: "generalPurpose" | "maxIO";
  /** @default "elastic" */
  readonly throughputMode?: "elastic" | "bursting" | "provisioned";
  /** Required with throughputMode provisioned (1-3414 MiB/s). @default - none */
  readonly provisionedThroughputMibps?: number;
  /** One Zone file system in this AZ (one mount target). @default - Regional */
  readonly oneZone?: string;
  /** Lifecycle transitions, one per entry. @default [{transitionToIa: "AFTER_30_DAYS"}, {transitionToPrimaryStorageClass: "AFTER_1_ACCESS"}] */
  readonly lifecyclePolicies?: EfsLifecyclePolicy[];
  /** AWS Backup automatic backups. @default true */
  readonly backups?: boolean;
  /** Refuse any plan that destroys the file system (and its created key). @default true */
  readonly preventDestroy?: boolean;
  /** Deny requests not made over TLS (file system policy). @default true */
  readonly requireTls?: boolean;
  /** Let the granted clients act as root (ClientRootAccess). @default false */
  readonly allowRootAccess?: boolean;
  /** Extra IAM roles or users granted mount and write; required on an adopted cluster without a known node role. @default [] */
  readonly clientPrincipalArns?: string[];
  /** Let clients mount without an IAM identity (plain `nfs` mounts). @default false */
  readonly allowAnonymousAccess?: boolean;
  /** Access points keyed by name. @default {} */
  readonly accessPoints?: Record<string, EfsAccessPointOptions>;
  /** Install the aws-efs-csi-driver EKS add-on (Pod Identity). @default true */
  readonly csiDriver?: boolean;
  /** Add-on version, e.g. v2.1.4-eksbuild.1. @default - the version EKS picks */
  readonly csiDriverVersion?: string;
  /** UNVERIFIED add-on key `controller.nodeSelector` (see EfsSchema). @default - none: no configuration values */
  readonly controllerNodeSelector?: Record<string, string>;
  /** StorageClasses keyed by their Kubernetes name. @default { efs: {} } */
  readonly storageClasses?: Record<string, EfsStorageClassOptions>;
}
