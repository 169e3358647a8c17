/**
 * One environment file = one Terraform plan. This schema is the single source of both the
 * TypeScript types and the runtime check; `npm run schema` publishes it as JSON Schema for editors.
 * Unknown keys are errors everywhere, so typos never pass silently.
 */
import { z } from "zod";
import { ClusterSchema } from "../cluster/config";
import { accountId, awsRegion, pattern, tags } from "../core/schema";
import { EfsSchema } from "../efs/config";
import { FsxOntapSchema } from "../fsx-ontap/config";
import { HybridSchema } from "../hybrid-nodes/config";
import { InstanceStoreSchema } from "../instance-store/config";
import { NetworkSchema } from "../network/config";
import { RETIRED_FORMS } from "../platform/retired";
import { StateSchema } from "../state/config";

export const LAYOUTS = ["cloud-only", "hybrid"] as const;

export const EnvironmentSchema = z.strictObject({
  /** Editors' JSON Schema pointer; ignored. */
  $schema: z.string().optional(),
  /** Environment name: the stack id and part of the default state key. */
  name: pattern(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, "must be 3-32 lowercase letters, digits or '-', starting with a letter").describe("Environment name: the stack id and part of the default state key"),
  region: awsRegion.describe("AWS region of the environment, e.g. eu-west-1"),
  accountId: accountId.describe("12-digit AWS account id (quoted in YAML); the provider refuses other accounts"),
  /** cloud-only: cloud nodes only. hybrid: also EKS Hybrid Nodes on premises. */
  layout: z.enum(LAYOUTS, { error: `must be one of ${LAYOUTS.join(", ")}` }).describe("cloud-only: cloud nodes only; hybrid: also EKS Hybrid Nodes on premises"),
  /** Tags on every AWS resource (provider default_tags). @default {} */
  tags: tags.default({}).describe("Tags on every AWS resource (provider default_tags)"),
  state: StateSchema.describe("S3 remote state: bucket, key (default <keyPrefix>/<name>/terraform.tfstate), region, kmsKeyArn"),
  network: NetworkSchema.describe("mode existing (vpcId, vpcCidrs, subnets) or mode create (vpcCidr, privateSubnets, publicSubnets)"),
  cluster: ClusterSchema.describe("mode create (a new EKS cluster) or mode existing (adopt one by name, endpoint and CA)"),
  /** EKS Hybrid Nodes: required in the hybrid layout, ignored (with a warning) in cloud-only. */
  hybrid: HybridSchema.optional().describe("EKS Hybrid Nodes: remote networks, connectivity, credentials, Cilium"),
  /** EFS shared file system, reachable from cloud nodes and (hybrid) from on-prem. @default - none */
  efs: EfsSchema.optional().describe("EFS file system, mount targets, access points, CSI driver and StorageClasses"),
  /** FSx for NetApp ONTAP with NetApp Trident. @default - none */
  fsxOntap: FsxOntapSchema.optional().describe("FSx for NetApp ONTAP file system, SVMs, volumes and NetApp Trident"),
  /** Managed nodegroups on NVMe instance store, served as local PVs (class fast-disks). @default - none */
  instanceStore: InstanceStoreSchema.optional().describe("Managed nodegroups on NVMe instance store, served as local PVs of class fast-disks"),
  /**
   * Stateful items dropped from this environment without being deleted: each renders a Terraform
   * `removed` block with `destroy = false` (modules/platform/retired.ts). @default []
   */
  retired: z
    .array(
      pattern(
        /^(efs(\.accessPoints\.[a-z][a-z0-9-]*)?|fsxOntap(\.svms\.[A-Za-z][A-Za-z0-9_]*(\.volumes\.[A-Za-z_][A-Za-z0-9_]*)?)?|(aws|kubernetes|helm)_[a-z0-9_]+\.[A-Za-z0-9_-]+)$/,
        `must be ${RETIRED_FORMS}`,
      ),
    )
    .default([])
    .describe("Items dropped from the environment without deleting them (Terraform removed blocks, destroy = false): efs, efs.accessPoints.<name>, fsxOntap, fsxOntap.svms.<svm>, fsxOntap.svms.<svm>.volumes.<volume>, or resource addresses"),
});

export type EnvironmentInput = z.input<typeof EnvironmentSchema>;
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;
export type LayoutName = (typeof LAYOUTS)[number];
