/** Pure renderers for NetApp Trident: IAM documents, operator values, backends-chart values. */
import { Fn, Token } from "cdktf";
import { mergeHelmValues } from "../core/helm-values";
import { policyDocument, PolicyStatement } from "../core/iam";

/** Namespace and service account of the Trident controller (TRI-02, TRI-03). */
export const TRIDENT_NAMESPACE = "trident";
export const TRIDENT_CONTROLLER_SA = "trident-controller";

/** Label EKS puts on hybrid nodes; needs no label of ours (HYB-ADD-02: Trident does not support hybrid nodes). */
export const COMPUTE_TYPE_LABEL = "eks.amazonaws.com/compute-type";

export interface FileSystemScope {
  /** fs-... (a token for a file system created in the same stack). */
  readonly fileSystemId: string;
}

/**
 * TRI-03, narrowed to the registered file systems (Service Authorization Reference for Amazon FSx:
 * resource types `file-system` arn:${Partition}:fsx:${Region}:${Account}:file-system/${FileSystemId},
 * `storage-virtual-machine` .../storage-virtual-machine/${FileSystemId}/${SvmId},
 * `volume` .../volume/${FileSystemId}/${VolumeId}, `snapshot` .../snapshot/${VolumeId}/${SnapshotId}).
 * Describe* support no resource-level permissions (List access level), so they stay on `*`.
 * Snapshot ARNs carry the volume id, not the file system id: RestoreVolumeFromSnapshot is scoped to
 * this account and region's snapshots and to the registered file systems' volumes.
 */
export function tridentPolicy(props: { partition: string; region: string; accountId: string; fileSystems: readonly FileSystemScope[]; secretArns: readonly string[] }): string {
  const base = `arn:${props.partition}:fsx:${props.region}:${props.accountId}`;
  const fileSystems = props.fileSystems.map((f) => `${base}:file-system/${f.fileSystemId}`);
  const svms = props.fileSystems.map((f) => `${base}:storage-virtual-machine/${f.fileSystemId}/*`);
  const volumes = props.fileSystems.map((f) => `${base}:volume/${f.fileSystemId}/*`);
  const statements: PolicyStatement[] = [
    { Sid: "Describe", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
  ];
  if (props.fileSystems.length > 0) {
    statements.push(
      { Sid: "Volumes", Effect: "Allow", Action: ["fsx:CreateVolume", "fsx:DeleteVolume", "fsx:UpdateVolume"], Resource: [...fileSystems, ...svms, ...volumes] },
      { Sid: "RestoreFromSnapshot", Effect: "Allow", Action: "fsx:RestoreVolumeFromSnapshot", Resource: [...volumes, `${base}:snapshot/*`] },
      { Sid: "Tags", Effect: "Allow", Action: ["fsx:TagResource", "fsx:UntagResource"], Resource: [...volumes, `${base}:snapshot/*`] },
    );
  }
  if (props.secretArns.length > 0) statements.push({ Sid: "SvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [...props.secretArns] });
  return policyDocument(statements);
}

/** IRSA trust for the trident-controller service account (TRI-03). */
export function tridentIrsaTrustPolicy(oidcProviderArn: string): string {
  // The condition keys are the issuer (host/path), not the ARN. An ARN known only at apply (a
  // provider created in the same stack) gets its issuer from Terraform: a regex would keep the token.
  const issuer = Token.isUnresolved(oidcProviderArn)
    ? Fn.element(Fn.split("oidc-provider/", oidcProviderArn), 1)
    : oidcProviderArn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, "");
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${TRIDENT_NAMESPACE}:${TRIDENT_CONTROLLER_SA}`, [`${issuer}:aud`]: "sts.amazonaws.com" } },
    },
  ]);
}

export interface Toleration {
  readonly key: string;
  readonly operator: "Equal" | "Exists";
  readonly value?: string;
  readonly effect?: string;
}

/** Node taints (EKS API spelling) as tolerations of the node plugin, without duplicates. */
export function tolerationsFor(taints: readonly { key: string; value?: string; effect: string }[]): Toleration[] {
  const effect: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };
  const seen = new Set<string>();
  const out: Toleration[] = [];
  for (const t of taints) {
    const tol: Toleration = t.value === undefined ? { key: t.key, operator: "Exists", effect: effect[t.effect] ?? t.effect } : { key: t.key, operator: "Equal", value: t.value, effect: effect[t.effect] ?? t.effect };
    const k = JSON.stringify(tol);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(tol);
    }
  }
  return out;
}

/**
 * The operator's own affinity: the chart's default term (arch and OS; Helm replaces lists, so it is
 * repeated here) plus `eks.amazonaws.com/compute-type NotIn [hybrid]`, which keeps the operator off
 * hybrid nodes on any cluster, adopted ones included (HYB-ADD-02). Source: values.yaml `affinity`
 * of trident-operator 100.2506.0 (vendor/charts/trident-operator/100.2506.0/values.yaml).
 */
export function operatorAffinity(): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: "kubernetes.io/arch", operator: "In", values: ["arm64", "amd64"] },
              { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
              { key: COMPUTE_TYPE_LABEL, operator: "NotIn", values: ["hybrid"] },
            ],
          },
        ],
      },
    },
  };
}

/**
 * TRI-02: trident-operator values. Keys checked against the chart's values.yaml and (nodePrep, the
 * plugin selectors) the template text recorded in vendor/charts/trident-operator/100.2506.0/NOTES.md.
 * The chart places the controller and node plugin by nodeSelector only (no affinity key for them).
 */
export function renderTridentValues(props: {
  identity: "pod-identity" | "irsa";
  roleArn: string;
  controllerNodeSelector?: Record<string, string>;
  nodePluginNodeSelector?: Record<string, string>;
  nodePluginTolerations: readonly Toleration[];
  /** ["iscsi"] when a SAN backend exists: AL2023 nodes lack the iSCSI initiator and multipath tools. @default [] */
  nodePrep?: readonly string[];
}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (props.identity === "irsa") {
    values.cloudProvider = "AWS";
    // The chart expects the annotation as a quoted YAML string, quotes included (TRI-02).
    values.cloudIdentity = `'eks.amazonaws.com/role-arn: ${props.roleArn}'`;
  }
  values.affinity = operatorAffinity();
  if (props.controllerNodeSelector) {
    values.nodeSelector = { ...props.controllerNodeSelector };
    values.tridentControllerPluginNodeSelector = { ...props.controllerNodeSelector };
  }
  if (props.nodePluginNodeSelector) values.tridentNodePluginNodeSelector = { ...props.nodePluginNodeSelector };
  if (props.nodePluginTolerations.length) values.tridentNodePluginTolerations = props.nodePluginTolerations.map((t) => ({ ...t }));
  if (props.nodePrep && props.nodePrep.length) values.nodePrep = [...props.nodePrep];
  values.tridentSilenceAutosupport = false;
  return values;
}

/** Deep merge for Helm values (core/helm-values): objects merge, anything else (arrays included) is replaced by `over`. */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown> | undefined): Record<string, unknown> {
  return mergeHelmValues(base, over);
}

export interface BackendSpec {
  readonly name: string;
  readonly driver: "ontap-nas" | "ontap-san";
  readonly svm: string;
  readonly fileSystemId: string;
  /** ARN of the Secrets Manager secret (TRI-05: credentials.type awsarn takes the ARN, not the name). */
  readonly credentialsSecretArn: string;
}

/**
 * kubectl image of the backends chart's wait hook, pinned to an exact tag: the Kubernetes project's
 * own image (registry.k8s.io/kubectl, published by sig-release since 1.28). `kubectl wait --for=create`
 * needs kubectl >= 1.31 (kubernetes/kubernetes#125868).
 */
export const WAIT_IMAGE = "registry.k8s.io/kubectl:v1.33.4";

/** Values of the repo's trident-backends chart: TridentBackendConfigs (TRI-05), the wait hook and an optional VolumeSnapshotClass. */
export function renderBackendChartValues(props: { backends: readonly BackendSpec[]; volumeSnapshotClass?: string; waitTimeoutSeconds?: number }): Record<string, unknown> {
  return {
    backends: props.backends.map((b) => ({ ...b })),
    volumeSnapshotClass: props.volumeSnapshotClass ? { enabled: true, name: props.volumeSnapshotClass } : { enabled: false, name: "" },
    wait: { image: WAIT_IMAGE, timeoutSeconds: props.waitTimeoutSeconds ?? 900 },
  };
}
