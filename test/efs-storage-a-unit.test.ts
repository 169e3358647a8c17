/**
 * EfsStorage unit checks read from the construct tree (no synth): warnings, the validated-section
 * path, the key, file system, backup policy and security group arguments.
 */
import { Lazy, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ValidationIssue } from "../modules/core/errors";
import { ClusterRef, IClusterRef, VpcRef } from "../modules/core/refs";
import { markValidated } from "../modules/core/validation";
import { EfsSchema } from "../modules/efs/config";
import { EfsStorage, EfsStorageProps } from "../modules/efs/efs-storage";
import { configErrors, prodClusterAttributes, twoSubnetVpcAttributes } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpcAttributes);
const clusterAttrs = prodClusterAttributes;
const cluster = ClusterRef.fromAttributes(clusterAttrs, vpc);
const noRoleCluster = ClusterRef.fromAttributes({ ...clusterAttrs, nodeRoleArn: undefined }, vpc);
const hybridCluster = ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } }, vpc);
const hybridRole = "arn:aws:iam::111122223333:role/prod-hybrid-nodes";

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "lib");
}
function build(props: Partial<EfsStorageProps> = {}, stack = newStack()): EfsStorage {
  return new EfsStorage(stack, "files", { vpc, cluster, ...props });
}
const warnings = (scope: Construct): string[] => scope.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
const ingressRules = (efs: EfsStorage): VpcSecurityGroupIngressRule[] => efs.node.children.filter((c): c is VpcSecurityGroupIngressRule => c instanceof VpcSecurityGroupIngressRule);
const policyStatements = (efs: EfsStorage) => JSON.parse(efs.fileSystemPolicy.policyInput!).Statement as { Sid?: string; Effect: string; Principal: unknown; Action: unknown }[];

describe("EfsStorage props outside the efs section", () => {
  test("a bad tag key is reported under the path tags", () => {
    expect(configErrors(() => build({ tags: { "aws:owner": "x" } }))).toEqual(["tags.aws:owner: is not a valid name: tag keys must not start with 'aws:'; got \"aws:owner\""]);
  });

  test("tags may hold cdktf tokens on the construct path (a variable of the same stack)", () => {
    const stack = newStack();
    const owner = new TerraformVariable(stack, "owner", { type: "string" });
    const efs = build({ tags: { owner: owner.stringValue } }, stack);
    expect(resolve(stack, efs.fileSystem.tagsInput)).toEqual({ owner: "${var.owner}", Name: "prod-shared" });
    expect(resolve(stack, efs.securityGroup.tagsInput)).toEqual({ owner: "${var.owner}", Name: "prod-efs" });
  });

  test("a bad onPremPrincipalArns entry is reported under its path, and is not then warned about as granted", () => {
    const stack = newStack();
    expect(configErrors(() => build({ onPremPrincipalArns: ["role/x"] }, stack))).toEqual([
      'onPremPrincipalArns[0]: must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/platform-admin; got "role/x"',
    ]);
    // The construct was added to the tree before the error: the refused value left no annotation.
    expect(stack.node.findChild("files").node.metadata).toEqual([]);
  });
});

describe("EfsStorage given a section validated on the YAML path", () => {
  test("the section is not validated again; only its recorded warnings whose path starts with efs are reported", () => {
    const recorded: ValidationIssue[] = [
      { path: "efs.storageClasses", message: "recorded efs warning" },
      { path: "hybrid.podCidrsRoutable", message: "recorded hybrid warning" },
      { path: "network.efs", message: "recorded network warning" },
    ];
    // controllerNodeSelector would warn if validateEfs ran again; the recorded warnings stand instead.
    const section = markValidated(EfsSchema.parse({ controllerNodeSelector: { "example.com/pool": "system" } }), recorded);
    const efs = build({ ...section });
    expect(warnings(efs)).toEqual(["efs.storageClasses: recorded efs warning"]);
    expect(efs.csiDriver!.configurationValuesInput).toBe('{"controller":{"nodeSelector":{"example.com/pool":"system"}}}');
  });
});

describe("EfsStorage warnings about the on-prem props", () => {
  test("onPremPodCidrsRoutable on a hybrid cluster without remote pod networks: warned, and NFS only from the node CIDRs", () => {
    const noPods = ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: [] } }, vpc);
    const efs = build({ cluster: noPods, onPremPodCidrsRoutable: true });
    expect(warnings(efs)).toEqual([
      "onPremPodCidrsRoutable: is ignored: the cluster has no remote pod networks",
      "onPremPrincipalArns: are not given on a cluster with remote networks: on-prem hosts reach the mount targets, but the file system policy grants them nothing, so their tls,iam mounts are refused; pass the Hybrid Nodes role (HybridNodes.role.arn)",
    ]);
    expect(ingressRules(efs).map((r) => [r.node.id, r.cidrIpv4Input, r.referencedSecurityGroupIdInput, r.ipProtocolInput, r.fromPortInput, r.toPortInput])).toEqual([
      ["nfs-from-cluster-sg", undefined, "sg-0a1b2c3d4e5f60718", "tcp", 2049, 2049],
      ["nfs-from-192-168-100-0-23", "192.168.100.0/23", undefined, "tcp", 2049, 2049],
    ]);
  });

  test("onPremPrincipalArns on a cloud-only cluster: granted mount, with a warning that no on-prem network reaches the mount targets", () => {
    const efs = build({ onPremPrincipalArns: [hybridRole] });
    expect(warnings(efs)).toEqual([
      "onPremPrincipalArns: are granted mount, but no on-prem network reaches the mount targets: the cluster has no remote networks (cluster.remoteNetworks)",
    ]);
    expect(efs.clientPrincipalArns).toEqual(["arn:aws:iam::111122223333:role/prod-nodes", "arn:aws:iam::111122223333:role/prod-hybrid-nodes"]);
  });

  test("onPremPrincipalArns on a hybrid cluster with a node role: no warning at all", () => {
    const efs = build({ cluster: hybridCluster, onPremPrincipalArns: [hybridRole] });
    expect(efs.node.metadata).toEqual([]);
    expect(policyStatements(efs).map((s) => s.Principal)).toContainEqual({ AWS: ["arn:aws:iam::111122223333:role/prod-nodes", "arn:aws:iam::111122223333:role/prod-hybrid-nodes"] });
  });
});

describe("EfsStorage 'lets nobody mount' warning counts every principal source", () => {
  test("node role plus one extra client principal: no warning", () => {
    const efs = build({ clientPrincipalArns: ["arn:aws:iam::111122223333:role/workers"] });
    expect(efs.node.metadata).toEqual([]);
    expect(efs.clientPrincipalArns).toEqual(["arn:aws:iam::111122223333:role/prod-nodes", "arn:aws:iam::111122223333:role/workers"]);
  });

  test("no node role but one extra client principal: no warning", () => {
    const efs = build({ cluster: noRoleCluster, clientPrincipalArns: ["arn:aws:iam::111122223333:role/workers"] });
    expect(efs.node.metadata).toEqual([]);
    expect(efs.clientPrincipalArns).toEqual(["arn:aws:iam::111122223333:role/workers"]);
  });
});

describe("EfsStorage resources", () => {
  test("without tags the key, NFS rule, CSI role and add-on get no tags argument at all", () => {
    const efs = build();
    expect(efs.kmsKey!.tagsInput).toBeUndefined();
    expect(ingressRules(efs).map((r) => r.tagsInput)).toEqual([undefined]);
    expect(efs.csiRole!.tagsInput).toBeUndefined();
    expect(efs.csiDriver!.tagsInput).toBeUndefined();
    expect(efs.fileSystem.tagsInput).toEqual({ Name: "prod-shared" });
  });

  test("a created key: rotated, 30-day deletion window, protected, described and aliased after the cluster; the file system is encrypted with it", () => {
    const stack = newStack();
    const efs = build({}, stack);
    const key = efs.kmsKey!;
    expect(key.descriptionInput).toBe("EFS prod-shared encryption at rest");
    expect(key.enableKeyRotationInput).toBe(true);
    expect(key.deletionWindowInDaysInput).toBe(30);
    expect(key.lifecycle).toEqual({ preventDestroy: true });
    const alias = efs.node.findChild("key-alias") as KmsAlias;
    expect(alias.nameInput).toBe("alias/efs/prod-shared");
    expect(resolve(stack, alias.targetKeyIdInput)).toBe("${aws_kms_key.files_key_DD190255.key_id}");
    expect(efs.fileSystem.encryptedInput).toBe(true);
    expect(resolve(stack, efs.fileSystem.kmsKeyIdInput)).toBe("${aws_kms_key.files_key_DD190255.arn}");
    expect(efs.fileSystem.lifecycle).toEqual({ preventDestroy: true });
  });

  test("a given kmsKeyArn with tags: no key is created and the file system is encrypted with the given key", () => {
    const given = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const efs = build({ kmsKeyArn: given, tags: { team: "storage" } });
    expect(efs.kmsKey).toBeUndefined();
    expect(efs.node.tryFindChild("key-alias")).toBeUndefined();
    expect(efs.kmsKeyArn).toBe("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    expect(efs.fileSystem.encryptedInput).toBe(true);
    expect(efs.fileSystem.kmsKeyIdInput).toBe("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    expect(efs.fileSystem.tagsInput).toEqual({ team: "storage", Name: "prod-shared" });
  });

  test("the file system's creation token is cut to the provider's 64 characters; Name tag is <cluster>-shared", () => {
    const long = ClusterRef.fromAttributes({ ...clusterAttrs, name: "observability-platform-shared-services-production-eu-west-blue" }, vpc);
    const efs = build({ cluster: long });
    expect(efs.fileSystem.creationTokenInput).toBe("observability-platform-shared-services-production-eu-west-blue-s");
    expect(efs.fileSystem.tagsInput).toEqual({ Name: "observability-platform-shared-services-production-eu-west-blue-shared" });
  });

  test("backups: false disables the backup policy", () => {
    const efs = build({ backups: false });
    expect(efs.backupPolicy.backupPolicyInput).toEqual({ status: "DISABLED" });
  });

  test("the mount target security group: named and described for EFS, replaced create-before-destroy, NFS only from the cluster security group", () => {
    const stack = newStack();
    const efs = build({ tags: { team: "storage" } }, stack);
    const sg = efs.securityGroup;
    expect(sg.namePrefixInput).toBe("prod-efs-");
    expect(sg.descriptionInput).toBe("EFS mount targets: NFS from EKS nodes");
    expect(sg.vpcIdInput).toBe("vpc-0a1b2c3d4e5f60718");
    expect(sg.tagsInput).toEqual({ team: "storage", Name: "prod-efs" });
    expect(sg.lifecycle).toEqual({ createBeforeDestroy: true });
    expect(sg.ingressInput).toBeUndefined();
    const rules = ingressRules(efs);
    expect(rules).toHaveLength(1);
    const rule = rules[0];
    expect(rule.node.id).toBe("nfs-from-cluster-sg");
    expect(resolve(stack, rule.securityGroupIdInput)).toBe("${aws_security_group.files_security-group_DC816203.id}");
    expect(rule.ipProtocolInput).toBe("tcp");
    expect(rule.fromPortInput).toBe(2049);
    expect(rule.toPortInput).toBe(2049);
    expect(rule.referencedSecurityGroupIdInput).toBe("sg-0a1b2c3d4e5f60718");
    expect(rule.cidrIpv4Input).toBeUndefined();
    expect(rule.descriptionInput).toBe("NFS from cluster-sg");
    expect(rule.tagsInput).toEqual({ team: "storage" });
  });

  test("a remote network CIDR that is a token is refused: it would name a construct id", () => {
    const tokenCidr: IClusterRef = { ...cluster, remoteNetworks: { nodeCidrs: [Lazy.stringValue({ produce: () => "192.168.100.0/23" })], podCidrs: [] } };
    expect(() => build({ cluster: tokenCidr })).toThrow(new Error("lib/files: remote network CIDRs must be literal (they name construct ids)"));
  });
});
