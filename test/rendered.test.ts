/** Snapshots of every rendered artefact not already snapshotted next to its capability's tests. */
import { efsFileSystemPolicy, efsStorageClassParameters } from "../modules/efs/render";
import { StorageClassSchema } from "../modules/efs/config";
import { renderBackendChartValues, renderTridentValues, tridentIrsaTrustPolicy } from "../modules/fsx-ontap/render";
import { hybridNodeTrustPolicy } from "../modules/hybrid-nodes/render";
import { renderProvisionerValues } from "../modules/instance-store/render";
import { denyInsecureTransportPolicy } from "../bootstrap/state-bucket-stack";

test("EFS file system policy", () => {
  expect(JSON.parse(efsFileSystemPolicy({ fileSystemArn: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1", clientPrincipalArns: ["arn:aws:iam::111122223333:role/nodes"], allowRootAccess: false }))).toMatchSnapshot();
});

test("EFS StorageClass parameters", () => {
  expect(efsStorageClassParameters("fs-1", StorageClassSchema.parse({ basePath: "/dynamic", subPathPattern: "${.PVC.namespace}/${.PVC.name}" }))).toMatchSnapshot();
});

test("Trident operator values (IRSA, cloud nodes, tolerations)", () => {
  expect(
    renderTridentValues({
      identity: "irsa",
      roleArn: "arn:aws:iam::111122223333:role/trident",
      controllerNodeSelector: { "platform.eks-hybrid-storage/location": "cloud" },
      nodePluginNodeSelector: { "platform.eks-hybrid-storage/location": "cloud" },
      nodePluginTolerations: [{ key: "storage", operator: "Equal", value: "nvme", effect: "NoSchedule" }],
    }),
  ).toMatchSnapshot();
});

test("Trident backends chart values", () => {
  expect(
    renderBackendChartValues({
      backends: [{ name: "svm1-ontap-nas", driver: "ontap-nas", svm: "svm1", fileSystemId: "fs-1", credentialsSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x" }],
      volumeSnapshotClass: "trident-snapshots",
    }),
  ).toMatchSnapshot();
});

test("Trident IRSA trust policy", () => {
  expect(JSON.parse(tridentIrsaTrustPolicy("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"))).toMatchSnapshot();
});

test("Hybrid Nodes trust policies", () => {
  expect(JSON.parse(hybridNodeTrustPolicy({ kind: "ssm", accountId: "111122223333", region: "eu-west-1", partition: "aws" }))).toMatchSnapshot();
  expect(JSON.parse(hybridNodeTrustPolicy({ kind: "iam-roles-anywhere", trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/ta" }))).toMatchSnapshot();
});

test("local static provisioner values", () => {
  expect(renderProvisionerValues({ hostDir: "/mnt/fast-disks", image: "registry.k8s.io/sig-storage/local-volume-provisioner:v2.9.0", tolerations: [] })).toMatchSnapshot();
});

test("state bucket TLS-only policy", () => {
  expect(JSON.parse(denyInsecureTransportPolicy("arn:aws:s3:::acme-tfstate"))).toMatchSnapshot();
});
