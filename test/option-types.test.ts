/**
 * Every options interface a TypeScript user writes equals the input type of the schema the YAML
 * path parses: the same fields, the same optionality, the same value types. `Equal` is exact
 * (a field the interface lacks, or has in addition, fails); plain mutual assignability is not, since
 * an optional field one side lacks still assigns both ways. tsc (run by `npm test`) fails on a drift.
 */
import { z } from "zod";
import { ClusterOptionsSchema, NodegroupSchema } from "../modules/cluster/config";
import { EksClusterOptions } from "../modules/cluster/eks-cluster";
import { AccessPointSchema, EfsSchema, LifecyclePolicySchema, StorageClassSchema } from "../modules/efs/config";
import { EfsAccessPointOptions, EfsLifecyclePolicy, EfsStorageClassOptions, EfsStorageOptions } from "../modules/efs/config";
import { FsxOntapOptionsSchema, OnPremSchema, SvmSchema, TridentStorageClassSchema, VolumeSchema } from "../modules/fsx-ontap/config";
import { FsxOntapOnPremOptions, FsxOntapOptions, FsxOntapStorageClassOptions, FsxOntapSvmOptions, FsxOntapVolumeOptions } from "../modules/fsx-ontap/fsx-ontap";
import { ConnectivityOptions, ConnectivitySchema, HybridOptions, HybridSchema } from "../modules/hybrid-nodes/config";
import { InstanceStoreNodegroupSchema, InstanceStoreSchema, NodeadmDiskSetupSchema, ScriptDiskSetupSchema } from "../modules/instance-store/config";
import { InstanceStoreNodegroupOptions, InstanceStoreOptions, NodeadmDiskSetupOptions, ScriptDiskSetupOptions } from "../modules/instance-store/instance-store";
import { NetworkSchema } from "../modules/network/config";
import { NetworkOptions } from "../modules/network/network";
import { ManagedNodegroupOptions } from "../modules/nodegroup/managed-nodegroup";
import { TridentOptionsSchema } from "../modules/trident/config";
import { TridentOptions } from "../modules/trident/trident";

type Exact<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/** Options are declared `readonly` for users; the schema's input is not: compare without the modifier. */
type Writable<T> = T extends (...args: never[]) => unknown ? T : T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
type Equal<X, Y> = Exact<Writable<X>, Writable<Y>>;
type Input<S extends z.ZodType> = z.input<S>;

// The check itself: a missing optional field, an extra one, or another value type is told apart.
const missingOptional: Equal<{ a?: number }, { a?: number; b?: string }> = false;
const otherType: Equal<{ a?: number }, { a?: string }> = false;
const same: Equal<{ readonly a?: readonly number[] }, { a?: number[] }> = true;

// One annotated constant per interface: assigning `true` fails to compile when the two differ.
const managedNodegroupOptions: Equal<ManagedNodegroupOptions, Input<typeof NodegroupSchema>> = true;
const eksClusterOptions: Equal<Omit<EksClusterOptions, "name"> & { name?: string }, Input<typeof ClusterOptionsSchema>> = true;
const networkOptions: Equal<NetworkOptions, Input<typeof NetworkSchema>> = true;
const hybridOptions: Equal<HybridOptions, Input<typeof HybridSchema>> = true;
const connectivityOptions: Equal<ConnectivityOptions, Input<typeof ConnectivitySchema>> = true;
const efsStorageOptions: Equal<EfsStorageOptions, Input<typeof EfsSchema>> = true;
const efsAccessPointOptions: Equal<EfsAccessPointOptions, Input<typeof AccessPointSchema>> = true;
const efsStorageClassOptions: Equal<EfsStorageClassOptions, Input<typeof StorageClassSchema>> = true;
const efsLifecyclePolicy: Equal<EfsLifecyclePolicy, Input<typeof LifecyclePolicySchema>> = true;
const fsxOntapOptions: Equal<FsxOntapOptions, Input<typeof FsxOntapOptionsSchema>> = true;
const fsxOntapSvmOptions: Equal<FsxOntapSvmOptions, Input<typeof SvmSchema>> = true;
const fsxOntapVolumeOptions: Equal<FsxOntapVolumeOptions, Input<typeof VolumeSchema>> = true;
const fsxOntapStorageClassOptions: Equal<FsxOntapStorageClassOptions, Input<typeof TridentStorageClassSchema>> = true;
const fsxOntapOnPremOptions: Equal<FsxOntapOnPremOptions, Input<typeof OnPremSchema>> = true;
const tridentOptions: Equal<TridentOptions, Input<typeof TridentOptionsSchema>> = true;
const instanceStoreOptions: Equal<InstanceStoreOptions, Input<typeof InstanceStoreSchema>> = true;
const instanceStoreNodegroupOptions: Equal<InstanceStoreNodegroupOptions, Input<typeof InstanceStoreNodegroupSchema>> = true;
const nodeadmDiskSetupOptions: Equal<NodeadmDiskSetupOptions, Input<typeof NodeadmDiskSetupSchema>> = true;
const scriptDiskSetupOptions: Equal<ScriptDiskSetupOptions, Input<typeof ScriptDiskSetupSchema>> = true;
const checks = { managedNodegroupOptions, eksClusterOptions, networkOptions, hybridOptions, connectivityOptions, efsStorageOptions, efsAccessPointOptions, efsStorageClassOptions, efsLifecyclePolicy, fsxOntapOptions, fsxOntapSvmOptions, fsxOntapVolumeOptions, fsxOntapStorageClassOptions, fsxOntapOnPremOptions, tridentOptions, instanceStoreOptions, instanceStoreNodegroupOptions, nodeadmDiskSetupOptions, scriptDiskSetupOptions };

test("every options interface equals its schema's input type (checked by tsc; listed here)", () => {
  expect([missingOptional, otherType, same]).toEqual([false, false, true]);
  expect(Object.keys(checks)).toHaveLength(19);
  expect(Object.values(checks).every((v) => v === true)).toBe(true);
});
