import { z } from "zod";
import { ipv4Cidr, itemName, k8sLabelKey, k8sLabelValue, kmsKeyArn } from "../core/schema";
import { TaintSchema } from "../cluster/config";

export const DEPLOYMENT_TYPES = ["SINGLE_AZ_1", "SINGLE_AZ_2", "MULTI_AZ_1", "MULTI_AZ_2"] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const VolumeSchema = z.strictObject({
  /** Where the volume is mounted in the SVM namespace; must start with '/'. */
  junctionPath: z.string().min(1).max(255),
  /** Size in GiB. */
  sizeGiB: z.number().int().min(1).max(314572800),
  /** @default true */
  storageEfficiency: z.boolean().default(true),
  /** @default "AUTO" */
  tieringPolicy: z.enum(["SNAPSHOT_ONLY", "AUTO", "ALL", "NONE"]).default("AUTO"),
  /** Days before cold data tiers (2-183), for AUTO and SNAPSHOT_ONLY. @default - FSx default (31 / 2) */
  coolingPeriodDays: z.number().int().min(2).max(183).optional(),
  /** @default "UNIX" */
  securityStyle: z.enum(["UNIX", "NTFS", "MIXED"]).default("UNIX"),
  /** Skip the final backup FSx takes when the volume is deleted. @default false */
  skipFinalBackup: z.boolean().default(false),
});

// ONTAP volume names: letters, digits and '_' only (no '-'), starting with a letter or '_'.
const volumeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,202}$/, { error: "must be an ONTAP volume name: letters, digits and '_' (no '-'), starting with a letter" });
const svmName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,46}$/, { error: "must be an SVM name: 1-47 letters, digits and '_', starting with a letter" });

export const SvmSchema = z.strictObject({
  /** @default "UNIX" */
  rootVolumeSecurityStyle: z.enum(["UNIX", "NTFS", "MIXED"]).default("UNIX"),
  /** Bump to rotate the vsadmin secret (written write-only from the sensitive input). @default 1 */
  passwordVersion: z.number().int().min(1).default(1),
  /** Volumes keyed by ONTAP volume name. @default {} */
  volumes: z.record(volumeName, VolumeSchema).default({}),
});

export const TridentStorageClassSchema = z.strictObject({
  /** SVM (by name) whose backend serves this class. @default - the first SVM by name */
  svm: svmName.optional(),
  /** @default "ontap-nas" */
  backendType: z.enum(["ontap-nas", "ontap-san"]).default("ontap-nas"),
  /** @default "Delete" */
  reclaimPolicy: z.enum(["Delete", "Retain"]).default("Delete"),
  /** @default true */
  allowVolumeExpansion: z.boolean().default(true),
  /** Filesystem for SAN volumes. @default "ext4" */
  fsType: z.enum(["ext4", "xfs"]).default("ext4"),
  /** @default false */
  default: z.boolean().default(false),
});

export const TridentSchema = z.strictObject({
  /** @default true */
  enabled: z.boolean().default(true),
  /** trident-operator chart version (100.<YYMM>.<patch>). @default "100.2506.0" */
  chartVersion: z.string().regex(/^100\.\d{4}\.\d+$/, { error: "must be a trident-operator chart version such as 100.2506.0" }).default("100.2506.0"),
  /** How the controller gets AWS credentials. @default "pod-identity" */
  identity: z.enum(["pod-identity", "irsa"]).default("pod-identity"),
  /** IRSA only: the cluster's IAM OIDC provider ARN. */
  oidcProviderArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, { error: "must be an IAM OIDC provider ARN" }).optional(),
  /** Node selector of the node plugin (it must run where PVs are mounted). @default - cloud nodes of this module set */
  nodePluginNodeSelector: z.record(k8sLabelKey, k8sLabelValue).optional(),
  /** Tolerations of the node plugin, e.g. for tainted storage nodegroups. @default [] */
  nodePluginTolerations: z.array(TaintSchema.extend({ effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]).optional() })).default([]),
  /** Also create ontap-san backends (iSCSI; opens TCP 3260). @default false */
  san: z.boolean().default(false),
  /** Create a VolumeSnapshotClass (installs the snapshot-controller add-on). @default false */
  volumeSnapshotClass: z.boolean().default(false),
  /** StorageClasses keyed by Kubernetes name. @default { ontap-nas: {} } */
  storageClasses: z.record(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "must be a Kubernetes name" }), TridentStorageClassSchema).default({ "ontap-nas": TridentStorageClassSchema.parse({}) }),
});

export const FsxOntapSchema = z.strictObject({
  deploymentType: z.enum(DEPLOYMENT_TYPES, { error: `must be one of ${DEPLOYMENT_TYPES.join(", ")}` }),
  /** Subnet names: one for Single-AZ, two in different AZs for Multi-AZ. */
  subnets: z.array(itemName).min(1),
  /** The preferred (active) file server's subnet; one of subnets. @default - the first subnet */
  preferredSubnet: itemName.optional(),
  /** SSD capacity in GiB. */
  storageCapacityGiB: z.number().int().min(1024),
  /** Throughput in MB/s (all types but SINGLE_AZ_2). */
  throughputMibps: z.number().int().optional(),
  /** SINGLE_AZ_2 only: HA pairs (1-12). @default 1 */
  haPairs: z.number().int().min(1).max(12).optional(),
  /** SINGLE_AZ_2 only: throughput per HA pair in MB/s (1536, 3072, 6144). */
  throughputPerHaPairMibps: z.number().int().optional(),
  /** Multi-AZ only: range of the floating endpoint IPs. Required in the hybrid layout. @default - FSx picks one in 198.19.0.0/16 */
  endpointIpAddressRange: ipv4Cidr.optional(),
  /** Multi-AZ only: subnets (by name) whose route tables FSx manages. @default - the cluster's subnets (+ transit gateway attachment subnets in hybrid) */
  routeTableSubnets: z.array(itemName).optional(),
  /** @default - a key is created, with rotation */
  kmsKeyArn: kmsKeyArn.optional(),
  /** Automatic backup retention (0 disables; the provider's default is 0). @default 7 */
  automaticBackupRetentionDays: z.number().int().min(0).max(90).default(7),
  /** HH:MM (UTC). @default "02:00" */
  dailyBackupStartTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be HH:MM (UTC), e.g. 02:00" }).default("02:00"),
  /** d:HH:MM (UTC, 1 = Monday). @default "7:03:00" */
  weeklyMaintenanceStartTime: z.string().regex(/^[1-7]:([01]\d|2[0-3]):[0-5]\d$/, { error: "must be d:HH:MM (UTC, 1 = Monday), e.g. 7:03:00" }).default("7:03:00"),
  /** Refuse any plan that destroys the file system, SVMs or volumes. @default true */
  preventDestroy: z.boolean().default(true),
  /** Extra protocols to open in the security group. @default {} */
  protocols: z.strictObject({ smb: z.boolean().default(false), snapmirror: z.boolean().default(false) }).default({ smb: false, snapmirror: false }),
  /** Storage virtual machines keyed by name. */
  svms: z.record(svmName, SvmSchema),
  trident: TridentSchema.default(TridentSchema.parse({})),
});

export type FsxOntapConfig = z.output<typeof FsxOntapSchema>;
export type TridentConfig = z.output<typeof TridentSchema>;
