import { z } from "zod";
import { NodegroupBaseShape } from "../cluster/config";
import { absolutePath, itemName, pattern } from "../core/schema";

/** Where the provisioner looks for volumes, and the script strategy's default mount root. */
export const DEFAULT_FAST_DISK_PATH = "/mnt/fast-disks";
/** One StorageClass name throughout (the seed's test PVC named another by mistake). */
export const FAST_DISKS_CLASS = "fast-disks";

export const NodeadmDiskSetupSchema = z.strictObject({
  /** AL2023 nodeadm `spec.instance.localStorage`. */
  method: z.literal("nodeadm"),
  /**
   * RAID0/RAID10: one array that backs kubelet, containerd and pod logs (node ephemeral storage; never
   * published as PVs). Mount: one filesystem per disk under mountPath, published as local PVs.
   */
  strategy: z.enum(["RAID0", "RAID10", "Mount"], { error: "must be RAID0, RAID10 or Mount" }),
  /** @default "/mnt/fast-disks" for Mount, "/mnt/k8s-disks" for RAID */
  mountPath: absolutePath.optional(),
});

export const ScriptDiskSetupSchema = z.strictObject({
  /** A boot script (the seed's method): format and mount at first boot, remount on reboot via fstab. */
  method: z.literal("script"),
  /** per-disk: one filesystem and PV per disk; raid0: one md RAID-0 array, one PV. */
  layout: z.enum(["per-disk", "raid0"], { error: "must be per-disk or raid0" }),
  /** @default "/mnt/fast-disks" */
  mountPath: absolutePath.default(DEFAULT_FAST_DISK_PATH),
  /** @default "xfs" */
  filesystem: z.enum(["xfs", "ext4"]).default("xfs"),
});

export const DiskSetupSchema = z.discriminatedUnion("method", [NodeadmDiskSetupSchema, ScriptDiskSetupSchema], {
  error: "diskSetup.method must be nodeadm or script",
});

export const InstanceStoreNodegroupSchema = z.strictObject({
  ...NodegroupBaseShape,
  diskSetup: DiskSetupSchema,
});

/** What happens to a released local PV (IS-LSP-04). */
export const RECLAIM_POLICIES = ["Retain", "Delete"] as const;

export const InstanceStoreSchema = z.strictObject({
  /** local-static-provisioner chart version. @default "2.9.0" */
  provisionerChartVersion: pattern(/^\d+\.\d+\.\d+$/, "must be a chart version such as 2.9.0").default("2.9.0"),
  /** Node role for the nodegroups. @default - the cluster's node role (required when the cluster has none, e.g. adopted) */
  nodeRoleArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN").optional(),
  /**
   * Reclaim policy of the `fast-disks` class (IS-LSP-04). Retain keeps a released volume's data
   * until an operator deletes the PV; Delete lets the provisioner empty the mount and publish it again.
   * @default "Retain"
   */
  reclaimPolicy: z.enum(RECLAIM_POLICIES, { error: "must be Retain or Delete" }).default("Retain"),
  /** Nodegroups keyed by name. */
  nodegroups: z.record(itemName, InstanceStoreNodegroupSchema),
});

export type InstanceStoreConfig = z.output<typeof InstanceStoreSchema>;
export type InstanceStoreNodegroupConfig = z.output<typeof InstanceStoreNodegroupSchema>;
export type DiskSetup = z.output<typeof DiskSetupSchema>;
