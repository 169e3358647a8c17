/**
 * Trident construct: registration checks, StorageClasses, the snapshot-controller add-on, timeouts,
 * IRSA wiring in the operator values, and the `moved` blocks from the pre-split addresses.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ConfigValidationError } from "../modules/core/errors";
import { ClusterRef, IClusterRef } from "../modules/core/refs";
import { BackendSpec } from "../modules/trident/render";
import { moveFromFsxOntapAddresses, Trident, TridentProps, TridentRegistration, TridentStorageClassSpec } from "../modules/trident/trident";
import { fsxProdClusterAttributes, Json } from "./helpers";

const clusterAttrs = fsxProdClusterAttributes;

const backend = (svm: string, driver: BackendSpec["driver"] = "ontap-nas"): BackendSpec => ({
  name: `${svm}-${driver}`,
  driver,
  svm,
  fileSystemId: "fs-0123456789abcdef0",
  credentialsSecretArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:fsx-${svm}-vsadmin`,
});

const storageClass = (name: string, backendName: string, extra: Partial<TridentStorageClassSpec> = {}): TridentStorageClassSpec => ({
  name,
  backendName,
  backendType: "ontap-nas",
  reclaimPolicy: "Delete",
  allowVolumeExpansion: true,
  fsType: "ext4",
  default: false,
  ...extra,
});

/** A registration from a plain construct `ownerId` (standing in for an FsxOntap) in `stack`. */
const registration = (stack: TerraformStack, ownerId: string, backends: BackendSpec[], storageClasses: TridentStorageClassSpec[], dependsOn: TridentRegistration["dependsOn"] = []): TridentRegistration => ({
  owner: new Construct(stack, ownerId),
  fileSystemId: "fs-0123456789abcdef0",
  backends,
  storageClasses,
  secretArns: [],
  dependsOn,
});

function newTrident(props: Partial<TridentProps> = {}, cluster: IClusterRef = ClusterRef.fromAttributes(clusterAttrs)): { stack: TerraformStack; trident: Trident } {
  const stack = new TerraformStack(Testing.app(), "lib");
  return { stack, trident: new Trident(stack, "trident", { cluster, ...props }) };
}

const synth = (stack: TerraformStack): Json => JSON.parse(Testing.synth(stack));

const releaseNamed = (json: Json, name: string): Json => Object.values(json.resource.helm_release as Record<string, Json>).find((r) => r.name === name)!;

/** The message of the ConfigValidationError `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.message;
    throw e;
  }
  throw new Error("expected a ConfigValidationError, but nothing was thrown");
}

// One stack as the YAML path builds it: snapshot class on, a known Kubernetes version, a cluster
// whose workloads wait for something, one file system with a default NAS and a SAN class.
const full = (() => {
  const stack = new TerraformStack(Testing.app(), "lib");
  const nodesReady = new IamRole(stack, "nodes-ready", { assumeRolePolicy: "{}" });
  const cluster: IClusterRef = { ...ClusterRef.fromAttributes({ ...clusterAttrs, version: "1.33" }), workloadDependencies: [nodesReady] };
  const trident = new Trident(stack, "trident", { cluster, volumeSnapshotClass: true, installTimeoutSeconds: 300 });
  const svm = new IamRole(stack, "svm", { assumeRolePolicy: "{}" });
  trident.register(
    registration(stack, "fsx-a", [backend("apps"), backend("apps", "ontap-san")], [storageClass("apps-nas", "apps-ontap-nas", { default: true }), storageClass("apps-san", "apps-ontap-san", { backendType: "ontap-san", fsType: "xfs", reclaimPolicy: "Retain", allowVolumeExpansion: false })], [svm]),
  );
  moveFromFsxOntapAddresses(trident, "fsx-ontap");
  return { trident, json: synth(stack) };
})();

describe("moveFromFsxOntapAddresses", () => {
  test("writes exactly one moved block per Trident resource, from its fsx-ontap address to its Trident address (storage classes included)", () => {
    expect(full.json.moved).toEqual([
      { from: "aws_iam_role.fsx-ontap_trident-role_0C7A819F", to: "aws_iam_role.trident_role_C0457E3C" },
      { from: "aws_iam_role_policy.fsx-ontap_trident-policy_8839D378", to: "aws_iam_role_policy.trident_policy_3B562CB6" },
      { from: "aws_eks_pod_identity_association.fsx-ontap_trident-pod-identity_25411FEC", to: "aws_eks_pod_identity_association.trident_pod-identity_6370668D" },
      { from: "helm_release.fsx-ontap_trident-operator_ABF29155", to: "helm_release.trident_operator_938BD56A" },
      { from: "helm_release.fsx-ontap_trident-backends_BBD649DF", to: "helm_release.trident_backends_A912EB52" },
      { from: "aws_eks_addon.fsx-ontap_snapshot-controller_0592CF2A", to: "aws_eks_addon.trident_snapshot-controller_B53D906F" },
      { from: "kubernetes_storage_class_v1.fsx-ontap_storage-class-apps-nas_E8B83422", to: "kubernetes_storage_class_v1.trident_storage-class-apps-nas_3FBE609D" },
      { from: "kubernetes_storage_class_v1.fsx-ontap_storage-class-apps-san_FF9D08B6", to: "kubernetes_storage_class_v1.trident_storage-class-apps-san_0212AC46" },
    ]);
  });
});

describe("Trident resources", () => {
  test("the snapshot-controller add-on is pinned for the cluster's Kubernetes version, overwrites conflicts on create and waits for the cluster's workload dependencies", () => {
    expect(full.json.resource.aws_eks_addon).toEqual({
      "trident_snapshot-controller_B53D906F": {
        addon_name: "snapshot-controller",
        addon_version: "v8.1.0-eksbuild.2",
        cluster_name: "prod",
        depends_on: ["aws_iam_role.nodes-ready"],
        resolve_conflicts_on_create: "OVERWRITE",
      },
    });
  });

  test("without a cluster Kubernetes version the snapshot-controller add-on is unpinned and a warning names fsxOntap.trident.volumeSnapshotClass", () => {
    const { stack, trident } = newTrident({ volumeSnapshotClass: true });
    expect(trident.node.metadata.map((m) => String(m.data))).toEqual([
      "fsxOntap.trident.volumeSnapshotClass: snapshot-controller version is left to EKS's default because the cluster's Kubernetes version is unknown; set cluster.addonVersions.snapshot-controller (or the cluster version) to pin it",
    ]);
    expect(Object.values(synth(stack).resource.aws_eks_addon)).toEqual([{ addon_name: "snapshot-controller", cluster_name: "prod", depends_on: [], resolve_conflicts_on_create: "OVERWRITE" }]);
  });

  test("installTimeoutSeconds is the wait hook's timeout and the backends release gets 120 s more", () => {
    const backends = releaseNamed(full.json, "trident-backends");
    expect(backends.timeout).toBe(420);
    expect(JSON.parse(backends.values[0]).wait).toEqual({ image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: 300 });
  });

  test("by default the wait hook waits 900 s and the backends release 1020 s", () => {
    const backends = releaseNamed(synth(newTrident().stack), "trident-backends");
    expect(backends.timeout).toBe(1020);
    expect(JSON.parse(backends.values[0]).wait).toEqual({ image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: 900 });
  });

  test("StorageClasses: only the default one is annotated is-default-class, binding is Immediate, only SAN classes set csi.storage.k8s.io/fstype", () => {
    expect(full.json.resource.kubernetes_storage_class_v1).toEqual({
      "trident_storage-class-apps-nas_3FBE609D": {
        allow_volume_expansion: true,
        depends_on: ["helm_release.trident_backends_A912EB52"],
        metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" }, name: "apps-nas" },
        parameters: { backendType: "ontap-nas", storagePools: "apps-ontap-nas:.*" },
        reclaim_policy: "Delete",
        storage_provisioner: "csi.trident.netapp.io",
        volume_binding_mode: "Immediate",
      },
      "trident_storage-class-apps-san_0212AC46": {
        allow_volume_expansion: false,
        depends_on: ["helm_release.trident_backends_A912EB52"],
        metadata: { name: "apps-san" },
        parameters: { backendType: "ontap-san", storagePools: "apps-ontap-san:.*", "csi.storage.k8s.io/fstype": "xfs" },
        reclaim_policy: "Retain",
        storage_provisioner: "csi.trident.netapp.io",
        volume_binding_mode: "Immediate",
      },
    });
  });

  test("register adds the file system's dependencies to the backends release's (operator, snapshot add-on), or starts a list when the release has none", () => {
    expect(releaseNamed(full.json, "trident-backends").depends_on).toEqual(["helm_release.trident_operator_938BD56A", "aws_eks_addon.trident_snapshot-controller_B53D906F", "aws_iam_role.svm"]);
    const { stack, trident } = newTrident();
    const svm = new IamRole(stack, "svm", { assumeRolePolicy: "{}" });
    trident.backendsRelease.dependsOn = undefined;
    trident.register(registration(stack, "fsx-a", [backend("apps")], [], [svm]));
    expect(releaseNamed(synth(stack), "trident-backends").depends_on).toEqual(["aws_iam_role.svm"]);
  });

  test("helmValues cannot set cloudProvider: dropped with pod identity, AWS with IRSA", () => {
    const helmValues = { cloudProvider: "Azure", tridentDebug: true };
    const podIdentity = JSON.parse(releaseNamed(synth(newTrident({ helmValues }).stack), "trident-operator").values[0]);
    expect([podIdentity.cloudProvider, podIdentity.tridentDebug]).toEqual([undefined, true]);
    const irsaCluster = ClusterRef.fromAttributes({ ...clusterAttrs, oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" });
    const irsa = JSON.parse(releaseNamed(synth(newTrident({ helmValues, identity: "irsa" }, irsaCluster).stack), "trident-operator").values[0]);
    expect([irsa.cloudProvider, irsa.tridentDebug]).toEqual(["AWS", true]);
  });
});

describe("Trident.register", () => {
  test("the backends getter lists every registered backend, in registration order (none before any registration)", () => {
    const { stack, trident } = newTrident();
    expect(trident.backends).toEqual([]);
    trident.register(registration(stack, "fsx-a", [backend("apps"), backend("apps", "ontap-san")], []));
    trident.register(registration(stack, "fsx-b", [backend("logs")], []));
    expect(trident.backends).toEqual([backend("apps"), backend("apps", "ontap-san"), backend("logs")]);
  });

  test("a backend name registered by another file system is refused, naming the first owner and how to fix it", () => {
    const { stack, trident } = newTrident();
    trident.register(registration(stack, "fsx-a", [backend("apps")], [storageClass("a-nas", "apps-ontap-nas")]));
    expect(errorOf(() => trident.register(registration(stack, "fsx-b", [backend("logs"), backend("apps")], [storageClass("b-nas", "apps-ontap-nas")])))).toBe(
      "lib/fsx-b: 1 error\n" +
        "  - trident.backends.apps-ontap-nas: is already a backend of lib/fsx-a; backend names (SVM name, lowercased, '_' as '-', plus the driver) must be unique per cluster; got \"apps-ontap-nas\"; allowed: rename the SVM",
    );
    expect(trident.backends).toEqual([backend("apps")]);
  });

  test("two default StorageClasses in one registration are refused, listing just those two", () => {
    const { stack, trident } = newTrident();
    expect(errorOf(() => trident.register(registration(stack, "fsx-a", [backend("apps")], [storageClass("one", "apps-ontap-nas", { default: true }), storageClass("two", "apps-ontap-nas", { default: true })])))).toBe(
      'lib/fsx-a: 1 error\n  - storageClasses: sets more than one default StorageClass in the cluster; got ["one","two"]; allowed: one default class',
    );
  });

  test("a non-default StorageClass does not take the cluster's default: a later file system may set the default, and the one after that may not", () => {
    const { stack, trident } = newTrident();
    trident.register(registration(stack, "fsx-a", [backend("apps")], [storageClass("plain", "apps-ontap-nas")]));
    expect(Object.keys(trident.register(registration(stack, "fsx-b", [backend("logs")], [storageClass("main", "logs-ontap-nas", { default: true })])))).toEqual(["main"]);
    expect(errorOf(() => trident.register(registration(stack, "fsx-c", [backend("data")], [storageClass("other", "data-ontap-nas", { default: true })])))).toBe(
      'lib/fsx-c: 1 error\n  - storageClasses: sets more than one default StorageClass in the cluster; got ["main","other"]; allowed: one default class',
    );
  });
});
