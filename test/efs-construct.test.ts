/**
 * EfsStorage used directly, as a platform repo composing its own stack would: plain references to
 * an existing VPC and cluster, no Network, no environment file.
 */
import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { z } from "zod";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { EfsSchema } from "../modules/efs/config";
import { EfsStorage, EfsStorageProps } from "../modules/efs/efs-storage";
import { configErrors, Json, onlyResource, prodClusterAttributes, resources, twoSubnetVpcAttributes } from "./helpers";

const vpc = VpcRef.fromAttributes({
  ...twoSubnetVpcAttributes,
  subnets: { ...twoSubnetVpcAttributes.subnets, "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c" } },
});
const clusterAttrs = prodClusterAttributes;
const cluster = ClusterRef.fromAttributes(clusterAttrs, vpc);
const hybridCluster = ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } }, vpc);

function build(props: Partial<EfsStorageProps> = {}): { stack: TerraformStack; efs: EfsStorage } {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const efs = new EfsStorage(stack, "files", { vpc, cluster, ...props });
  return { stack, efs };
}
const synth = (props: Partial<EfsStorageProps> = {}): Json => JSON.parse(Testing.synth(build(props).stack));

describe("EfsStorage with plain references", () => {
  test("new EfsStorage(this, id, { vpc, cluster }) on an existing VPC and cluster: no Network, providers ensured", () => {
    const stack = new TerraformStack(Testing.app(), "lib");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const efs = new EfsStorage(stack, "files", { vpc, cluster });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(resources(json, "aws_efs_mount_target")).map((k) => k.replace(/_[A-F0-9]{8}$/, "")).sort()).toEqual(["files_mount-target-app-a", "files_mount-target-app-b"]);
    expect(json.provider.kubernetes).toHaveLength(1);
    expect(onlyResource(json, "aws_eks_addon").cluster_name).toBe("prod");
    expect(Object.keys(efs.storageClasses)).toEqual(["efs"]);
    expect(efs.kmsKey).toBeDefined();
    expect(efs.csiRole).toBeDefined();
    expect(efs.csiDriver).toBeDefined();
    expect(efs.onPremMountTargets).toBeUndefined();
    expect(efs.clientPrincipalArns).toEqual(["arn:aws:iam::111122223333:role/prod-nodes"]);
  });

  test("construct ids (Terraform addresses) are the same as on the YAML path", () => {
    const json = synth({ accessPoints: { app: { uid: 1, gid: 1, path: "/app" } } });
    const ids = Object.entries(json.resource as Json).flatMap(([type, rs]) => Object.keys(rs as Json).map((k) => `${type}.${k.replace(/_[A-F0-9]{8}$/, "")}`)).sort();
    expect(ids).toEqual([
      "aws_efs_access_point.files_access-point-app",
      "aws_efs_backup_policy.files_backup-policy",
      "aws_efs_file_system.files_file-system",
      "aws_efs_file_system_policy.files_policy",
      "aws_efs_mount_target.files_mount-target-app-a",
      "aws_efs_mount_target.files_mount-target-app-b",
      "aws_eks_addon.files_csi-driver",
      "aws_iam_role.files_csi-role",
      "aws_iam_role_policy_attachment.files_csi-policy",
      "aws_kms_alias.files_key-alias",
      "aws_kms_key.files_key",
      "aws_security_group.files_security-group",
      "aws_vpc_security_group_ingress_rule.files_nfs-from-cluster-sg",
      "kubernetes_storage_class_v1.files_storage-class-efs",
    ]);
  });

  test("tags reach every taggable resource created here", () => {
    const json = synth({ tags: { team: "storage" }, accessPoints: { app: { uid: 1, gid: 1, path: "/app" } } });
    for (const type of ["aws_efs_file_system", "aws_kms_key", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_efs_access_point", "aws_iam_role", "aws_eks_addon"]) {
      for (const r of Object.values(resources(json, type))) expect([type, r.tags?.team]).toEqual([type, "storage"]);
    }
  });

  test("config is data on the construct path too: ${...} in a tag is escaped, never interpolated (GEN-02)", () => {
    const json = synth({ tags: { note: '${file("x")}' } });
    expect(onlyResource(json, "aws_efs_file_system").tags.note).toBe('$${file("x")}');
    expect(() => build({ accessPoints: { a: { uid: 1, gid: 1, path: '/${file("x")}' } } })).toThrow(/efs\.accessPoints\.a\.path: must be an absolute path/);
    expect(() => build({ storageClasses: { s: { subPathPattern: '${file("x")}' } } })).toThrow(/efs\.storageClasses\.s\.subPathPattern: may use letters/);
  });

  test("subPathPattern is escaped exactly once on the construct path (GEN-02, EFS-CSI-01)", () => {
    const sc = onlyResource(synth({ storageClasses: { shared: { subPathPattern: "${.PVC.namespace}/${.PVC.name}" } } }), "kubernetes_storage_class_v1");
    expect(sc.parameters.subPathPattern).toBe("$${.PVC.namespace}/$${.PVC.name}");
    expect(sc.mount_options).toEqual(["tls", "iam"]);
  });

  test("errors come all at once, prefixed by the construct path; bad typed values are caught", () => {
    expect(() => build({ performanceMode: "maxIO", oneZone: "mars-1a", subnets: ["app-a", "zz"], clientPrincipalArns: ["role/x"] })).toThrow(
      /^lib\/files: 2 errors\n {2}- efs\.oneZone: must be an availability zone name such as eu-west-1a; got "mars-1a"\n {2}- efs\.clientPrincipalArns\[0\]: must be an IAM role or user ARN/,
    );
    expect(configErrors(() => build({ throughputMode: "provisioned", subnets: ["app-a", "zz"] }))).toEqual([
      "efs.provisionedThroughputMibps: is required when throughputMode is provisioned; got nothing; allowed: 1-3414 (MiB/s)",
      'efs.subnets[1]: names no private subnet of the VPC; got "zz"; allowed: app-a, app-b, app-c',
      'efs.subnets: must cover at least two availability zones so every node\'s AZ has a mount target; got ["app-a","zz"]; allowed: subnets in two or more availability zones',
    ]);
  });

  test("the CSI add-on version is pinned for the cluster's Kubernetes version (issue 9.7); unknown version: a warning", () => {
    expect(onlyResource(synth({}), "aws_eks_addon").addon_version).toBe("v2.2.0-eksbuild.1");
    const unknown = ClusterRef.fromAttributes({ ...clusterAttrs, version: undefined }, vpc);
    const { efs } = build({ cluster: unknown });
    expect(efs.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data))).toEqual([
      "efs.csiDriverVersion: aws-efs-csi-driver version is left to EKS's default because the cluster's Kubernetes version is unknown; set efs.csiDriverVersion (or the cluster version) to pin it",
    ]);
  });

  test("subnets are keys of vpc.subnets; the default is the cluster's subnets", () => {
    const json = synth({ subnets: ["app-b", "app-c"] });
    expect(Object.values(resources(json, "aws_efs_mount_target")).map((m) => m.subnet_id).sort()).toEqual(["subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]);
  });

  test("warnings become annotations (an unverified add-on key)", () => {
    const { efs } = build({ controllerNodeSelector: { "example.com/pool": "system" } });
    const warnings = efs.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^efs\.controllerNodeSelector: is sent as the add-on's controller\.nodeSelector/)]);
  });

  test("csiDriverVersion with csiDriver false is refused, not ignored", () => {
    expect(configErrors(() => build({ csiDriver: false, csiDriverVersion: "v2.1.4-eksbuild.1", storageClasses: {} }))).toEqual([
      'efs.csiDriverVersion: applies to the CSI driver add-on, which csiDriver: false leaves out; got "v2.1.4-eksbuild.1"; allowed: remove it, or csiDriver: true',
    ]);
  });

  test("an adopted cluster without a node role must name the mounting principals", () => {
    const noRole = ClusterRef.fromAttributes({ ...clusterAttrs, nodeRoleArn: undefined }, vpc);
    expect(configErrors(() => build({ cluster: noRole }))[0]).toMatch(/^efs\.clientPrincipalArns: must name the node role\(s\)/);
    const json = synth({ cluster: noRole, clientPrincipalArns: ["arn:aws:iam::111122223333:role/workers"] });
    expect(JSON.parse(onlyResource(json, "aws_efs_file_system_policy").policy).Statement[1].Principal).toEqual({ AWS: ["arn:aws:iam::111122223333:role/workers"] });
  });

  test("a policy that lets nobody mount is a warning", () => {
    const noRole = ClusterRef.fromAttributes({ ...clusterAttrs, nodeRoleArn: undefined }, vpc);
    const { efs } = build({ cluster: noRole, csiDriver: false, storageClasses: {} });
    expect(efs.node.metadata.map((m) => String(m.data))).toEqual([expect.stringMatching(/^efs\.clientPrincipalArns: is empty and no node role or on-prem role is known/)]);
  });

  test("in-cluster installs wait for the cluster's workload dependencies", () => {
    const stack = new TerraformStack(Testing.app(), "lib");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const { TerraformResource } = require("cdktf");
    const dep = new TerraformResource(stack, "ready", { terraformResourceType: "null_resource" });
    new EfsStorage(stack, "files", { vpc, cluster: { ...cluster, workloadDependencies: [dep] } });
    const json = JSON.parse(Testing.synth(stack));
    expect(onlyResource(json, "aws_eks_addon").depends_on).toContain("null_resource.ready");
  });
});

describe("EfsStorage on a cluster with hybrid remote networks", () => {
  test("NFS from the node CIDRs; pod CIDRs only when routable; on-prem outputs without a method call", () => {
    const { stack, efs } = build({ cluster: hybridCluster });
    const json = JSON.parse(Testing.synth(stack));
    const cidrs = (j: Json) => Object.values(resources(j, "aws_vpc_security_group_ingress_rule")).filter((r) => r.cidr_ipv4).map((r) => [r.cidr_ipv4, r.from_port, r.to_port, r.ip_protocol]);
    expect(cidrs(json)).toEqual([["192.168.100.0/23", 2049, 2049, "tcp"]]);
    expect(cidrs(synth({ cluster: hybridCluster, onPremPodCidrsRoutable: true }))).toEqual([
      ["192.168.100.0/23", 2049, 2049, "tcp"],
      ["192.168.128.0/18", 2049, 2049, "tcp"],
    ]);
    expect(Object.keys(json.output)).toContain("files_onprem_mount_targets");
    expect(Object.keys(efs.onPremMountTargets!)).toEqual(["app-a", "app-b"]);
  });

  test("on-prem host roles are granted mount and write beside the node role", () => {
    const hybridRole = "arn:aws:iam::111122223333:role/prod-hybrid-nodes";
    const json = synth({ cluster: hybridCluster, onPremPrincipalArns: [hybridRole] });
    expect(JSON.parse(onlyResource(json, "aws_efs_file_system_policy").policy).Statement[1].Principal).toEqual({ AWS: ["arn:aws:iam::111122223333:role/prod-nodes", hybridRole] });
  });

  test("hybrid clusters: the CSI add-on still gets no configuration (no verified key keeps its controller off hybrid nodes)", () => {
    const addon = onlyResource(synth({ cluster: hybridCluster }), "aws_eks_addon");
    expect(addon.configuration_values).toBeUndefined();
    expect(build({ cluster: hybridCluster, onPremPrincipalArns: ["arn:aws:iam::111122223333:role/prod-hybrid-nodes"] }).efs.node.metadata).toEqual([]);
  });

  test("on-prem props on a cloud-only cluster are not silently ignored", () => {
    const { efs } = build({ onPremPodCidrsRoutable: true });
    expect(efs.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringMatching(/^onPremPodCidrsRoutable: is ignored: the cluster has no remote networks/));
  });
});

describe("EfsStorageOptions mirrors EfsSchema", () => {
  // The interface equals the schema's input type: test/option-types.test.ts.
  test("every @default in the options' JSDoc is the schema default", () => {
    const source = fs.readFileSync(path.join(__dirname, "..", "modules", "efs", "config.ts"), "utf8");
    const body = source.slice(source.indexOf("export interface EfsStorageOptions"));
    const fields = [...body.matchAll(/@default ([^*]+?) \*\/\n\s+readonly (\w+)\?/g)].map((m) => [m[2], m[1].trim()] as const);
    const shape = EfsSchema.shape as Record<string, z.ZodType>;
    expect(fields.map(([f]) => f).sort()).toEqual(Object.keys(shape).sort());
    for (const [field, text] of fields) {
      const schemaDefault = shape[field].parse(undefined);
      if (text.startsWith("- ")) expect([field, schemaDefault]).toEqual([field, undefined]);
      else expect([field, schemaDefault]).toEqual([field, shape[field].parse(new Function(`return (${text});`)())]);
    }
  });
});
