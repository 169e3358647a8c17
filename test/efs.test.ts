import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadEnvironmentFile, parseEnvironment } from "../modules/config/load";
import { formatIssue } from "../modules/core/errors";
import { efsFileSystemPolicy } from "../modules/efs/render";
import { cloudEnvironment, configErrors, existingVpcEnvironment, hybridEnvironment, Json, onlyResource, outputValue, patch, resources, synthEnvironment } from "./helpers";

const withEfs = (efs: unknown = {}) => patch(cloudEnvironment(), { efs });
const NODE_ROLE = /^\$\{aws_iam_role\.cluster_node-role_\w+\.arn\}$/;

describe("EFS file system (environment file)", () => {
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

  test("NFS only from the cluster security group in cloud-only; never from 0.0.0.0/0 (EFS-MT-02)", () => {
    const rules = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id.includes("efs_security-group"));
    expect(rules).toEqual([
      expect.objectContaining({ from_port: 2049, to_port: 2049, ip_protocol: "tcp", referenced_security_group_id: expect.stringMatching(/vpc_config\[0\]\.cluster_security_group_id/) }),
    ]);
    expect(rules[0].cidr_ipv4).toBeUndefined();
    expect(JSON.stringify(json.resource)).not.toContain("0.0.0.0/0");
  });

  test("the file system policy denies non-TLS and grants mount and write to the node role only — no AWS:* allow (EFS-TLS-01, issue 10.6)", () => {
    const policy = JSON.parse(onlyResource(json, "aws_efs_file_system_policy").policy);
    const fsArn = expect.stringMatching(/^\$\{aws_efs_file_system\.efs_file-system_\w+\.arn\}$/);
    expect(policy.Statement).toEqual([
      { Sid: "DenyWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: fsArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      {
        Sid: "AllowIamClients",
        Effect: "Allow",
        Principal: { AWS: [expect.stringMatching(NODE_ROLE)] },
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: fsArn,
        Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
      },
    ]);
  });

  test("anonymous access is an explicit opt-in, in its own statement", () => {
    const j = synthEnvironment(withEfs({ allowAnonymousAccess: true, requireTls: false }));
    const statements = JSON.parse(onlyResource(j, "aws_efs_file_system_policy").policy).Statement;
    expect(statements.map((s: Json) => [s.Sid, s.Effect, s.Principal])).toEqual([
      ["AllowIamClients", "Allow", { AWS: [expect.stringMatching(NODE_ROLE)] }],
      ["AllowAnonymousClients", "Allow", { AWS: "*" }],
    ]);
    expect(parseEnvironment(withEfs({ allowAnonymousAccess: true }), "e").warnings.map((w) => w.path)).toContain("efs.allowAnonymousAccess");
  });

  test("root access and extra principals are granted to the IAM clients only", () => {
    const extra = "arn:aws:iam::111122223333:role/batch";
    const policy = JSON.parse(efsFileSystemPolicy({ fileSystemArn: "arn:fs", clientPrincipalArns: ["arn:aws:iam::111122223333:role/nodes", extra, extra], allowRootAccess: true }));
    expect(policy.Statement[1]).toEqual({
      Sid: "AllowIamClients",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:role/nodes", extra] },
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
      Resource: "arn:fs",
      Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
    });
    const j = synthEnvironment(withEfs({ clientPrincipalArns: [extra] }));
    expect(JSON.parse(onlyResource(j, "aws_efs_file_system_policy").policy).Statement[1].Principal.AWS).toEqual([expect.stringMatching(NODE_ROLE), extra]);
  });

  test("requireTls: false drops the TLS deny and warns that plain NFS still needs anonymous access", () => {
    const j = synthEnvironment(withEfs({ requireTls: false }));
    const policy = JSON.parse(onlyResource(j, "aws_efs_file_system_policy").policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["AllowIamClients"]);
    expect(parseEnvironment(withEfs({ requireTls: false }), "e").warnings).toContainEqual(expect.objectContaining({ path: "efs.requireTls" }));
  });

  test("access points from config, keyed by name", () => {
    expect(onlyResource(json, "aws_efs_access_point")).toMatchObject({
      posix_user: { uid: 1000, gid: 1000 },
      root_directory: { path: "/app", creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: "0750" } },
    });
    expect(Object.keys(resources(json, "aws_efs_access_point"))[0]).toMatch(/^efs_access-point-app_/);
  });

  test("CSI driver add-on with Pod Identity, no configuration values (no add-on key can be verified), waits for the workload nodes", () => {
    const addon = Object.values(resources(json, "aws_eks_addon")).find((a) => a.addon_name === "aws-efs-csi-driver")!;
    expect(addon.pod_identity_association).toEqual([{ role_arn: expect.stringMatching(/aws_iam_role\.efs_csi-role/), service_account: "efs-csi-controller-sa" }]);
    expect(addon.configuration_values).toBeUndefined();
    expect(addon.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_addon\.cluster_addon-coredns/), expect.stringMatching(/^aws_efs_mount_target\./)]));
    expect(Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toContain("arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy");
  });

  test("the CSI role trusts EKS Pod Identity of this account and this cluster only (issue 10.5)", () => {
    const role = Object.entries(resources(json, "aws_iam_role")).find(([k]) => k.startsWith("efs_"))![1];
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowEksPodIdentity",
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            StringEquals: {
              "aws:SourceAccount": "111122223333",
              "aws:RequestTag/eks-cluster-arn": "${aws_eks_cluster.cluster_A4C38409.arn}",
              "aws:RequestTag/kubernetes-namespace": "kube-system",
              "aws:RequestTag/kubernetes-service-account": "efs-csi-controller-sa",
            },
          },
        },
      ],
    });
  });

  test("StorageClass: efs-ap, mounted with tls,iam, and subPathPattern escaped for Terraform", () => {
    const j = synthEnvironment(withEfs({ storageClasses: { shared: { reclaimPolicy: "Retain", basePath: "/dyn", subPathPattern: "${.PVC.namespace}/${.PVC.name}" } } }));
    expect(onlyResource(j, "kubernetes_storage_class_v1")).toMatchObject({
      metadata: { name: "shared" },
      storage_provisioner: "efs.csi.aws.com",
      reclaim_policy: "Retain",
      mount_options: ["tls", "iam"],
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

describe("EFS in the hybrid layout (environment file)", () => {
  const cloud = synthEnvironment(patch(hybridEnvironment({ layout: "cloud-only" }), { efs: {} }));
  const hybrid = synthEnvironment(patch(hybridEnvironment(), { efs: {} }));
  const efsRules = (j: Json) => Object.values(resources(j, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id.includes("efs_security-group") && r.cidr_ipv4);

  test("same file system, mount targets and access points at the same addresses", () => {
    for (const type of ["aws_efs_file_system", "aws_efs_mount_target", "aws_efs_access_point"]) {
      expect(resources(hybrid, type)).toEqual(resources(cloud, type));
    }
  });

  test("adds NFS ingress from each remote node CIDR and, as they are routable, pod CIDR, and per-AZ outputs", () => {
    expect(efsRules(hybrid).map((r) => r.cidr_ipv4).sort()).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
    expect(outputValue(hybrid, "onprem_mount_targets")).toEqual({
      "app-a": { ip: expect.stringMatching(/ip_address/), dns: expect.stringMatching(/availability_zone_name\}\.\$\{aws_efs_file_system\.[\w-]+\.id\}\.efs\.eu-west-1\.amazonaws\.com$/) },
      "app-b": expect.any(Object),
    });
    expect(() => outputValue(cloud, "onprem_mount_targets")).toThrow();
  });

  test("pod CIDRs that are not routable get no NFS ingress", () => {
    const j = synthEnvironment(patch(hybridEnvironment(), { efs: {}, hybrid: { podCidrsRoutable: false } }));
    expect(efsRules(j).map((r) => r.cidr_ipv4)).toEqual(["192.168.100.0/23"]);
  });

  test("the Hybrid Nodes role may mount (on-prem hosts with efs-utils tls,iam); nobody anonymously", () => {
    const statements = JSON.parse(onlyResource(hybrid, "aws_efs_file_system_policy").policy).Statement;
    expect(statements[1].Principal).toEqual({ AWS: [expect.stringMatching(NODE_ROLE), expect.stringMatching(/^\$\{aws_iam_role\.hybrid_node-role_\w+\.arn\}$/)] });
    expect(JSON.stringify(statements)).not.toContain('"AWS":"*"}},{');
    expect(statements.filter((s: Json) => s.Effect === "Allow" && s.Principal.AWS === "*")).toEqual([]);
  });
});

describe("EFS across capabilities", () => {
  test("a resolver AZ without a mount target is a warning (EFS-DNS-02)", () => {
    const env = patch(hybridEnvironment(), { efs: { subnets: ["app-a", "app-c"] } , network: { subnets: { "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003" } } }, hybrid: { resolverSubnets: ["app-a", "app-b"] } });
    const { warnings } = parseEnvironment(env, "e");
    expect(warnings).toEqual([
      // EFS-MT-01: the cluster's nodes in eu-west-1b cannot resolve the file system's name either.
      expect.objectContaining({ path: "efs.subnets", message: "has no mount target in eu-west-1b, where the cluster's subnets are: the file system's DNS name does not resolve there, so nodes in that zone cannot mount it" }),
      expect.objectContaining({ path: "efs.subnets", message: expect.stringMatching(/^has no mount target in eu-west-1b, where the inbound resolver answers/) }),
    ]);
  });

  test("mount targets that leave out an AZ of the cluster's subnets are warned about, naming the zone (EFS-MT-01)", () => {
    const subnets = { "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003" } };
    const env = patch(existingVpcEnvironment(), { network: { subnets }, cluster: { subnets: ["app-a", "app-b", "app-c"] }, efs: { subnets: ["app-a", "app-b"] } });
    expect(parseEnvironment(env, "e").warnings.map(formatIssue)).toEqual([
      'efs.subnets: has no mount target in eu-west-1c, where the cluster\'s subnets are: the file system\'s DNS name does not resolve there, so nodes in that zone cannot mount it; got ["app-a","app-b"]; allowed: a subnet in each of eu-west-1c too',
    ]);
    expect(parseEnvironment(patch(env, { efs: { subnets: ["app-a", "app-b", "app-c"] } }), "e").warnings).toEqual([]);
  });

  const adopted = { mode: "existing", name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16" };

  test("an adopted cluster has no known node role: the mounting principals must be given", () => {
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment({ cluster: adopted as never }), { efs: {} }), "e"))).toEqual([
      "efs.clientPrincipalArns: must name the node role(s) of the cluster's nodegroups: the cluster is adopted without a node role, and the EFS CSI node plugin mounts (tls,iam) with the node's IAM role, so cloud pods could not mount; got []; allowed: node role ARNs such as arn:aws:iam::111122223333:role/eks-nodes (or ClusterRef nodeRoleArn), or allowAnonymousAccess: true",
    ]);
  });

  test("Pod Identity on an adopted cluster warns that the agent must exist", () => {
    const env = patch(cloudEnvironment({ cluster: adopted as never }), { efs: { clientPrincipalArns: ["arn:aws:iam::111122223333:role/nodes"] } });
    expect(parseEnvironment(env, "e").warnings.map((w) => w.path)).toEqual(["network.publicSubnets", "efs.csiDriver"]);
  });
});

describe("EFS validation (environment file)", () => {
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
    expect(errorsOf({ subnets: ["private-a", "nope"] })[0]).toMatch(/^efs\.subnets\[1\]: names no private subnet of the VPC; got "nope"; allowed: private-a, private-b$/);
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

  test("EFS API limits of access points the provider does not check (they would fail at apply)", () => {
    expect(errorsOf({ accessPoints: { a: { uid: 1, gid: 1, path: "/a/b/c/d/e" } } })).toEqual([
      'efs.accessPoints.a.path: must be an absolute path of at most four levels such as /shared/app (letters, digits, \'.\', \'_\', \'-\'; no component starting with \'.\'); got "/a/b/c/d/e"',
    ]);
    expect(errorsOf({ accessPoints: { a: { uid: 1, gid: 1, path: "/.snapshot" } } })[0]).toMatch(/^efs\.accessPoints\.a\.path: must be an absolute path/);
    expect(errorsOf({ accessPoints: { a: { uid: 1, gid: 1, path: "/a", secondaryGids: Array.from({ length: 17 }, (_, i) => i) } } })[0]).toMatch(/^efs\.accessPoints\.a\.secondaryGids: Too big: expected array to have <=16 items/);
  });

  test("the provider's add-on version check: semver without leading zeros (aws_eks_addon.addon_version)", () => {
    expect(errorsOf({ csiDriverVersion: "v2.01.4-eksbuild.1" })).toEqual(['efs.csiDriverVersion: must be an add-on version such as v2.1.4-eksbuild.1; got "v2.01.4-eksbuild.1"']);
  });

  test("a cluster named sg-...: the provider refuses the security group name prefix", () => {
    const env = patch(withEfs({}), { cluster: { name: "sg-prod" } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toContainEqual(expect.stringMatching(/^efs: cannot name its security group after cluster sg-prod/));
  });

  test("props for an add-on that is not installed are refused, not ignored", () => {
    expect(errorsOf({ csiDriver: false, csiDriverVersion: "v2.1.4-eksbuild.1", controllerNodeSelector: { role: "x" } })).toEqual([
      'efs.controllerNodeSelector: applies to the CSI driver add-on, which csiDriver: false leaves out; got {"role":"x"}; allowed: remove it, or csiDriver: true',
      'efs.csiDriverVersion: applies to the CSI driver add-on, which csiDriver: false leaves out; got "v2.1.4-eksbuild.1"; allowed: remove it, or csiDriver: true',
    ]);
  });

  test("a user-set controllerNodeSelector is sent, with a warning that the key is unverified", () => {
    const { warnings } = parseEnvironment(withEfs({ controllerNodeSelector: { "example.com/pool": "system" } }), "e");
    expect(warnings).toContainEqual(expect.objectContaining({ path: "efs.controllerNodeSelector", message: expect.stringMatching(/^is sent as the add-on's controller\.nodeSelector, a key no public schema of aws-efs-csi-driver confirms/) }));
    const addon = Object.values(resources(synthEnvironment(withEfs({ controllerNodeSelector: { "example.com/pool": "system" } })), "aws_eks_addon")).find((a) => a.addon_name === "aws-efs-csi-driver")!;
    expect(JSON.parse(addon.configuration_values)).toEqual({ controller: { nodeSelector: { "example.com/pool": "system" } } });
  });

  test("config is data: ${...} in a file can never become a Terraform interpolation (GEN-02)", () => {
    expect(errorsOf({ accessPoints: { a: { uid: 1, gid: 1, path: '/${file("x")}' } } })[0]).toMatch(/^efs\.accessPoints\.a\.path: must be an absolute path/);
    expect(errorsOf({ storageClasses: { s: { subPathPattern: '${file("/etc/passwd")}' } } })[0]).toMatch(/^efs\.storageClasses\.s\.subPathPattern: may use letters/);
  });
});
