import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadEnvironmentFile, parseEnvironment } from "../modules/config/load";
import { efsFileSystemPolicy } from "../modules/efs/render";
import { cloudEnvironment, configErrors, hybridEnvironment, onlyResource, outputValue, patch, resources, synthEnvironment } from "./helpers";

const withEfs = (efs: unknown = {}) => patch(cloudEnvironment(), { efs });

describe("EFS file system", () => {
  const json = synthEnvironment(withEfs({ accessPoints: { app: { uid: 1000, gid: 1000, path: "/app" } } }));

  test("encrypted with a rotating KMS key, elastic throughput, backups on, protected from destroy", () => {
    expect(onlyResource(json, "aws_efs_file_system")).toMatchObject({
      encrypted: true,
      kms_key_id: expect.stringMatching(/aws_kms_key\.efs_key_\w+\.arn/),
      performance_mode: "generalPurpose",
      throughput_mode: "elastic",
      creation_token: "test-env-shared",
      lifecycle: { prevent_destroy: true },
      lifecycle_policy: [{ transition_to_ia: "AFTER_30_DAYS" }, { transition_to_primary_storage_class: "AFTER_1_ACCESS" }],
    });
    expect(onlyResource(json, "aws_efs_backup_policy").backup_policy).toEqual({ status: "ENABLED" });
    const key = Object.entries(resources(json, "aws_kms_key")).find(([k]) => k.startsWith("efs_"))![1];
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  test("preventDestroy can be turned off explicitly", () => {
    const off = synthEnvironment(withEfs({ preventDestroy: false }));
    expect(onlyResource(off, "aws_efs_file_system").lifecycle).toEqual({ prevent_destroy: false });
  });

  test("a given KMS key is used and none is created", () => {
    const arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const j = synthEnvironment(withEfs({ kmsKeyArn: arn }));
    expect(onlyResource(j, "aws_efs_file_system").kms_key_id).toBe(arn);
    expect(Object.keys(resources(j, "aws_kms_key")).filter((k) => k.startsWith("efs_"))).toEqual([]);
  });

  test("one mount target per subnet (per AZ), keyed by subnet name, behind the EFS security group", () => {
    const mts = resources(json, "aws_efs_mount_target");
    expect(Object.keys(mts).map((k) => k.replace(/_[A-F0-9]{8}$/, "")).sort()).toEqual(["efs_mount-target-private-a", "efs_mount-target-private-b"]);
    for (const mt of Object.values(mts)) expect(mt.security_groups).toEqual([expect.stringMatching(/aws_security_group\.efs_security-group_\w+\.id/)]);
  });

  test("NFS only from the cluster security group in cloud-only; never from 0.0.0.0/0", () => {
    const rules = Object.values(resources(json, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toEqual([
      expect.objectContaining({ from_port: 2049, to_port: 2049, ip_protocol: "tcp", referenced_security_group_id: expect.stringMatching(/vpc_config\[0\]\.cluster_security_group_id/) }),
    ]);
    expect(JSON.stringify(json.resource)).not.toContain("0.0.0.0/0");
  });

  test("the file system policy denies non-TLS and explicitly allows mount and write", () => {
    const policy = JSON.parse(onlyResource(json, "aws_efs_file_system_policy").policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      expect.objectContaining({ Effect: "Allow", Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] }),
    ]);
    expect(JSON.parse(efsFileSystemPolicy({ fileSystemArn: "arn", allowRootAccess: true })).Statement[1].Action).toContain("elasticfilesystem:ClientRootAccess");
  });

  test("requireTls: false keeps the explicit allow and drops the TLS deny, for plain-NFS clients", () => {
    const j = synthEnvironment(withEfs({ requireTls: false }));
    const policy = JSON.parse(onlyResource(j, "aws_efs_file_system_policy").policy);
    expect(policy.Statement.map((s: { Effect: string }) => s.Effect)).toEqual(["Allow"]);
  });

  test("access points from config, keyed by name", () => {
    expect(onlyResource(json, "aws_efs_access_point")).toMatchObject({
      posix_user: { uid: 1000, gid: 1000 },
      root_directory: { path: "/app", creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: "0750" } },
    });
    expect(Object.keys(resources(json, "aws_efs_access_point"))[0]).toMatch(/^efs_access-point-app_/);
  });

  test("CSI driver add-on with Pod Identity and the AWS managed policy, controller pinned to cloud nodes", () => {
    const addon = Object.values(resources(json, "aws_eks_addon")).find((a) => a.addon_name === "aws-efs-csi-driver")!;
    expect(addon.pod_identity_association).toEqual([{ role_arn: expect.stringMatching(/aws_iam_role\.efs_csi-role/), service_account: "efs-csi-controller-sa" }]);
    expect(JSON.parse(addon.configuration_values)).toEqual({ controller: { nodeSelector: { "platform.eks-hybrid-storage/location": "cloud" } } });
    const role = Object.entries(resources(json, "aws_iam_role")).find(([k]) => k.startsWith("efs_"))![1];
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({ Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] });
    expect(Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toContain("arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy");
    expect(Object.values(resources(json, "aws_eks_node_group")).every((ng) => ng.labels["platform.eks-hybrid-storage/location"] === "cloud")).toBe(true);
  });

  test("StorageClass: efs-ap with the file system id, and subPathPattern escaped for Terraform", () => {
    const j = synthEnvironment(withEfs({ storageClasses: { shared: { reclaimPolicy: "Retain", basePath: "/dyn", subPathPattern: "${.PVC.namespace}/${.PVC.name}" } } }));
    expect(onlyResource(j, "kubernetes_storage_class_v1")).toMatchObject({
      metadata: { name: "shared" },
      storage_provisioner: "efs.csi.aws.com",
      reclaim_policy: "Retain",
      parameters: {
        provisioningMode: "efs-ap",
        fileSystemId: expect.stringMatching(/aws_efs_file_system\.efs_file-system_\w+\.id/),
        directoryPerms: "700",
        basePath: "/dyn",
        subPathPattern: "$${.PVC.namespace}/$${.PVC.name}",
      },
    });
  });
});

describe("EFS in the hybrid layout", () => {
  const cloud = synthEnvironment(patch(hybridEnvironment({ layout: "cloud-only" }), { efs: {} }));
  const hybrid = synthEnvironment(patch(hybridEnvironment(), { efs: {} }));

  test("same file system, mount targets and access points at the same addresses", () => {
    for (const type of ["aws_efs_file_system", "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_file_system_policy"]) {
      expect(resources(hybrid, type)).toEqual(resources(cloud, type));
    }
  });

  test("adds NFS ingress from each remote node and pod CIDR, and per-AZ outputs", () => {
    const onPrem = Object.values(resources(hybrid, "aws_vpc_security_group_ingress_rule")).filter((r) => r.from_port === 2049 && r.cidr_ipv4);
    expect(onPrem.map((r) => r.cidr_ipv4).sort()).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
    expect(outputValue(hybrid, "onprem_mount_targets")).toEqual({
      "app-a": { ip: expect.stringMatching(/ip_address/), dns: expect.stringMatching(/availability_zone_name\}\.\$\{aws_efs_file_system\.[\w-]+\.id\}\.efs\.eu-west-1\.amazonaws\.com$/) },
      "app-b": expect.any(Object),
    });
    expect(() => outputValue(cloud, "onprem_mount_targets")).toThrow();
  });
});

describe("EFS across capabilities", () => {
  test("a resolver AZ without a mount target is a warning (EFS-DNS-02)", () => {
    const env = patch(hybridEnvironment(), { efs: { subnets: ["app-a", "app-c"] } , network: { subnets: { "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003" } } }, hybrid: { resolverSubnets: ["app-a", "app-b"] } });
    const { warnings } = parseEnvironment(env, "e");
    expect(warnings).toEqual([expect.objectContaining({ path: "efs.subnets", message: expect.stringMatching(/^has no mount target in eu-west-1b, where the inbound resolver answers/) })]);
  });

  test("Pod Identity on an adopted cluster warns that the agent must exist", () => {
    const env = patch(cloudEnvironment({ cluster: { mode: "existing", name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16" } }), { efs: {} });
    expect(parseEnvironment(env, "e").warnings.map((w) => w.path)).toEqual(["network.publicSubnets", "efs.csiDriver"]);
  });
});

describe("EFS validation", () => {
  const errorsOf = (efs: unknown) => configErrors(() => parseEnvironment(withEfs(efs), "e"));

  test("two subnets in one AZ", () => {
    const env = patch(withEfs({ subnets: ["private-a", "private-c"] }), { network: { privateSubnets: { "private-c": { availabilityZone: "eu-west-1a", cidr: "10.0.64.0/19" } } } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'efs.subnets[1]: is in eu-west-1a like private-a; EFS allows one mount target per availability zone; got "private-c"; allowed: one subnet per availability zone',
      'efs.subnets: must cover at least two availability zones so every node\'s AZ has a mount target; got ["private-a","private-c"]; allowed: subnets in two or more availability zones',
    ]);
  });

  test("fewer subnets than the layout needs, and unknown ones", () => {
    expect(errorsOf({ subnets: ["private-a"] })[0]).toMatch(/^efs\.subnets: must cover at least two availability zones/);
    expect(errorsOf({ subnets: ["private-a", "nope"] })[0]).toMatch(/^efs\.subnets\[1\]: names no private subnet of network; got "nope"; allowed: private-a, private-b$/);
  });

  test("invalid performance/throughput combinations", () => {
    expect(errorsOf({ performanceMode: "maxIO" })).toEqual(['efs.performanceMode: maxIO is not supported with elastic throughput (EFS-FS-02); got "maxIO"; allowed: generalPurpose, or throughputMode bursting/provisioned']);
    expect(errorsOf({ performanceMode: "maxIO", throughputMode: "bursting", oneZone: "eu-west-1a" })).toEqual([
      'efs.performanceMode: maxIO is not supported on One Zone file systems (EFS-FS-02); got "maxIO"; allowed: generalPurpose',
    ]);
  });

  test("provisioned throughput without a value, or a value without provisioned", () => {
    expect(errorsOf({ throughputMode: "provisioned" })).toEqual(["efs.provisionedThroughputMibps: is required when throughputMode is provisioned; got nothing; allowed: 1-3414 (MiB/s)"]);
    expect(errorsOf({ provisionedThroughputMibps: 100 })[0]).toMatch(/^efs\.provisionedThroughputMibps: only applies to throughputMode provisioned, not elastic; got 100/);
    expect(errorsOf({ throughputMode: "provisioned", provisionedThroughputMibps: 5000 })[0]).toMatch(/^efs\.provisionedThroughputMibps: .*<=3414; got 5000$/);
  });

  test("unknown lifecycle transitions and blocks with two transitions", () => {
    expect(errorsOf({ lifecyclePolicies: [{ transitionToIa: "AFTER_2_DAYS" }] })[0]).toMatch(/^efs\.lifecyclePolicies\[0\]\.transitionToIa: Invalid option: expected one of .*"AFTER_30_DAYS".*; got "AFTER_2_DAYS"$/);
    expect(errorsOf({ lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS", transitionToArchive: "AFTER_90_DAYS" }] })[0]).toMatch(/^efs\.lifecyclePolicies\[0\]: must hold exactly one transition/);
    expect(errorsOf({ lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToIa: "AFTER_60_DAYS" }] })[0]).toMatch(/^efs\.lifecyclePolicies\[1\]\.transitionToIa: repeats the transition of lifecyclePolicies\[0\]/);
    expect(errorsOf({ throughputMode: "bursting", lifecyclePolicies: [{ transitionToArchive: "AFTER_90_DAYS" }] })[0]).toMatch(/^efs\.throughputMode: must be elastic to use the Archive storage class/);
  });

  test("a malformed KMS ARN", () => {
    expect(errorsOf({ kmsKeyArn: "arn:aws:kms:eu-west-1:1111:key/x" })[0]).toMatch(/^efs\.kmsKeyArn: must be a KMS key ARN such as arn:aws:kms:/);
  });

  test("a duplicate access point name in a file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "efs-")), "dup.yaml");
    fs.writeFileSync(file, "efs:\n  accessPoints:\n    app: {uid: 1, gid: 1, path: /a}\n    app: {uid: 2, gid: 2, path: /b}\n");
    expect(() => loadEnvironmentFile(file)).toThrow(/efs\.accessPoints\.app: is defined twice \(line 3 and line 4\)/);
  });

  test("two access points on one directory, two default classes", () => {
    expect(errorsOf({ accessPoints: { a: { uid: 1, gid: 1, path: "/x" }, b: { uid: 2, gid: 2, path: "/x" } } })).toEqual([
      'efs.accessPoints.b.path: is already the root of access point a; got "/x"; allowed: a distinct directory per access point',
    ]);
    expect(errorsOf({ storageClasses: { a: { default: true }, b: { default: true } } })[0]).toMatch(/^efs\.storageClasses: marks more than one StorageClass as default/);
  });

  test("One Zone needs its subnet", () => {
    const j = synthEnvironment(withEfs({ oneZone: "eu-west-1b", throughputMode: "bursting" }));
    expect(Object.values(resources(j, "aws_efs_mount_target"))).toHaveLength(1);
    expect(errorsOf({ oneZone: "eu-west-1b", subnets: ["private-a"] })[0]).toMatch(/^efs\.subnets: must be exactly one subnet in eu-west-1b for a One Zone file system/);
  });
});
