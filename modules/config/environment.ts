/**
 * One environment file = one Terraform plan. This schema is the single source of both the
 * TypeScript types and the runtime check; `npm run schema` publishes it as JSON Schema for editors.
 * Unknown keys are errors everywhere, so typos never pass silently.
 */
import { z } from "zod";
import { ClusterSchema } from "../cluster/config";
import { accountId, awsRegion, tags } from "../core/schema";
import { EfsSchema } from "../efs/config";
import { FsxOntapSchema } from "../fsx-ontap/config";
import { HybridSchema } from "../hybrid-nodes/config";
import { InstanceStoreSchema } from "../instance-store/config";
import { NetworkSchema } from "../network/config";
import { StateSchema } from "../state/config";

export const LAYOUTS = ["cloud-only", "hybrid"] as const;

export const EnvironmentSchema = z.strictObject({
  /** Editors' JSON Schema pointer; ignored. */
  $schema: z.string().optional(),
  /** Environment name: the stack id and part of the default state key. */
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
    error: "must be 3-32 lowercase letters, digits or '-', starting with a letter",
  }),
  region: awsRegion,
  accountId,
  /** cloud-only: cloud nodes only. hybrid: also EKS Hybrid Nodes on premises. */
  layout: z.enum(LAYOUTS, { error: `must be one of ${LAYOUTS.join(", ")}` }),
  /** Tags on every AWS resource (provider default_tags). @default {} */
  tags: tags.default({}),
  state: StateSchema,
  network: NetworkSchema,
  cluster: ClusterSchema,
  /** EKS Hybrid Nodes: required in the hybrid layout, ignored (with a warning) in cloud-only. */
  hybrid: HybridSchema.optional(),
  /** EFS shared file system, reachable from cloud nodes and (hybrid) from on-prem. @default - none */
  efs: EfsSchema.optional(),
  /** FSx for NetApp ONTAP with NetApp Trident. @default - none */
  fsxOntap: FsxOntapSchema.optional(),
  /** Managed nodegroups on NVMe instance store, served as local PVs (class fast-disks). @default - none */
  instanceStore: InstanceStoreSchema.optional(),
});

export type EnvironmentInput = z.input<typeof EnvironmentSchema>;
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;
export type LayoutName = (typeof LAYOUTS)[number];
