/** Trident renderers (modules/trident/render.ts): IAM documents and Helm values, written out literally. */
import { fsxIngressPorts } from "../modules/fsx-ontap/render";
import { mergeHelmValues } from "../modules/core/helm-values";
import { mergeValues, renderBackendChartValues, renderTridentValues, tolerationsFor, tridentIrsaTrustPolicy, tridentPolicy } from "../modules/trident/render";

const affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: "kubernetes.io/arch", operator: "In", values: ["arm64", "amd64"] },
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] },
          ],
        },
      ],
    },
  },
};

test("tridentPolicy: volume actions scoped to the registered file systems, describe on *, secrets by ARN (issue 10.5)", () => {
  const doc = JSON.parse(tridentPolicy({ partition: "aws", region: "eu-west-1", accountId: "111122223333", fileSystems: [{ fileSystemId: "fs-1" }, { fileSystemId: "fs-2" }], secretArns: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:svm-a"] }));
  const base = "arn:aws:fsx:eu-west-1:111122223333";
  expect(doc).toEqual({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Describe", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
      {
        Sid: "Volumes",
        Effect: "Allow",
        Action: ["fsx:CreateVolume", "fsx:DeleteVolume", "fsx:UpdateVolume"],
        Resource: [`${base}:file-system/fs-1`, `${base}:file-system/fs-2`, `${base}:storage-virtual-machine/fs-1/*`, `${base}:storage-virtual-machine/fs-2/*`, `${base}:volume/fs-1/*`, `${base}:volume/fs-2/*`],
      },
      { Sid: "RestoreFromSnapshot", Effect: "Allow", Action: "fsx:RestoreVolumeFromSnapshot", Resource: [`${base}:volume/fs-1/*`, `${base}:volume/fs-2/*`, `${base}:snapshot/*`] },
      { Sid: "Tags", Effect: "Allow", Action: ["fsx:TagResource", "fsx:UntagResource"], Resource: [`${base}:volume/fs-1/*`, `${base}:volume/fs-2/*`, `${base}:snapshot/*`] },
      { Sid: "SvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:svm-a"] },
    ],
  });
});

test("tridentPolicy without file systems or secrets grants describe only", () => {
  expect(JSON.parse(tridentPolicy({ partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", fileSystems: [], secretArns: [] })).Statement).toEqual([
    { Sid: "Describe", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
  ]);
});

test("tridentIrsaTrustPolicy: the trident-controller service account of this OIDC provider only", () => {
  const arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
  expect(JSON.parse(tridentIrsaTrustPolicy(arn))).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: arn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:trident:trident-controller", "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" } },
      },
    ],
  });
});

test("tolerationsFor: EKS effects in Kubernetes spelling, Exists without a value, duplicates once", () => {
  expect(
    tolerationsFor([
      { key: "storage", value: "nvme", effect: "NO_SCHEDULE" },
      { key: "storage", value: "nvme", effect: "NO_SCHEDULE" },
      { key: "dedicated", effect: "NO_EXECUTE" },
      { key: "soft", effect: "PREFER_NO_SCHEDULE" },
      { key: "raw", effect: "NoSchedule" },
    ]),
  ).toEqual([
    { key: "storage", operator: "Equal", value: "nvme", effect: "NoSchedule" },
    { key: "dedicated", operator: "Exists", effect: "NoExecute" },
    { key: "soft", operator: "Exists", effect: "PreferNoSchedule" },
    { key: "raw", operator: "Exists", effect: "NoSchedule" },
  ]);
});

test("renderTridentValues, Pod Identity, no placement given: the operator's affinity keeps it off hybrid nodes", () => {
  expect(renderTridentValues({ identity: "pod-identity", roleArn: "arn:aws:iam::111122223333:role/t", nodePluginTolerations: [] })).toEqual({ affinity, tridentSilenceAutosupport: false });
});

test("renderTridentValues, IRSA with selectors, tolerations and SAN node preparation (issue 9.2)", () => {
  expect(
    renderTridentValues({
      identity: "irsa",
      roleArn: "arn:aws:iam::111122223333:role/t",
      controllerNodeSelector: { pool: "system" },
      nodePluginNodeSelector: { pool: "any" },
      nodePluginTolerations: [{ key: "storage", operator: "Exists", effect: "NoSchedule" }],
      nodePrep: ["iscsi"],
    }),
  ).toEqual({
    cloudProvider: "AWS",
    cloudIdentity: "'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/t'",
    affinity,
    nodeSelector: { pool: "system" },
    tridentControllerPluginNodeSelector: { pool: "system" },
    tridentNodePluginNodeSelector: { pool: "any" },
    tridentNodePluginTolerations: [{ key: "storage", operator: "Exists", effect: "NoSchedule" }],
    nodePrep: ["iscsi"],
    tridentSilenceAutosupport: false,
  });
  expect(renderTridentValues({ identity: "pod-identity", roleArn: "r", nodePluginTolerations: [], nodePrep: [] })).not.toHaveProperty("nodePrep");
});

test("mergeValues: objects merge, arrays and scalars replace, nothing given keeps ours", () => {
  const base = { a: { b: 1, c: [1, 2] }, d: "x" };
  expect(mergeValues(base, { a: { c: [3] }, e: true })).toEqual({ a: { b: 1, c: [3] }, d: "x", e: true });
  expect(mergeValues(base, { a: "flat" })).toEqual({ a: "flat", d: "x" });
  expect(mergeValues(base, undefined)).toBe(base);
});

test("renderBackendChartValues: backends by secret ARN, the pinned wait hook, snapshot class off or on", () => {
  const backend = { name: "apps-ontap-nas", driver: "ontap-nas" as const, svm: "apps", fileSystemId: "fs-1", credentialsSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x" };
  expect(renderBackendChartValues({ backends: [backend] })).toEqual({
    backends: [backend],
    volumeSnapshotClass: { enabled: false, name: "" },
    wait: { image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: 900 },
  });
  expect(renderBackendChartValues({ backends: [], volumeSnapshotClass: "trident-snapshots", waitTimeoutSeconds: 300 })).toEqual({
    backends: [],
    volumeSnapshotClass: { enabled: true, name: "trident-snapshots" },
    wait: { image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: 300 },
  });
});

describe("fsxIngressPorts (FSX-NET-01, issue 10.7)", () => {
  const nfs = [
    { protocol: "tcp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "udp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "tcp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "udp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "tcp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "udp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "tcp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4049, to: 4049, purpose: "NFS quota" },
  ];
  const management = { protocol: "tcp", from: 443, to: 443, purpose: "ONTAP management (Trident)" };

  test("NFS always, management 443 by default", () => {
    expect(fsxIngressPorts({ san: false, smb: false, snapmirror: false })).toEqual([...nfs, management]);
  });

  test("management off for on-prem sources; iSCSI, SMB and SnapMirror when asked", () => {
    expect(fsxIngressPorts({ san: true, smb: true, snapmirror: true, management: false })).toEqual([
      ...nfs,
      { protocol: "tcp", from: 3260, to: 3260, purpose: "iSCSI" },
      { protocol: "tcp", from: 445, to: 445, purpose: "SMB" },
      { protocol: "tcp", from: 11104, to: 11105, purpose: "SnapMirror" },
    ]);
  });
});

test("mergeHelmValues: an undefined key replaces ours unless skipUndefined (the provisioner's typed props)", () => {
  expect(mergeHelmValues({ a: 1, b: { c: 2 } }, { a: undefined, b: { c: undefined } })).toEqual({ a: undefined, b: { c: undefined } });
  expect(mergeHelmValues({ a: 1, b: { c: 2 } }, { a: undefined, b: { c: undefined } }, { skipUndefined: true })).toEqual({ a: 1, b: { c: 2 } });
});

test("mergeHelmValues: null from the user replaces our block (Helm's way to drop a default), and our null takes a block", () => {
  expect(mergeHelmValues({ a: { b: 1 }, c: 2 }, { a: null })).toEqual({ a: null, c: 2 });
  expect(mergeHelmValues({ a: null }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  expect(mergeHelmValues({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
});
