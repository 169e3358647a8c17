import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Issues } from "../core/errors";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { Network, sortedEntries } from "../network/network";
import { ManagedNodegroup } from "../nodegroup/managed-nodegroup";
import { FAST_DISKS_CLASS, InstanceStoreConfig } from "./config";
import { diskUse, FAST_DISK_LABEL, publishedPath, renderProvisionerValues, renderUserData } from "./render";
import { validateInstanceStore } from "./validate";

export interface InstanceStoreProps {
  readonly config: InstanceStoreConfig;
  readonly network: Network;
  readonly clusterName: string;
  /** Literal cluster name for naming. */
  readonly clusterLiteralName: string;
  readonly clusterCreated: boolean;
  /** The cluster's Kubernetes version, so nodes follow upgrades. @default - unmanaged after creation */
  readonly kubernetesVersion?: string;
  /** Node role of created clusters; config.nodeRoleArn wins. @default - config.nodeRoleArn (required then) */
  readonly nodeRoleArn?: string;
  readonly defaultSubnetNames: readonly string[];
  /** What the nodegroups wait for (vpc-cni, kube-proxy). @default [] */
  readonly nodegroupDependsOn?: ITerraformDependable[];
}

const TAINT_EFFECT: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };
export const LOCAL_VOLUME_PROVISIONER_IMAGE = "registry.k8s.io/sig-storage/local-volume-provisioner:v2.9.0";

/**
 * Managed nodegroups on NVMe instance store, disks prepared at boot (nodeadm localStorage or the
 * boot script), and the local static provisioner that serves the published mounts as PVs of the
 * `fast-disks` StorageClass. These are cloud nodes: both layouts carry them unchanged.
 */
export class InstanceStore extends Construct {
  public readonly nodegroups: Record<string, ManagedNodegroup> = {};

  constructor(scope: Construct, id: string, props: InstanceStoreProps) {
    super(scope, id);
    const { config } = props;
    const issues = new Issues();
    validateInstanceStore(config, { subnets: props.network.subnets, clusterCreated: props.clusterCreated }, issues);
    issues.throwIfAny(this.node.path);
    const nodeRoleArn = config.nodeRoleArn ?? props.nodeRoleArn;
    if (!nodeRoleArn) throw new Error(`${this.node.path}: no node role (validation should have caught this)`);

    let hostDir: string | undefined;
    const tolerations: Record<string, unknown>[] = [];
    for (const [name, ng] of sortedEntries(config.nodegroups)) {
      const use = diskUse(ng.diskSetup);
      this.nodegroups[name] = new ManagedNodegroup(this, `nodegroup-${name}`, {
        name,
        kubernetesVersion: props.kubernetesVersion,
        clusterName: props.clusterName,
        clusterLiteralName: props.clusterLiteralName,
        nodeRoleArn,
        subnetIds: props.network.subnetsNamed(ng.subnets ?? props.defaultSubnetNames).map((s) => s.id),
        settings: { ...ng, labels: { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value, ...ng.labels, [FAST_DISK_LABEL]: use } },
        userData: renderUserData(ng.diskSetup),
        dependsOn: props.nodegroupDependsOn,
      });
      const pub = publishedPath(ng.diskSetup);
      if (pub) {
        hostDir = pub;
        for (const t of ng.taints) tolerations.push({ key: t.key, operator: t.value === undefined ? "Exists" : "Equal", ...(t.value === undefined ? {} : { value: t.value }), effect: TAINT_EFFECT[t.effect] });
      }
    }
    if (!hostDir) return; // only nodeadm RAID nodegroups: ephemeral storage, nothing to publish

    // IS-LSP-01: the chart's ServiceAccount, RBAC, ConfigMap and DaemonSet (pinned image) plan without a live cluster.
    const provisioner = new Release(this, "local-static-provisioner", {
      name: "local-static-provisioner",
      repository: "https://kubernetes-sigs.github.io/sig-storage-local-static-provisioner",
      chart: "local-static-provisioner",
      version: config.provisionerChartVersion,
      namespace: "kube-system",
      values: [JSON.stringify(renderProvisionerValues({ hostDir, image: LOCAL_VOLUME_PROVISIONER_IMAGE, tolerations }))],
      wait: false,
    });
    // IS-LSP-04: no dynamic provisioner; bind when the pod is scheduled; keep data when a claim goes.
    new StorageClassV1(this, "storage-class", {
      metadata: { name: FAST_DISKS_CLASS },
      storageProvisioner: "kubernetes.io/no-provisioner",
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: "Retain",
      dependsOn: [provisioner],
    });
  }
}
