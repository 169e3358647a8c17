import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { resolveAddon } from "../core/addons";
import { podIdentityTrustPolicy } from "../core/iam";
import { AssetType, dependable, ITerraformDependable, Lazy, TerraformAsset, TerraformStack, TerraformResource } from "cdktf";
// cdktf's own address hashing (private module), to name the pre-split addresses exactly.
import { makeUniqueId } from "cdktf/lib/private/unique";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Release } from "@cdktf/provider-helm/lib/release";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { Issues } from "../core/errors";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { IClusterRef } from "../core/refs";
import { isValidated, parseSection, reportTo } from "../core/validation";
import { helmValues as helmValuesSchema, tags as tagsSchema } from "../core/schema";
import { TridentOptionsConfig, TridentOptionsSchema } from "./config";
import {
  BackendSpec,
  mergeValues,
  renderBackendChartValues,
  renderTridentValues,
  tridentIrsaTrustPolicy,
  tridentPolicy,
  TRIDENT_CONTROLLER_SA,
  TRIDENT_NAMESPACE,
} from "./render";

/** Cluster-wide Trident options; equal to `z.input<typeof TridentOptionsSchema>` (a test checks it). */
export interface TridentOptions {
  /** trident-operator chart version (100.<YYMM>.<patch>, TRI-01). @default "100.2506.0" */
  readonly chartVersion?: string;
  /** How the controller gets AWS credentials. @default "pod-identity" */
  readonly identity?: "pod-identity" | "irsa";
  /** IRSA only: the cluster's IAM OIDC provider ARN. @default - the cluster's `oidcProviderArn` */
  readonly oidcProviderArn?: string;
  /** Node selector of the controller. @default - cloud nodes of this module set (created clusters); none on an adopted cluster (a warning says so in the hybrid layout) */
  readonly controllerNodeSelector?: Record<string, string>;
  /** Node selector of the node plugin (it must run where PVs are mounted). @default - as controllerNodeSelector */
  readonly nodePluginNodeSelector?: Record<string, string>;
  /** Tolerations of the node plugin, e.g. for tainted storage nodegroups (pods there cannot mount FSx volumes otherwise). @default [] */
  readonly nodePluginTolerations?: { key: string; value?: string; effect?: "NoSchedule" | "NoExecute" | "PreferNoSchedule" }[];
  /** Create a VolumeSnapshotClass `trident-snapshots` (installs the snapshot-controller add-on). @default false */
  readonly volumeSnapshotClass?: boolean;
}

export interface TridentProps extends TridentOptions {
  readonly cluster: IClusterRef;
  /** Tags for the IAM role, the pod identity association and the add-on. @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Values deep-merged over ours for the trident-operator release (objects merge, arrays replace).
   * `cloudProvider` and `cloudIdentity` (the IRSA wiring) are ours and cannot be overridden.
   * @default {}
   */
  readonly helmValues?: Record<string, unknown>;
  /** Seconds the backends chart's hook waits for Trident to be installed. @default 900 */
  readonly installTimeoutSeconds?: number;
}

/** A StorageClass a file system asks Trident for (TRI-06). */
export interface TridentStorageClassSpec {
  readonly name: string;
  readonly backendName: string;
  readonly backendType: "ontap-nas" | "ontap-san";
  readonly reclaimPolicy: string;
  readonly allowVolumeExpansion: boolean;
  readonly fsType: string;
  readonly default: boolean;
}

/** What an FSx file system registers with Trident. */
export interface TridentRegistration {
  /** Who registers (the FsxOntap construct), named in collision errors. */
  readonly owner: Construct;
  readonly fileSystemId: string;
  readonly backends: readonly BackendSpec[];
  readonly storageClasses: readonly TridentStorageClassSpec[];
  readonly secretArns: readonly string[];
  /** Resources the backends must wait for (the SVMs). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Locates the trident-backends chart shipped with the package (from sources, dist/ or a bundle). */
export function backendsChartDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const chart = path.join(dir, "charts", "trident-backends");
    if (fs.existsSync(path.join(chart, "Chart.yaml"))) return chart;
    if (path.dirname(dir) === dir) throw new Error(`charts/trident-backends not found above ${__dirname}`);
  }
}

/**
 * NetApp Trident, once per cluster (issue 11.6): namespace `trident`, the trident-operator Helm
 * release, its IAM role (Pod Identity or IRSA), node preparation, the backends chart (one release
 * for every registered file system) and the StorageClasses. FSx file systems register their SVM
 * backends and classes with `register` (FsxOntap does it when given `trident`); a StorageClass or
 * backend name registered twice is an error.
 */
export class Trident extends Construct {
  public readonly namespace = TRIDENT_NAMESPACE;
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;
  public readonly podIdentityAssociation?: EksPodIdentityAssociation;
  public readonly operatorRelease: Release;
  public readonly backendsRelease: Release;
  public readonly snapshotController?: EksAddon;
  /** StorageClasses by name, as file systems register them. */
  public readonly storageClasses: Record<string, StorageClassV1> = {};
  public readonly options: TridentOptionsConfig;
  public readonly cluster: IClusterRef;
  private readonly registrations: TridentRegistration[] = [];
  private readonly backendOwners = new Map<string, string>();
  private readonly classOwners = new Map<string, string>();
  private readonly helmValues?: Record<string, unknown>;
  private defaultClass?: string;

  constructor(scope: Construct, id: string, props: TridentProps) {
    super(scope, id);
    const { cluster, installTimeoutSeconds, ...rest } = props;
    const { tags: rawTags, helmValues: rawHelmValues, ...input } = rest;
    const issues = new Issues();
    // GEN-02: tags and Helm values from props are config too: escaped here, once.
    const tags = rawTags === undefined ? undefined : parseSection(tagsSchema, rawTags, "tags", issues, { allowTokens: true });
    const helmValues = rawHelmValues === undefined ? undefined : parseSection(helmValuesSchema, rawHelmValues, "helmValues", issues, { allowTokens: true });
    const parsed = isValidated(props) ? (input as TridentOptionsConfig) : parseSection(TridentOptionsSchema, input, "trident", issues, { allowTokens: true });
    const oidcProviderArn = parsed?.oidcProviderArn ?? cluster.oidcProviderArn;
    // TRI-02: Pod Identity needs the agent on the cluster, or the controller gets no credentials.
    if (parsed?.identity === "pod-identity" && !cluster.podIdentityAgent) {
      issues.error("trident.identity", "is pod-identity, but the cluster has no eks-pod-identity-agent (podIdentityAgent: false): the Trident controller would get no AWS credentials and its backends would fail", "pod-identity", "irsa (with the cluster's oidcProviderArn), or install the eks-pod-identity-agent add-on (then podIdentityAgent: true)");
    }
    if (parsed?.identity === "irsa" && !oidcProviderArn) issues.error("trident.oidcProviderArn", "is required when identity is irsa and the cluster has no oidcProviderArn", undefined, "the cluster's IAM OIDC provider ARN");
    if (installTimeoutSeconds !== undefined && (!Number.isInteger(installTimeoutSeconds) || installTimeoutSeconds < 60 || installTimeoutSeconds > 3600)) {
      issues.error("trident.installTimeoutSeconds", "must be a whole number of seconds between 60 and 3600", installTimeoutSeconds, "60-3600");
    }
    const cloudSelector = cluster.created ? { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value } : undefined;
    const controllerSelector = parsed?.controllerNodeSelector ?? cloudSelector;
    const nodePluginSelector = parsed?.nodePluginNodeSelector ?? controllerSelector;
    if (cluster.remoteNetworks && (!controllerSelector || !nodePluginSelector)) {
      // HYB-ADD-02: the chart places the controller and node plugin by nodeSelector only; on an adopted
      // cluster we know no label that only cloud nodes carry (the operator itself uses affinity).
      issues.warn("trident.controllerNodeSelector", "is not set on an adopted hybrid cluster: the Trident controller and node plugin may be scheduled on hybrid nodes, which Trident does not support (HYB-ADD-02); set controllerNodeSelector/nodePluginNodeSelector to a label only your cloud nodes carry");
    }
    reportTo(this, issues);
    const o = parsed!;
    this.options = o;
    this.cluster = cluster;
    this.helmValues = helmValues;
    ensureKubernetesProviders(this, cluster);

    this.role = new IamRole(this, "role", {
      namePrefix: `${cluster.literalName}-trident-`.slice(0, 38),
      assumeRolePolicy: o.identity === "irsa" ? tridentIrsaTrustPolicy(oidcProviderArn!) : podIdentityTrustPolicy({ accountId: cluster.accountId, clusterArn: cluster.arn, namespace: TRIDENT_NAMESPACE, serviceAccount: TRIDENT_CONTROLLER_SA }),
      tags,
    });
    // TRI-03, scoped to the registered file systems' ARNs (issue 10.5); rendered once all have registered.
    this.policy = new IamRolePolicy(this, "policy", {
      role: this.role.name,
      name: "trident-fsx-ontap",
      policy: Lazy.stringValue({
        produce: () =>
          tridentPolicy({
            partition: cluster.partition,
            region: cluster.region,
            accountId: cluster.accountId,
            fileSystems: this.registrations.map((r) => ({ fileSystemId: r.fileSystemId })),
            secretArns: this.registrations.flatMap((r) => r.secretArns),
          }),
      }),
    });

    const waitFor: ITerraformDependable[] = [...cluster.workloadDependencies, this.policy];
    if (o.identity === "pod-identity") {
      this.podIdentityAssociation = new EksPodIdentityAssociation(this, "pod-identity", {
        clusterName: cluster.name,
        namespace: TRIDENT_NAMESPACE,
        serviceAccount: TRIDENT_CONTROLLER_SA,
        roleArn: this.role.arn,
        tags,
      });
      waitFor.push(this.podIdentityAssociation);
    }
    const tolerations = o.nodePluginTolerations.map((t) => ({ key: t.key, operator: t.value === undefined ? ("Exists" as const) : ("Equal" as const), value: t.value, effect: t.effect }));
    this.operatorRelease = new Release(this, "operator", { // TRI-08: Helm, never also the EKS add-on
      name: "trident-operator",
      repository: "https://netapp.github.io/trident-helm-chart",
      chart: "trident-operator",
      version: o.chartVersion,
      namespace: TRIDENT_NAMESPACE,
      createNamespace: true,
      timeout: 1200,
      values: [
        Lazy.stringValue({
          produce: () => {
            const ours = renderTridentValues({
              identity: o.identity,
              roleArn: this.role.arn,
              controllerNodeSelector: controllerSelector,
              nodePluginNodeSelector: nodePluginSelector,
              nodePluginTolerations: tolerations,
              // TRI-02 / issue 9.2: SAN needs the iSCSI initiator and multipath on AL2023 nodes.
              nodePrep: this.registrations.some((r) => r.backends.some((b) => b.driver === "ontap-san")) ? ["iscsi"] : [],
            });
            const merged = mergeValues(ours, this.helmValues);
            for (const k of ["cloudProvider", "cloudIdentity"]) {
              if (k in ours) merged[k] = ours[k];
              else delete merged[k];
            }
            return JSON.stringify(merged);
          },
        }),
      ],
      dependsOn: waitFor,
    });

    const chartDeps: ITerraformDependable[] = [this.operatorRelease];
    if (o.volumeSnapshotClass) {
      this.snapshotController = new EksAddon(this, "snapshot-controller", {
        clusterName: cluster.name,
        addonName: "snapshot-controller",
        addonVersion: this.resolveSnapshotControllerVersion(cluster),
        resolveConflictsOnCreate: "OVERWRITE",
        dependsOn: [...cluster.workloadDependencies],
        tags,
      });
      chartDeps.push(this.snapshotController);
    }
    const chart = new TerraformAsset(this, "backends-chart", { path: backendsChartDir(), type: AssetType.DIRECTORY });
    const timeout = installTimeoutSeconds ?? 900;
    // Issue 9.1: the chart's pre-install/pre-upgrade hook waits for the TridentBackendConfig CRD and the
    // installed TridentOrchestrator; destroy removes this release (and the StorageClasses, which depend
    // on it) before the operator, since it depends on the operator.
    this.backendsRelease = new Release(this, "backends", {
      name: "trident-backends",
      chart: chart.path,
      namespace: TRIDENT_NAMESPACE,
      timeout: timeout + 120,
      values: [
        Lazy.stringValue({
          produce: () =>
            JSON.stringify(
              renderBackendChartValues({
                backends: this.registrations.flatMap((r) => r.backends),
                volumeSnapshotClass: o.volumeSnapshotClass ? "trident-snapshots" : undefined,
                waitTimeoutSeconds: timeout,
              }),
            ),
        }),
      ],
      dependsOn: chartDeps,
    });
  }

  /** Every backend registered so far. */
  public get backends(): readonly BackendSpec[] {
    return this.registrations.flatMap((r) => r.backends);
  }

  /**
   * Registers a file system's backends and StorageClasses. Backend or StorageClass names already
   * registered (by another file system, or twice) and a second default class are errors.
   */
  public register(reg: TridentRegistration): Record<string, StorageClassV1> {
    const issues = new Issues();
    const owner = reg.owner.node.path;
    for (const b of reg.backends) {
      const other = this.backendOwners.get(b.name);
      if (other !== undefined) issues.error(`trident.backends.${b.name}`, `is already a backend of ${other}; backend names (SVM name, lowercased, '_' as '-', plus the driver) must be unique per cluster`, b.name, "rename the SVM");
    }
    for (const sc of reg.storageClasses) {
      const other = this.classOwners.get(sc.name);
      if (other !== undefined) issues.error(`storageClasses.${sc.name}`, `is already a StorageClass of ${other}; StorageClass names are cluster-wide`, sc.name, "another name");
    }
    const defaults = reg.storageClasses.filter((s) => s.default).map((s) => s.name);
    if (defaults.length > 1 || (defaults.length === 1 && this.defaultClass)) {
      issues.error("storageClasses", "sets more than one default StorageClass in the cluster", [...(this.defaultClass ? [this.defaultClass] : []), ...defaults], "one default class");
    }
    issues.throwIfAny(owner);

    this.registrations.push(reg);
    for (const b of reg.backends) this.backendOwners.set(b.name, owner);
    this.backendsRelease.dependsOn = [...(this.backendsRelease.dependsOn ?? []), ...reg.dependsOn.map((d) => dependable(d))];
    const created: Record<string, StorageClassV1> = {};
    for (const sc of reg.storageClasses) {
      this.classOwners.set(sc.name, owner);
      if (sc.default) this.defaultClass = sc.name;
      const resource = new StorageClassV1(this, `storage-class-${sc.name}`, {
        metadata: { name: sc.name, annotations: sc.default ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined },
        storageProvisioner: "csi.trident.netapp.io",
        reclaimPolicy: sc.reclaimPolicy,
        allowVolumeExpansion: sc.allowVolumeExpansion,
        volumeBindingMode: "Immediate",
        parameters: {
          backendType: sc.backendType,
          storagePools: `${sc.backendName}:.*`,
          ...(sc.backendType === "ontap-san" ? { "csi.storage.k8s.io/fstype": sc.fsType } : {}),
        },
        // Destroyed before the backends, which are destroyed before the operator.
        dependsOn: [this.backendsRelease],
      });
      this.storageClasses[sc.name] = resource;
      created[sc.name] = resource;
    }
    return created;
  }

  /** Issue 9 item 7: the snapshot-controller version pinned for the cluster's Kubernetes version (core/addons.ts). */
  private resolveSnapshotControllerVersion(cluster: IClusterRef): string | undefined {
    const issues = new Issues();
    const resolved = resolveAddon(issues, "fsxOntap.trident.volumeSnapshotClass", { addon: "snapshot-controller", kubernetesVersion: cluster.version });
    reportTo(this, issues);
    return resolved.version;
  }
}

/**
 * `moved` blocks from the addresses Trident's resources had when FsxOntap created them (construct
 * `legacyScope`, "fsx-ontap" on the YAML path), so an existing stack updates them in place instead of
 * destroying and recreating the releases and StorageClasses (a new release named trident-operator
 * would collide with the old one still installed). Harmless when nothing is at the old address.
 */
export function moveFromFsxOntapAddresses(trident: Trident, legacyScope: string): void {
  const stack = TerraformStack.of(trident);
  const moves: { from: string; to: string }[] = [];
  const move = (resource: TerraformResource | undefined, type: string, name: string) => {
    if (resource) moves.push({ from: `${type}.${makeUniqueId([legacyScope, name])}`, to: `${type}.${stack.getLogicalId(resource)}` });
  };
  move(trident.role, "aws_iam_role", "trident-role");
  move(trident.policy, "aws_iam_role_policy", "trident-policy");
  move(trident.podIdentityAssociation, "aws_eks_pod_identity_association", "trident-pod-identity");
  move(trident.operatorRelease, "helm_release", "trident-operator");
  move(trident.backendsRelease, "helm_release", "trident-backends");
  move(trident.snapshotController, "aws_eks_addon", "snapshot-controller");
  for (const [name, sc] of Object.entries(trident.storageClasses)) move(sc, "kubernetes_storage_class_v1", `storage-class-${name}`);
  // Plain `moved` blocks rather than cdktf's moveFromId: that one also adds a stack validation that
  // runs `terraform version` on every synth, so synthesizing (and Testing.synth with validations)
  // would fail wherever terraform is not on PATH. The stacks require Terraform >= 1.11 anyway.
  stack.addOverride("moved", moves);
}
