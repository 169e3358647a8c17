import { z } from "zod";
import { ipv4Cidr, itemName, kmsKeyArn, pattern } from "../core/schema";
import { TridentOptionsSchema } from "../trident/config";

export const DEPLOYMENT_TYPES = ["SINGLE_AZ_1", "SINGLE_AZ_2", "MULTI_AZ_1", "MULTI_AZ_2"] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const VolumeSchema = z.strictObject({
  /** Where the volume is mounted in the SVM namespace; must start with '/' (1-255 characters, FSX-VOL-01). */
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

// ONTAP volume names: letters, digits and '_' only (no '-'), starting with a letter or '_' (provider: 1-203).
const volumeName = pattern(/^[A-Za-z_][A-Za-z0-9_]{0,202}$/, "must be an ONTAP volume name: letters, digits and '_' (no '-'), starting with a letter");
// FSX-SVM-01: 1-47 characters (provider validation).
const svmName = pattern(/^[A-Za-z][A-Za-z0-9_]{0,46}$/, "must be an SVM name: 1-47 letters, digits and '_', starting with a letter");

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

const storageClassName = pattern(/^[a-z0-9]([-a-z0-9]{0,251}[a-z0-9])?$/, "must be a Kubernetes name");
const storageClasses = z.record(storageClassName, TridentStorageClassSchema).default({ "ontap-nas": TridentStorageClassSchema.parse({}) });

/** The YAML `fsxOntap.trident` section: the cluster-wide Trident options plus this file system's backends and classes. */
export const TridentSchema = TridentOptionsSchema.extend({
  /** @default true */
  enabled: z.boolean().default(true),
  /** Also create ontap-san backends (iSCSI; opens TCP 3260; sets Trident's nodePrep [iscsi]). @default false */
  san: z.boolean().default(false),
  /** StorageClasses keyed by Kubernetes name. @default { ontap-nas: {} } */
  storageClasses,
});

/** Everything about the file system itself, shared by the YAML section and the construct options. */
const fileSystemFields = {
  deploymentType: z.enum(DEPLOYMENT_TYPES, { error: `must be one of ${DEPLOYMENT_TYPES.join(", ")}` }),
  /** Subnet names: one for Single-AZ, two in different AZs for Multi-AZ. */
  subnets: z.array(itemName).min(1),
  /** The preferred (active) file server's subnet; one of subnets. @default - the first subnet */
  preferredSubnet: itemName.optional(),
  /** SSD capacity in GiB. */
  storageCapacityGiB: z.number().int().min(1024),
  /** Throughput in MB/s (all types but SINGLE_AZ_2). */
  throughputMibps: z.number().int().optional(),
  /** SINGLE_AZ_2 only: HA pairs (1-12). @default - 1 HA pair */
  haPairs: z.number().int().min(1).max(12).optional(),
  /** SINGLE_AZ_2 only: throughput per HA pair in MB/s (1536, 3072, 6144). */
  throughputPerHaPairMibps: z.number().int().optional(),
  /** Multi-AZ only: range of the floating endpoint IPs. Required in the hybrid layout. @default - FSx picks one in 198.19.0.0/16 */
  endpointIpAddressRange: ipv4Cidr.optional(),
  /** Multi-AZ only: subnets (by name) whose route tables FSx manages. @default - every subnet of the VPC */
  routeTableSubnets: z.array(itemName).optional(),
  /** @default - a key is created, with rotation */
  kmsKeyArn: kmsKeyArn.optional(),
  /** Automatic backup retention (0 disables; the provider's default is 0). @default 7 */
  automaticBackupRetentionDays: z.number().int().min(0).max(90).default(7),
  /** HH:MM (UTC). @default "02:00" */
  dailyBackupStartTime: pattern(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (UTC), e.g. 02:00").default("02:00"),
  /** d:HH:MM (UTC, 1 = Monday). @default "7:03:00" */
  weeklyMaintenanceStartTime: pattern(/^[1-7]:([01]\d|2[0-3]):[0-5]\d$/, "must be d:HH:MM (UTC, 1 = Monday), e.g. 7:03:00").default("7:03:00"),
  /** Refuse any plan that destroys the file system, SVMs or volumes. @default true */
  preventDestroy: z.boolean().default(true),
  /** Extra protocols to open in the security group. @default {} */
  protocols: z.strictObject({ smb: z.boolean().default(false), snapmirror: z.boolean().default(false) }).default({ smb: false, snapmirror: false }),
  /** Open ONTAP management (TCP 443) to the on-prem networks too; Trident runs on cloud nodes and does not need it (issue 10.7). @default false */
  onPremManagementAccess: z.boolean().default(false),
  /** Storage virtual machines keyed by name. */
  svms: z.record(svmName, SvmSchema),
};

export const FsxOntapSchema = z.strictObject({
  ...fileSystemFields,
  trident: TridentSchema.default(TridentSchema.parse({})),
});

const tgwRouteTableId = pattern(/^tgw-rtb-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be a transit gateway route table id such as tgw-rtb-0123456789abcdef0");
const tgwAttachmentId = pattern(/^tgw-attach-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be a transit gateway attachment id such as tgw-attach-0123456789abcdef0");

/** How on-prem networks reach the file system (a hybrid cluster: `cluster.remoteNetworks` set). */
export const OnPremSchema = z.strictObject({
  /** On-prem networks allowed to reach the file system. @default - the cluster's remote node CIDRs (and pod CIDRs when podCidrsRoutable) */
  cidrs: z.array(ipv4Cidr).optional(),
  /** Whether on-prem pod CIDRs are routable (then they are allowed too). @default false */
  podCidrsRoutable: z.boolean().default(false),
  /** Multi-AZ: transit gateway route table that routes on-prem traffic toward this VPC (FSX-NET-02). @default - none (required for Multi-AZ) */
  transitGatewayRouteTableId: tgwRouteTableId.optional(),
  /** Multi-AZ: this VPC's transit gateway attachment, target of the endpoint-range route. @default - none (required for Multi-AZ) */
  transitGatewayAttachmentId: tgwAttachmentId.optional(),
});

/** Options of the FsxOntap construct: the file system fields plus its Trident backends and classes. */
export const FsxOntapOptionsSchema = z.strictObject({
  ...fileSystemFields,
  /** Also create ontap-san backends (iSCSI; opens TCP 3260; Trident then sets nodePrep [iscsi]). Needs `trident`. @default false */
  san: z.boolean().default(false),
  /** StorageClasses keyed by Kubernetes name, registered with `trident`. @default { ontap-nas: {} } (when trident is given) */
  storageClasses: storageClasses,
  /** On-prem access (hybrid cluster only). @default - derived from cluster.remoteNetworks */
  onPrem: OnPremSchema.optional(),
});

export type FsxOntapConfig = z.output<typeof FsxOntapSchema>;
export type FsxOntapOptionsConfig = z.output<typeof FsxOntapOptionsSchema>;
export type TridentConfig = z.output<typeof TridentSchema>;
export type OnPremConfig = z.output<typeof OnPremSchema>;
/** The fields both shapes share: what the file-system validator reads. */
export type FileSystemConfig = Omit<FsxOntapConfig, "trident">;
