/** Pure renderers for FSx for ONTAP and Trident: security group ports, IAM, Helm values. */
import { policyDocument } from "../core/iam";

export interface PortRule {
  readonly protocol: "tcp" | "udp";
  readonly from: number;
  readonly to: number;
  readonly purpose: string;
}

/** FSX-NET-01: the ports ONTAP clients use; NFS and management always, the rest by protocol. */
export function fsxIngressPorts(props: { san: boolean; smb: boolean; snapmirror: boolean }): PortRule[] {
  const rules: PortRule[] = [
    { protocol: "tcp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "udp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "tcp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "udp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "tcp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "udp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "tcp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4049, to: 4049, purpose: "NFS quota" },
    { protocol: "tcp", from: 443, to: 443, purpose: "ONTAP management (Trident)" },
  ];
  if (props.san) rules.push({ protocol: "tcp", from: 3260, to: 3260, purpose: "iSCSI" });
  if (props.smb) rules.push({ protocol: "tcp", from: 445, to: 445, purpose: "SMB" });
  if (props.snapmirror) rules.push({ protocol: "tcp", from: 11104, to: 11105, purpose: "SnapMirror" });
  return rules;
}

/** TRI-03: what the Trident controller may do: FSx volume operations and reading the SVM secrets. */
export function tridentPolicy(secretArns: readonly string[]): string {
  return policyDocument([
    {
      Sid: "FsxVolumes",
      Effect: "Allow",
      Action: [
        "fsx:DescribeFileSystems",
        "fsx:DescribeVolumes",
        "fsx:CreateVolume",
        "fsx:RestoreVolumeFromSnapshot",
        "fsx:DescribeStorageVirtualMachines",
        "fsx:UntagResource",
        "fsx:UpdateVolume",
        "fsx:TagResource",
        "fsx:DeleteVolume",
      ],
      Resource: "*",
    },
    { Sid: "SvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [...secretArns] },
  ]);
}

/** IRSA trust for the trident-controller service account (TRI-03). */
export function tridentIrsaTrustPolicy(oidcProviderArn: string): string {
  const issuer = oidcProviderArn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, "");
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:trident:trident-controller", [`${issuer}:aud`]: "sts.amazonaws.com" } },
    },
  ]);
}

export interface Toleration {
  readonly key: string;
  readonly operator: "Equal" | "Exists";
  readonly value?: string;
  readonly effect?: string;
}

/** TRI-02: trident-operator values. Keys checked against the chart's values.yaml in tests. */
export function renderTridentValues(props: {
  identity: "pod-identity" | "irsa";
  roleArn: string;
  controllerNodeSelector?: Record<string, string>;
  nodePluginNodeSelector?: Record<string, string>;
  nodePluginTolerations: readonly Toleration[];
}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (props.identity === "irsa") {
    values.cloudProvider = "AWS";
    // The chart expects the annotation as a quoted YAML string, quotes included.
    values.cloudIdentity = `'eks.amazonaws.com/role-arn: ${props.roleArn}'`;
  }
  if (props.controllerNodeSelector) {
    values.nodeSelector = { ...props.controllerNodeSelector };
    values.tridentControllerPluginNodeSelector = { ...props.controllerNodeSelector };
  }
  if (props.nodePluginNodeSelector) values.tridentNodePluginNodeSelector = { ...props.nodePluginNodeSelector };
  if (props.nodePluginTolerations.length) values.tridentNodePluginTolerations = props.nodePluginTolerations.map((t) => ({ ...t }));
  values.tridentSilenceAutosupport = false;
  return values;
}

export interface BackendSpec {
  readonly name: string;
  readonly driver: "ontap-nas" | "ontap-san";
  readonly svm: string;
  readonly fileSystemId: string;
  readonly credentialsSecretArn: string;
}

/** Values of the repo's trident-backends chart: TridentBackendConfigs (TRI-05) and an optional VolumeSnapshotClass. */
export function renderBackendChartValues(props: { backends: readonly BackendSpec[]; volumeSnapshotClass?: string }): Record<string, unknown> {
  return {
    backends: props.backends.map((b) => ({ ...b })),
    volumeSnapshotClass: props.volumeSnapshotClass ? { enabled: true, name: props.volumeSnapshotClass } : { enabled: false, name: "" },
  };
}
