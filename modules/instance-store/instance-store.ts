import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { Issues } from "../core/errors";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { IClusterRef, IVpcRef, subnetsNamed } from "../core/refs";
import { isValidated, parseSection, reportTo, validationWarnings } from "../core/validation";
import { helmValues as helmValuesSchema, tags as tagsSchema } from "../core/schema";
import { sortedEntries } from "../core/records";
import { ManagedNodegroup } from "../nodegroup/managed-nodegroup";
import { FAST_DISKS_CLASS, InstanceStoreConfig, InstanceStoreSchema } from "./config";
import { diskUse, FAST_DISK_LABEL, mergeValues, publishedPath, renderProvisionerValues, renderUserData } from "./render";
import { validateInstanceStore } from "./validate";

/** AL2023 nodeadm `spec.instance.localStorage` (IS-NA-01). */
export interface NodeadmDiskSetupOptions {
  readonly method: "nodeadm";
  /**
   * RAID0/RAID10: one array that backs kubelet, containerd and pod logs (node ephemeral storage; never
   * published as PVs). Mount: one filesystem per disk under mountPath, published as local PVs.
   */
  readonly strategy: "RAID0" | "RAID10" | "Mount";
  /** @default - "/mnt/fast-disks" for Mount, "/mnt/k8s-disks" for RAID */
  readonly mountPath?: string;
}

/** A boot script: format and mount at first boot, remount on reboot via fstab. */
export interface ScriptDiskSetupOptions {
  readonly method: "script";
  /** per-disk: one filesystem and PV per disk; raid0: one md RAID-0 array, one PV. */
  readonly layout: "per-disk" | "raid0";
  /** @default "/mnt/fast-disks" */
  readonly mountPath?: string;
  /** @default "xfs" */
  readonly filesystem?: "xfs" | "ext4";
}

export interface InstanceStoreTaintOptions {
  readonly key: string;
  /** @default - none (tolerated with operator Exists) */
  readonly value?: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** One managed nodegroup on NVMe instance-store types. */
export interface InstanceStoreNodegroupOptions {
  /** Instance types with NVMe instance store (IS-LT-04), first preferred. */
  readonly instanceTypes: string[];
  /** @default "AL2023_x86_64_STANDARD" */
  readonly amiType?: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_NVIDIA" | "AL2023_ARM_64_NVIDIA" | "AL2023_x86_64_NEURON";
  /** @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** @default 1 */
  readonly minSize?: number;
  /** @default 3 */
  readonly maxSize?: number;
  /** Initial size; later left to the cluster autoscaler. @default - minSize */
  readonly desiredSize?: number;
  /** Root EBS volume size (encrypted gp3). @default 50 */
  readonly rootVolumeGiB?: number;
  /** Kubernetes labels (fast-disk-node is set by the module). @default {} */
  readonly labels?: Record<string, string>;
  /** Kubernetes taints; the provisioner tolerates them. @default [] */
  readonly taints?: InstanceStoreTaintOptions[];
  /** Keys of `vpc.subnets` to place nodes in. @default - the cluster's subnets (cluster.subnetNames) */
  readonly subnets?: string[];
  /** Nodes replaced at once during updates, as a percentage. @default 33 */
  readonly maxUnavailablePercentage?: number;
  /** IMDSv2 hop limit: 1 keeps the node role away from pods (EKS best practices); 2 lets pods reach IMDS. @default 1 */
  readonly metadataHopLimit?: 1 | 2;
  /** How the disks are prepared at boot. */
  readonly diskSetup: NodeadmDiskSetupOptions | ScriptDiskSetupOptions;
}

/** The `instanceStore` section of an environment file, as construct props (same schema, same defaults). */
export interface InstanceStoreOptions {
  /** local-static-provisioner chart version. @default "2.9.0" */
  readonly provisionerChartVersion?: string;
  /** Node role for the nodegroups. @default - cluster.nodeRoleArn (required when the cluster has none) */
  readonly nodeRoleArn?: string;
  /**
   * Reclaim policy of the `fast-disks` class (IS-LSP-04). Retain: a released PV keeps its data and
   * is never reused until an operator deletes it. Delete: the provisioner empties the mount
   * (Filesystem mode) and publishes it again. Applies to PVs created after the change.
   * @default "Retain"
   */
  readonly reclaimPolicy?: "Retain" | "Delete";
  /** Nodegroups keyed by name (the key is part of Terraform addresses). */
  readonly nodegroups: Record<string, InstanceStoreNodegroupOptions>;
}

/**
 * Values of the local-static-provisioner chart you may set (chart 2.9.0 values.yaml); deep-merged
 * over ours. `classes` cannot be set: the one `fast-disks` class must match the nodegroups' mount path.
 */
export interface LocalStaticProvisionerValues {
  readonly resources?: Record<string, unknown>;
  readonly priorityClassName?: string;
  readonly podAnnotations?: Record<string, string>;
  readonly podLabels?: Record<string, string>;
  /** Replaces ours (which tolerate every taint of the published nodegroups). */
  readonly tolerations?: Record<string, unknown>[];
  readonly nodeSelector?: Record<string, string>;
  readonly affinity?: Record<string, unknown>;
  readonly useJobForCleaning?: boolean;
  readonly minResyncPeriod?: string;
  readonly serviceMonitor?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface InstanceStoreProps extends InstanceStoreOptions {
  readonly vpc: IVpcRef;
  readonly cluster: IClusterRef;
  /** Tags for every nodegroup's instances and volumes (launch template tag_specifications). @default {} */
  readonly tags?: Record<string, string>;
  /** Helm values deep-merged over ours (arrays replace). @default {} */
  readonly provisionerValues?: LocalStaticProvisionerValues;
}

/** Top-level keys of the chart's values.yaml (2.9.0, vendor/charts; a test keeps the list in step). */
export const PROVISIONER_CHART_KEYS = [
  "additionalVolumeMounts", "additionalVolumes", "affinity", "classes", "enableWindows", "fullnameOverride", "hostPID", "image",
  "imagePullSecrets", "initContainers", "labelsForPV", "livenessProbe", "minResyncPeriod", "mountDevVolume", "nameOverride",
  "nodeSelector", "nodeSelectorWindows", "podAnnotations", "podLabels", "priorityClassName", "privileged",
  "provisionerNotReadyNodeTaintKey", "rbac", "readinessProbe", "removeNodeNotReadyTaint", "resources", "securityContext",
  "serviceAccount", "serviceMonitor", "setPVOwnerRef", "startupProbe", "tolerations", "updateStrategy", "useJobForCleaning",
  "useNodeNameOnly",
];

const TAINT_EFFECT: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };
export const LOCAL_VOLUME_PROVISIONER_IMAGE = "registry.k8s.io/sig-storage/local-volume-provisioner:v2.9.0";

function optionsOf(props: InstanceStoreProps): InstanceStoreOptions {
  const { vpc: _vpc, cluster: _cluster, tags: _tags, provisionerValues: _values, ...options } = props;
  return options;
}

/** The InstanceStore of each cluster in a stack (by the cluster's name): the chart release and the class are cluster-wide. */
const storesByCluster = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Managed nodegroups on NVMe instance store, disks prepared at boot (nodeadm localStorage or the
 * boot script), and the local static provisioner that serves the published mounts as PVs of the
 * `fast-disks` StorageClass. These are cloud nodes: both layouts carry them unchanged.
 */
export class InstanceStore extends Construct {
  /** The managed nodegroups by key. */
  public readonly nodegroups: Record<string, ManagedNodegroup> = {};
  /** The local-static-provisioner release. Undefined when only nodeadm RAID nodegroups exist (nothing published). */
  public readonly provisioner?: Release;
  /** The `fast-disks` StorageClass. Undefined when nothing is published. */
  public readonly storageClass?: StorageClassV1;
  /** The validated, defaulted options. */
  public readonly config: InstanceStoreConfig;

  constructor(scope: Construct, id: string, props: InstanceStoreProps) {
    super(scope, id);
    const { vpc, cluster } = props;
    const issues = new Issues();
    let config: InstanceStoreConfig | undefined;
    if (isValidated(props)) {
      // The YAML path parsed, escaped and validated this section (warnings printed by main.ts).
      config = optionsOf(props) as InstanceStoreConfig;
      for (const w of validationWarnings(props)) issues.warnings.push(w);
    } else {
      config = parseSection(InstanceStoreSchema, optionsOf(props), "instanceStore", issues, { allowTokens: true });
      if (config) {
        validateInstanceStore(config, { subnets: vpc.subnets, clusterHasNodeRole: cluster.nodeRoleArn !== undefined, clusterSubnetNames: cluster.subnetNames }, issues);
      }
    }
    if (props.provisionerValues && "classes" in props.provisionerValues) {
      issues.error("provisionerValues.classes", `cannot be set: the module renders the one ${FAST_DISKS_CLASS} class from the nodegroups' mount path`, "(not shown)", "other chart values");
    }
    // The chart ignores keys it does not know: a typo would be silently dropped (rule: no prop ignored).
    for (const key of Object.keys(props.provisionerValues ?? {})) {
      if (!PROVISIONER_CHART_KEYS.includes(key)) issues.warn(`provisionerValues.${key}`, `is not a value of the local-static-provisioner chart ${LOCAL_VOLUME_PROVISIONER_IMAGE.split(":v")[1]}; the chart ignores it`);
    }
    // IS-LSP-01/04: one provisioner release and one fast-disks class per cluster; a second
    // InstanceStore would create both again under the same names and fail the apply.
    const stores = storesByCluster.get(TerraformStack.of(this)) ?? new Map<string, string>();
    storesByCluster.set(TerraformStack.of(this), stores);
    const publishes = config !== undefined && Object.values(config.nodegroups).some((ng) => publishedPath(ng.diskSetup) !== undefined);
    const other = publishes ? stores.get(cluster.literalName) : undefined;
    if (other !== undefined) issues.error("instanceStore", `is the second InstanceStore of cluster ${cluster.literalName} in this stack (the first is ${other}): the local-static-provisioner release and the ${FAST_DISKS_CLASS} class exist once per cluster`, this.node.path, `one InstanceStore per cluster, with all its nodegroups`);
    else if (publishes) stores.set(cluster.literalName, this.node.path);
    // GEN-02: tags and chart values from props are config too: escaped here, once.
    const tags = parseSection(tagsSchema, props.tags ?? {}, "tags", issues, { allowTokens: true }) ?? {};
    const provisionerValues = parseSection(helmValuesSchema, props.provisionerValues ?? {}, "provisionerValues", issues, { allowTokens: true }) ?? {};
    reportTo(this, issues);
    this.config = config!;
    const nodeRoleArn = this.config.nodeRoleArn ?? cluster.nodeRoleArn;
    if (!nodeRoleArn) throw new Error(`${this.node.path}: no node role (validation should have caught this)`);

    let hostDir: string | undefined;
    const tolerations: Record<string, unknown>[] = [];
    for (const [name, ng] of sortedEntries(this.config.nodegroups)) {
      const use = diskUse(ng.diskSetup);
      this.nodegroups[name] = new ManagedNodegroup(this, `nodegroup-${name}`, {
        name,
        kubernetesVersion: cluster.version,
        clusterName: cluster.name,
        clusterLiteralName: cluster.literalName,
        nodeRoleArn,
        subnetIds: subnetsNamed(vpc, ng.subnets ?? cluster.subnetNames).map((s) => s.id),
        settings: { ...ng, labels: { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value, ...ng.labels, [FAST_DISK_LABEL]: use } },
        userData: renderUserData(ng.diskSetup),
        dependsOn: [...cluster.nodeDependencies],
        tags,
      });
      const pub = publishedPath(ng.diskSetup);
      if (pub) {
        hostDir = pub;
        for (const t of ng.taints) tolerations.push({ key: t.key, operator: t.value === undefined ? "Exists" : "Equal", ...(t.value === undefined ? {} : { value: t.value }), effect: TAINT_EFFECT[t.effect] });
      }
    }
    if (!hostDir) return; // only nodeadm RAID nodegroups: ephemeral storage, nothing to publish

    ensureKubernetesProviders(this, cluster);
    const values = mergeValues(renderProvisionerValues({ hostDir, image: LOCAL_VOLUME_PROVISIONER_IMAGE, tolerations }), { ...provisionerValues });
    // IS-LSP-01: the chart's ServiceAccount, RBAC, ConfigMap and DaemonSet (pinned image) plan without a live cluster.
    this.provisioner = new Release(this, "local-static-provisioner", {
      name: "local-static-provisioner",
      repository: "https://kubernetes-sigs.github.io/sig-storage-local-static-provisioner",
      chart: "local-static-provisioner",
      version: this.config.provisionerChartVersion,
      namespace: "kube-system",
      values: [JSON.stringify(values)],
      wait: false,
      dependsOn: cluster.workloadDependencies.length ? [...cluster.workloadDependencies] : undefined,
    });
    // IS-LSP-04: no dynamic provisioner; bind when the pod is scheduled. The provisioner reads the
    // class's reclaim policy into each PV it creates: Delete empties a Filesystem-mode volume
    // (deleter cleanFilePV: DeleteContents of the mount) and rediscovery publishes it again;
    // blockCleanerCommand applies to Block mode only, which we do not publish.
    this.storageClass = new StorageClassV1(this, "storage-class", {
      metadata: { name: FAST_DISKS_CLASS },
      storageProvisioner: "kubernetes.io/no-provisioner",
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: this.config.reclaimPolicy,
      dependsOn: [this.provisioner],
    });
  }
}
