/**
 * EfsStorage (modules/efs/efs-storage.ts) pinned resource by resource: the CSI add-on and its role,
 * the StorageClasses, the outputs, token props and the name order of keyed records.
 */
import { Testing, TerraformResource, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { ClusterRef, IClusterRef, VpcRef } from "../modules/core/refs";
import { EfsStorage, EfsStorageProps } from "../modules/efs/efs-storage";
import { Json, onlyResource, resources, prodClusterAttributes, twoSubnetVpcAttributes } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpcAttributes);
const clusterAttrs = prodClusterAttributes;
const cluster = ClusterRef.fromAttributes(clusterAttrs, vpc);

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

function build(props: Partial<EfsStorageProps> = {}, stack = newStack()): { stack: TerraformStack; efs: EfsStorage; json: Json } {
  const efs = new EfsStorage(stack, "files", { vpc, cluster, ...props });
  return { stack, efs, json: JSON.parse(Testing.synth(stack)) };
}

describe("EfsStorage: CSI driver add-on and its Pod Identity role", () => {
  test("the CSI controller role's name prefix is <cluster>-efs-csi-", () => {
    expect(onlyResource(build().json, "aws_iam_role").name_prefix).toBe("prod-efs-csi-");
  });

  test("a long cluster name is cut to the provider's 38-character name_prefix limit for the CSI role", () => {
    const long = ClusterRef.fromAttributes({ ...clusterAttrs, name: "analytics-platform-shared-prod" }, vpc);
    expect(onlyResource(build({ cluster: long }).json, "aws_iam_role").name_prefix).toBe("analytics-platform-shared-prod-efs-csi");
  });

  test("the CSI add-on overwrites conflicting fields on create and preserves them on update", () => {
    const addon = onlyResource(build().json, "aws_eks_addon");
    expect(addon.resolve_conflicts_on_create).toBe("OVERWRITE");
    expect(addon.resolve_conflicts_on_update).toBe("PRESERVE");
  });

  test("csiDriver false creates no add-on, no Pod Identity role and no policy attachment", () => {
    const { efs, json } = build({ csiDriver: false, storageClasses: {} });
    expect(resources(json, "aws_eks_addon")).toEqual({});
    expect(resources(json, "aws_iam_role")).toEqual({});
    expect(resources(json, "aws_iam_role_policy_attachment")).toEqual({});
    expect(efs.csiDriver).toBeUndefined();
    expect(efs.csiRole).toBeUndefined();
  });
});

describe("EfsStorage: StorageClasses", () => {
  test("a default StorageClass is annotated is-default-class \"true\", binds Immediate and waits for the CSI add-on", () => {
    const { json } = build({ storageClasses: { shared: { default: true } } });
    expect(resources(json, "kubernetes_storage_class_v1")).toEqual({
      "files_storage-class-shared_40DBD0C5": {
        depends_on: ["aws_eks_addon.files_csi-driver_AFE16CC9"],
        metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" }, name: "shared" },
        mount_options: ["tls", "iam"],
        parameters: { directoryPerms: "700", fileSystemId: "${aws_efs_file_system.files_file-system_D290C744.id}", provisioningMode: "efs-ap" },
        reclaim_policy: "Delete",
        storage_provisioner: "efs.csi.aws.com",
        volume_binding_mode: "Immediate",
      },
    });
  });

  test("without the CSI driver, StorageClasses wait for the cluster's workload dependencies instead of the add-on", () => {
    const stack = newStack();
    const ready = new TerraformResource(stack, "ready", { terraformResourceType: "null_resource" });
    const withDeps: IClusterRef = { ...cluster, workloadDependencies: [ready] };
    const { json } = build({ cluster: withDeps, csiDriver: false }, stack);
    expect(resources(json, "kubernetes_storage_class_v1")).toEqual({
      "files_storage-class-efs_05C7C4B4": {
        depends_on: ["null_resource.ready"],
        metadata: { name: "efs" },
        mount_options: ["tls", "iam"],
        parameters: { directoryPerms: "700", fileSystemId: "${aws_efs_file_system.files_file-system_D290C744.id}", provisioningMode: "efs-ap" },
        reclaim_policy: "Delete",
        storage_provisioner: "efs.csi.aws.com",
        volume_binding_mode: "Immediate",
      },
    });
  });

  test("no StorageClasses: no kubernetes or helm provider is added to the stack", () => {
    const { json } = build({ storageClasses: {} });
    expect(resources(json, "kubernetes_storage_class_v1")).toEqual({});
    expect(Object.keys(json.provider)).toEqual(["aws"]);
  });
});

describe("EfsStorage: outputs", () => {
  test("file_system_id and dns_name outputs give the file system's id and DNS name, dns_name with its description", () => {
    const { json } = build({ storageClasses: {} });
    expect(json.output).toEqual({
      files_file_system_id: { value: "${aws_efs_file_system.files_file-system_D290C744.id}" },
      files_dns_name: {
        value: "${aws_efs_file_system.files_file-system_D290C744.dns_name}",
        description: "Resolves inside the VPC (and on-prem through the inbound resolver) to the mount target of the resolver's AZ",
      },
    });
  });

  test("each access point gets an access_point_<name> output with its id and description", () => {
    const { json } = build({ accessPoints: { app: { uid: 1000, gid: 1000, path: "/app" } } });
    expect(json.output.files_access_point_app).toEqual({
      value: "${aws_efs_access_point.files_access-point-app_96AA34CE.id}",
      description: "EFS access point app",
    });
  });
});

describe("EfsStorage: construct props", () => {
  test("props may hold cdktf tokens: a KMS key ARN from the same stack is used as is, and no key is created", () => {
    const stack = newStack();
    const key = new KmsKey(stack, "own-key", {});
    const { efs, json } = build({ kmsKeyArn: key.arn }, stack);
    expect(onlyResource(json, "aws_efs_file_system").kms_key_id).toBe("${aws_kms_key.own-key.arn}");
    expect(Object.keys(resources(json, "aws_kms_key"))).toEqual(["own-key"]);
    expect(efs.kmsKey).toBeUndefined();
    expect(efs.node.metadata).toEqual([]);
  });

  test("StorageClasses, access points and on-prem mount targets are keyed in name order whatever the order given", () => {
    const hybrid = ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: [] } }, vpc);
    const { efs } = build({
      cluster: hybrid,
      subnets: ["app-b", "app-a"],
      accessPoints: { zeta: { uid: 1, gid: 1, path: "/zeta" }, alpha: { uid: 2, gid: 2, path: "/alpha" } },
      storageClasses: { zeta: {}, alpha: {} },
    });
    expect(Object.keys(efs.mountTargets)).toEqual(["app-b", "app-a"]);
    expect(Object.keys(efs.onPremMountTargets!)).toEqual(["app-a", "app-b"]);
    expect(Object.keys(efs.accessPoints)).toEqual(["alpha", "zeta"]);
    expect(Object.keys(efs.accessPointIds)).toEqual(["alpha", "zeta"]);
    expect(Object.keys(efs.storageClasses)).toEqual(["alpha", "zeta"]);
  });
});
