import { z } from "zod";
import { availabilityZone, itemName, k8sLabelKey, k8sLabelValue, kmsKeyArn } from "../core/schema";

export const TRANSITION_TO_IA = ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"] as const;
export const TRANSITION_TO_ARCHIVE = ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"] as const;

/** One transition per block (EFS-FS-04); the validator names the offending block. */
export const LifecyclePolicySchema = z.strictObject({
  transitionToIa: z.enum(TRANSITION_TO_IA).optional(),
  transitionToArchive: z.enum(TRANSITION_TO_ARCHIVE).optional(),
  transitionToPrimaryStorageClass: z.enum(["AFTER_1_ACCESS"]).optional(),
});

const k8sName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "must be a Kubernetes name: lowercase letters, digits and '-'" }).max(63);

export const AccessPointSchema = z.strictObject({
  /** POSIX user id every request through this access point runs as. */
  uid: z.number().int().min(0).max(4294967295),
  gid: z.number().int().min(0).max(4294967295),
  /** @default [] */
  secondaryGids: z.array(z.number().int().min(0)).default([]),
  /** Root directory of the access point, created on first use. */
  path: z.string().regex(/^\/[A-Za-z0-9._\-/]*$/, { error: "must be an absolute path such as /shared/app" }).max(100),
  /** Octal permissions of the created root directory. @default "0750" */
  permissions: z.string().regex(/^0?[0-7]{3}$/, { error: "must be octal permissions such as 0750" }).default("0750"),
});

export const StorageClassSchema = z.strictObject({
  /** @default "Delete" */
  reclaimPolicy: z.enum(["Delete", "Retain"]).default("Delete"),
  /** Permissions of each dynamically provisioned directory. @default "700" */
  directoryPerms: z.string().regex(/^[0-7]{3,4}$/, { error: "must be octal permissions such as 700" }).default("700"),
  /** Parent directory of provisioned volumes. @default - the file system root */
  basePath: z.string().regex(/^\/[A-Za-z0-9._\-/]*$/, { error: "must be an absolute path such as /dynamic" }).optional(),
  /** Directory name pattern, e.g. "${.PVC.namespace}/${.PVC.name}" (escaped for Terraform here). @default - the driver's "/${.PV.name}" */
  subPathPattern: z.string().regex(/^[A-Za-z0-9._\-/${}]+$/, { error: "may use letters, digits, '/', '-', '_', '.' and ${.PVC.name}-style variables" }).optional(),
  /** Mark as the cluster's default StorageClass. @default false */
  default: z.boolean().default(false),
});

export const EfsSchema = z.strictObject({
  /** Subnets (by name) for mount targets: exactly one per availability zone. @default - the cluster's subnets */
  subnets: z.array(itemName).optional(),
  /** KMS key for encryption at rest. @default - a key is created, with rotation */
  kmsKeyArn: kmsKeyArn.optional(),
  /** @default "generalPurpose" */
  performanceMode: z.enum(["generalPurpose", "maxIO"]).default("generalPurpose"),
  /** @default "elastic" */
  throughputMode: z.enum(["elastic", "bursting", "provisioned"]).default("elastic"),
  /** Required with throughputMode provisioned (1-3414 MiB/s). */
  provisionedThroughputMibps: z.number().min(1).max(3414).optional(),
  /** One Zone file system in this AZ (one mount target). @default - Regional */
  oneZone: availabilityZone.optional(),
  /** Lifecycle transitions, one per entry. @default [{transitionToIa: AFTER_30_DAYS}, {transitionToPrimaryStorageClass: AFTER_1_ACCESS}] */
  lifecyclePolicies: z.array(LifecyclePolicySchema).max(3).default([{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]),
  /** AWS Backup automatic backups. @default true */
  backups: z.boolean().default(true),
  /** Refuse any plan that destroys the file system. Set false only to delete it on purpose. @default true */
  preventDestroy: z.boolean().default(true),
  /**
   * Deny requests not made over TLS (file system policy). Clients must mount with efs-utils and
   * `-o tls` (the CSI driver does); turn off only for plain-NFS clients such as on-prem pods using
   * `nfs` volumes. @default true
   */
  requireTls: z.boolean().default(true),
  /** Let clients act as root (elasticfilesystem:ClientRootAccess); otherwise root is squashed. @default false */
  allowRootAccess: z.boolean().default(false),
  /** Access points keyed by name. @default {} */
  accessPoints: z.record(itemName, AccessPointSchema).default({}),
  /** Install the aws-efs-csi-driver EKS add-on (Pod Identity). @default true */
  csiDriver: z.boolean().default(true),
  /** Add-on version. @default - the version EKS picks */
  csiDriverVersion: z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { error: "must be an add-on version such as v2.1.4-eksbuild.1" }).optional(),
  /** Node selector of the CSI controller; keeps it off hybrid nodes. @default - the label this module set puts on its cloud nodegroups */
  controllerNodeSelector: z.record(k8sLabelKey, k8sLabelValue).optional(),
  /** StorageClasses (efs-ap dynamic provisioning) keyed by their Kubernetes name. @default { efs: {} } */
  storageClasses: z.record(k8sName, StorageClassSchema).default({ efs: StorageClassSchema.parse({}) }),
});

export type EfsConfig = z.output<typeof EfsSchema>;
export type EfsStorageClassConfig = z.output<typeof StorageClassSchema>;
