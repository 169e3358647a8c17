import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { parse, parseAllDocuments } from "yaml";
import { z } from "zod";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { FsxOntapOptionsSchema } from "../modules/fsx-ontap/config";
import { FsxOntap, FsxOntapOptions, FsxOntapProps } from "../modules/fsx-ontap/fsx-ontap";
import { requireTerraformVersion } from "../modules/fsx-ontap/terraform-version";
import { TridentOptionsSchema } from "../modules/trident/config";
import { mergeValues, operatorAffinity, tolerationsFor, WAIT_IMAGE } from "../modules/trident/render";
import { backendsChartDir, Trident } from "../modules/trident/trident";
import { cloudEnvironment, fsxProdClusterAttributes, Json, patch, resources, synthEnvironment, twoSubnetVpc } from "./helpers";
import { vendorFile } from "./reference";

// --- type-level: the hand-written options equal the schemas' inputs ---------------------------

const vpc = (): IVpcRef => VpcRef.fromAttributes(twoSubnetVpc({ routeTables: true }));
const clusterAttrs = fsxProdClusterAttributes;
const cloudCluster = (): IClusterRef => ClusterRef.fromAttributes(clusterAttrs);
const hybridCluster = (): IClusterRef => ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } });
const single: FsxOntapOptions = { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { apps: { volumes: { data: { junctionPath: "/data", sizeGiB: 10 } } } } };

function synth(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("options interfaces", () => {
  // FsxOntapOptions and TridentOptions equal the schemas' input types: test/option-types.test.ts.
  // Each `@default <literal>` in the JSDoc, fed through the schema, gives what the schema defaults to.
  const documentedDefaults = (file: string, iface: string): [string, string][] => {
    const text = fs.readFileSync(path.join(__dirname, "..", file), "utf8");
    const body = text.slice(text.indexOf(`export interface ${iface} {`));
    const block = body.slice(0, body.indexOf("\n}\n"));
    return [...block.matchAll(/@default ([^*]+?)\s*\*\/\s*\n\s*readonly (\w+)\?/g)].filter(([, d]) => !d.startsWith("-")).map(([, d, field]) => [field, d.replace(/\s*\(.*\)$/, "")]);
  };
  const literal = (text: string): unknown => new Function(`return (${text});`)();

  test.each([
    ["modules/fsx-ontap/fsx-ontap.ts", "FsxOntapOptions", FsxOntapOptionsSchema],
    ["modules/trident/trident.ts", "TridentOptions", TridentOptionsSchema],
  ] as const)("every @default in %s %s is the schema default", (file, iface, schema) => {
    const found = documentedDefaults(file, iface);
    expect(found.length).toBeGreaterThan(3);
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const [field, text] of found) {
      expect([field, shape[field].parse(literal(text))]).toEqual([field, shape[field].parse(undefined)]);
    }
  });
});

describe("Trident: one per cluster, any number of file systems", () => {
  const json = synth((stack) => {
    const cluster = cloudCluster();
    const trident = new Trident(stack, "trident", { cluster, volumeSnapshotClass: true, helmValues: { tridentDebug: true, cloudIdentity: "'eks.amazonaws.com/role-arn: arn:aws:iam::999999999999:role/x'" } });
    new FsxOntap(stack, "fsx-a", { vpc: vpc(), cluster, trident, ...single, san: true, storageClasses: { "apps-nas": { default: true }, "apps-san": { backendType: "ontap-san" } } });
    new FsxOntap(stack, "fsx-b", { vpc: vpc(), cluster, trident, ...single, svms: { logs: {} }, storageClasses: { "logs-nas": {} } });
  });

  test("one operator release and one backends release carrying both file systems' backends", () => {
    const releases = Object.values(resources(json, "helm_release"));
    expect(releases.map((r) => r.name).sort()).toEqual(["trident-backends", "trident-operator"]);
    const backends = JSON.parse(releases.find((r) => r.name === "trident-backends")!.values[0]).backends;
    expect(backends.map((b: Json) => [b.name, b.fileSystemId])).toEqual([
      ["apps-ontap-nas", expect.stringMatching(/^\$\{aws_fsx_ontap_file_system\.fsx-a_file-system_\w+\.id\}$/)],
      ["apps-ontap-san", expect.stringMatching(/fsx-a_file-system/)],
      ["logs-ontap-nas", expect.stringMatching(/^\$\{aws_fsx_ontap_file_system\.fsx-b_file-system_\w+\.id\}$/)],
    ]);
  });

  test("the policy covers each registered file system; the trust names this cluster and account", () => {
    const policy = JSON.parse(Object.values(resources(json, "aws_iam_role_policy"))[0].policy);
    const volumes = policy.Statement.find((s: Json) => s.Sid === "Volumes").Resource as string[];
    expect(volumes.filter((r) => r.includes(":file-system/"))).toEqual([
      expect.stringMatching(/^arn:aws:fsx:eu-west-1:111122223333:file-system\/\$\{aws_fsx_ontap_file_system\.fsx-a_/),
      expect.stringMatching(/^arn:aws:fsx:eu-west-1:111122223333:file-system\/\$\{aws_fsx_ontap_file_system\.fsx-b_/),
    ]);
    expect(policy.Statement.find((s: Json) => s.Sid === "SvmCredentials").Resource).toHaveLength(2);
    const trust = JSON.parse(Object.values(resources(json, "aws_iam_role"))[0].assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        "aws:SourceAccount": "111122223333",
        "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
        "aws:RequestTag/kubernetes-namespace": "trident",
        "aws:RequestTag/kubernetes-service-account": "trident-controller",
      },
    });
  });

  test("StorageClasses of both, bound to their backends, destroyed before the backends", () => {
    const scs = Object.values(resources(json, "kubernetes_storage_class_v1"));
    expect(scs.map((s) => [s.metadata.name, s.parameters.storagePools])).toEqual([
      ["apps-nas", "apps-ontap-nas:.*"],
      ["apps-san", "apps-ontap-san:.*"],
      ["logs-nas", "logs-ontap-nas:.*"],
    ]);
    for (const sc of scs) expect(sc.depends_on).toEqual([expect.stringMatching(/^helm_release\.trident_backends_/)]);
  });

  test("SAN on any file system sets nodePrep [iscsi]; helmValues merge over ours, IRSA wiring stays ours; the operator avoids hybrid nodes", () => {
    const values = JSON.parse(Object.values(resources(json, "helm_release")).find((r) => r.name === "trident-operator")!.values[0]);
    expect(values.nodePrep).toEqual(["iscsi"]);
    expect(values.tridentDebug).toBe(true);
    expect(values.cloudIdentity).toBeUndefined();
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toContainEqual({ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] });
  });

  test("the stack requires Terraform >= 1.11 (write-only secret) and has kubernetes/helm providers", () => {
    expect(json.terraform.required_version).toBe(">= 1.11.0");
    expect(Object.keys(json.provider).sort()).toEqual(expect.arrayContaining(["helm", "kubernetes"]));
  });
});

describe("FsxOntap construct validation and shape", () => {
  const errorOf = (build: (stack: TerraformStack) => void) => {
    try {
      synth(build);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("no error");
  };

  test("bad typed values are refused with the construct path prefix", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, dailyBackupStartTime: "25:00" }))).toBe('lib/files: 1 error\n  - fsxOntap.dailyBackupStartTime: must be HH:MM (UTC), e.g. 02:00; got "25:00"');
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, throughputMibps: 100, subnets: ["app-a", "mars"] }))).toBe(
      "lib/files: 3 errors\n" +
        '  - fsxOntap.subnets: must list 1 subnet for SINGLE_AZ_1; got ["app-a","mars"]; allowed: one subnet\n' +
        '  - fsxOntap.subnets[1]: names no private subnet of network; got "mars"; allowed: app-a, app-b\n' +
        "  - fsxOntap.throughputMibps: is not a throughput SINGLE_AZ_1 offers; got 100; allowed: 128, 256, 512, 1024, 2048, 4096",
    );
  });

  test("the layout comes from the cluster: onPrem on a cloud cluster is refused; hybrid Multi-AZ needs the endpoint range and transit gateway ids", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, onPrem: { podCidrsRoutable: true } }))).toMatch(/^lib\/files: 1 error\n {2}- fsxOntap\.onPrem: applies only to a hybrid cluster/);
    const multi: FsxOntapOptions = { ...single, deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], throughputMibps: 384 };
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: hybridCluster(), ...multi }))).toBe(
      "lib/files: 3 errors\n" +
        "  - fsxOntap.onPrem.transitGatewayRouteTableId: is required with a MULTI_AZ_2 file system in the hybrid layout, to route the endpoint range to the VPC (FSX-NET-02); got nothing; allowed: the tgw-rtb- id of the route table that on-prem traffic uses\n" +
        "  - fsxOntap.onPrem.transitGatewayAttachmentId: is required with a MULTI_AZ_2 file system in the hybrid layout: the endpoint-range route targets this VPC's attachment (FSX-NET-02); got nothing; allowed: the tgw-attach- id of this VPC's attachment\n" +
        "  - fsxOntap.endpointIpAddressRange: must be set in the hybrid layout so on-prem can route to the floating endpoint IPs (FSX-NET-02); got nothing; allowed: an unused range such as 198.19.255.0/24",
    );
    const json = synth((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: hybridCluster(), ...multi, endpointIpAddressRange: "198.19.255.0/24", onPrem: { transitGatewayRouteTableId: "tgw-rtb-0123456789abcdef0", transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0" } }));
    expect(Object.values(resources(json, "aws_ec2_transit_gateway_route"))).toEqual([
      expect.objectContaining({ destination_cidr_block: "198.19.255.0/24", transit_gateway_attachment_id: "tgw-attach-0123456789abcdef0", transit_gateway_route_table_id: "tgw-rtb-0123456789abcdef0" }),
    ]);
  });

  test("on-prem: node CIDRs only unless pod CIDRs are routable; no management port unless asked (issue 10.7)", () => {
    const rules = (props: Partial<FsxOntapProps>) => {
      const json = synth((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: hybridCluster(), ...single, ...props }));
      return Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.cidr_ipv4).map((r) => `${r.cidr_ipv4} ${r.ip_protocol}/${r.from_port}`);
    };
    const narrow = rules({});
    expect(new Set(narrow.map((r) => r.split(" ")[0]))).toEqual(new Set(["192.168.100.0/23"]));
    expect(narrow).not.toContain("192.168.100.0/23 tcp/443");
    const wide = rules({ onPrem: { podCidrsRoutable: true }, onPremManagementAccess: true });
    expect(new Set(wide.map((r) => r.split(" ")[0]))).toEqual(new Set(["192.168.100.0/23", "192.168.128.0/18"]));
    expect(wide).toContain("192.168.100.0/23 tcp/443");
  });

  test("storageClasses or san without trident are refused, not ignored", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, san: true, storageClasses: { x: {} } }))).toBe(
      "lib/files: 2 errors\n" +
        '  - fsxOntap.storageClasses: needs `trident` to register with; got ["x"]; allowed: pass trident, or remove storageClasses\n' +
        "  - fsxOntap.san: needs `trident` (SAN backends are Trident backends); got true; allowed: pass trident, or remove san",
    );
  });

  test("collisions across file systems are errors: StorageClass names, password variables, default classes", () => {
    const cluster = cloudCluster();
    expect(
      errorOf((s) => {
        const trident = new Trident(s, "trident", { cluster });
        new FsxOntap(s, "a", { vpc: vpc(), cluster, trident, ...single });
        new FsxOntap(s, "b", { vpc: vpc(), cluster, trident, ...single, svms: { other: {} } });
      }),
    ).toBe("lib/b: 1 error\n  - storageClasses.ontap-nas: is already a StorageClass of lib/a; StorageClass names are cluster-wide; got \"ontap-nas\"; allowed: another name");
    expect(
      errorOf((s) => {
        new FsxOntap(s, "a", { vpc: vpc(), cluster, ...single });
        new FsxOntap(s, "b", { vpc: vpc(), cluster, ...single, svms: { Apps: {} } });
      }),
    ).toBe('lib/b: 1 error\n  - fsxOntap.svms.Apps: would share the password variable fsx_apps_vsadmin_password with lib/a; got "Apps"; allowed: SVM names unique in the stack');
    expect(
      errorOf((s) => {
        const trident = new Trident(s, "trident", { cluster });
        new FsxOntap(s, "a", { vpc: vpc(), cluster, trident, ...single, storageClasses: { one: { default: true } } });
        new FsxOntap(s, "b", { vpc: vpc(), cluster, trident, ...single, svms: { other: {} }, storageClasses: { two: { default: true } } });
      }),
    ).toMatch(/^lib\/b: 1 error\n {2}- storageClasses: sets more than one default StorageClass in the cluster; got \["one","two"\]/);
  });

  test("tags reach every taggable resource; typed properties expose what was created", () => {
    let fsx: FsxOntap | undefined;
    const json = synth((s) => {
      fsx = new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, tags: { team: "storage" } });
    });
    for (const type of ["aws_fsx_ontap_file_system", "aws_fsx_ontap_storage_virtual_machine", "aws_fsx_ontap_volume", "aws_secretsmanager_secret", "aws_security_group", "aws_kms_key", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const r of Object.values(resources(json, type))) expect([type, r.tags.team]).toEqual([type, "storage"]);
    }
    expect(Object.keys(fsx!.volumes)).toEqual(["apps/data"]);
    expect(fsx!.kmsKey).toBeDefined();
    expect(Object.keys(fsx!.passwordVariables)).toEqual(["apps"]);
  });

  test("provider limits mirrored at synth: at most 50 route tables; security group name_prefix cut to 74 characters", () => {
    const subnets = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`s${i}`, { id: `subnet-0a1b2c3d4e5f6${String(i).padStart(4, "0")}`, availabilityZone: i % 2 ? "eu-west-1b" : "eu-west-1a", routeTableId: `rtb-0a1b2c3d4e5f6${String(i).padStart(4, "0")}` }]));
    const wide = VpcRef.fromAttributes({ vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidrs: ["10.40.0.0/16"], subnets });
    const multi: FsxOntapOptions = { ...single, deploymentType: "MULTI_AZ_2", subnets: ["s0", "s1"], throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24" };
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: wide, cluster: cloudCluster(), ...multi }))).toBe(
      "lib/files: 1 error\n  - fsxOntap.routeTableSubnets: names more than the 50 route tables FSx accepts; got 51; allowed: at most 50 subnets",
    );
    const longName = ClusterRef.fromAttributes({ ...clusterAttrs, name: "a".repeat(80) });
    const json = synth((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: longName, ...single }));
    expect(Object.values(resources(json, "aws_security_group"))[0].name_prefix).toHaveLength(74);
  });

  test("the KMS key given is used as is, nothing created", () => {
    const json = synth((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }));
    expect(resources(json, "aws_kms_key")).toEqual({});
  });
});

describe("Trident placement and identity", () => {
  test("IRSA takes the cluster's OIDC provider by default, and is refused without one", () => {
    const json = synth((s) => new Trident(s, "trident", { cluster: ClusterRef.fromAttributes({ ...clusterAttrs, oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" }), identity: "irsa" }));
    expect(JSON.parse(Object.values(resources(json, "aws_iam_role"))[0].assume_role_policy).Statement[0].Principal).toEqual({ Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" });
    expect(() => synth((s) => new Trident(s, "trident", { cluster: cloudCluster(), identity: "irsa" }))).toThrow(
      "lib/trident: 1 error\n  - trident.oidcProviderArn: is required when identity is irsa and the cluster has no oidcProviderArn; got nothing; allowed: the cluster's IAM OIDC provider ARN",
    );
  });

  test("an adopted hybrid cluster without node selectors gets a warning (the chart places controller and node plugin by nodeSelector only)", () => {
    const stack = new TerraformStack(Testing.app(), "lib");
    const trident = new Trident(stack, "trident", { cluster: hybridCluster() });
    expect(trident.node.metadata.map((m) => String(m.data))).toEqual([expect.stringMatching(/^trident\.controllerNodeSelector: is not set on an adopted hybrid cluster/)]);
    const quiet = new Trident(new TerraformStack(Testing.app(), "lib2"), "trident", { cluster: hybridCluster(), controllerNodeSelector: { "node.kubernetes.io/lifecycle": "cloud" } });
    expect(quiet.node.metadata).toEqual([]);
  });

  test("the operator affinity keeps the chart's own term (Helm replaces lists) and adds compute-type NotIn hybrid", () => {
    const chart = parse(vendorFile("charts", "trident-operator", "100.2506.0", "values.yaml"));
    const ours = operatorAffinity() as Json;
    const chartExpressions = chart.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
    const ourExpressions = ours.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
    for (const e of chartExpressions) expect(ourExpressions).toContainEqual(e);
    expect(ourExpressions).toContainEqual({ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] });
  });

  test("node taints become node-plugin tolerations (issue 9.8)", () => {
    expect(tolerationsFor([{ key: "storage", value: "nvme", effect: "NO_SCHEDULE" }, { key: "gpu", effect: "NO_EXECUTE" }, { key: "storage", value: "nvme", effect: "NO_SCHEDULE" }])).toEqual([
      { key: "storage", operator: "Equal", value: "nvme", effect: "NoSchedule" },
      { key: "gpu", operator: "Exists", effect: "NoExecute" },
    ]);
  });

  test("YAML path: the node plugin tolerates the taints of the environment's nodegroups by default", () => {
    const env = patch(cloudEnvironment(), {
      cluster: { nodegroups: { default: { instanceTypes: ["m6i.large"] }, tainted: { instanceTypes: ["m6i.large"], taints: [{ key: "dedicated", value: "db", effect: "NO_SCHEDULE" }] } } },
      fsxOntap: { deploymentType: "SINGLE_AZ_1", subnets: ["private-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} } },
    });
    const json = synthEnvironment(env);
    const values = JSON.parse(Object.values(resources(json, "helm_release")).find((r) => r.name === "trident-operator")!.values[0]);
    expect(values.tridentNodePluginTolerations).toEqual([{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }]);
  });

  test("YAML path: trident.enabled false creates the file system and no Trident at all", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { fsxOntap: { deploymentType: "SINGLE_AZ_1", subnets: ["private-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} }, trident: { enabled: false } } }));
    expect(Object.keys(resources(json, "aws_fsx_ontap_file_system"))).toHaveLength(1);
    expect(Object.values(resources(json, "helm_release")).filter((r) => String(r.name).startsWith("trident"))).toEqual([]);
    expect(resources(json, "aws_eks_pod_identity_association")).toEqual({});
  });

  test("mergeValues: objects merge, arrays replace", () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });
});

describe("requireTerraformVersion", () => {
  const versionAfter = (existing: string | undefined) => {
    const stack = new TerraformStack(Testing.app(), "lib");
    if (existing) stack.addOverride("terraform.required_version", existing);
    requireTerraformVersion(stack, "1.11.0");
    return JSON.parse(Testing.synth(stack)).terraform.required_version;
  };
  test.each([
    [undefined, ">= 1.11.0"],
    [">= 1.5.0", ">= 1.5.0, >= 1.11.0"],
    [">= 1.12.0", ">= 1.12.0"],
    [">= 1.11.0", ">= 1.11.0"],
    ["~> 1.9", "~> 1.9, >= 1.11.0"],
  ])("existing %s -> %s", (existing, expected) => expect(versionAfter(existing)).toBe(expected));
});

describe("trident-backends chart: the wait hook (issue 9.1)", () => {
  const dir = backendsChartDir();
  // Go template control lines are dropped and {{ ... }} replaced, so the rest parses as YAML.
  const render = (file: string) =>
    parseAllDocuments(
      fs
        .readFileSync(path.join(dir, "templates", file), "utf8")
        .split("\n")
        .filter((l) => !/^\s*\{\{-?\s*(if|end|range|else)\b/.test(l))
        .join("\n")
        .replace(/\{\{[^}]*\}\}/g, "TEMPLATED"),
    )
      .map((d) => d.toJSON())
      .filter(Boolean);
  const docs = render("wait-for-trident.yaml");
  const byKind = (kind: string) => docs.find((d: Json) => d.kind === kind) as Json;

  test("every object is a pre-install/pre-upgrade hook, RBAC before the Job, deleted on success", () => {
    expect(docs.map((d: Json) => [d.kind, d.metadata.annotations["helm.sh/hook"], d.metadata.annotations["helm.sh/hook-weight"], d.metadata.annotations["helm.sh/hook-delete-policy"]])).toEqual([
      ["ServiceAccount", "pre-install,pre-upgrade", "-10", "before-hook-creation,hook-succeeded"],
      ["ClusterRole", "pre-install,pre-upgrade", "-10", "before-hook-creation,hook-succeeded"],
      ["ClusterRoleBinding", "pre-install,pre-upgrade", "-10", "before-hook-creation,hook-succeeded"],
      ["Job", "pre-install,pre-upgrade", "-5", "before-hook-creation,hook-succeeded"],
    ]);
  });

  test("least RBAC: read the two CRDs and the orchestrator, by name", () => {
    expect(byKind("ClusterRole").rules).toEqual([
      { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], resourceNames: ["tridentbackendconfigs.trident.netapp.io", "volumesnapshotclasses.snapshot.storage.k8s.io"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["trident.netapp.io"], resources: ["tridentorchestrators"], resourceNames: ["trident"], verbs: ["get", "list", "watch"] },
    ]);
  });

  test("the Job waits for the CRD (created, Established) and TridentOrchestrator Installed, with a deadline and no retries, off hybrid nodes", () => {
    const job = byKind("Job");
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.activeDeadlineSeconds).toBe("TEMPLATED");
    const pod = job.spec.template.spec;
    const steps = [...pod.initContainers, ...pod.containers].map((c: Json) => c.args.slice(0, 3).join(" "));
    expect(steps).toEqual([
      "wait --for=create crd/tridentbackendconfigs.trident.netapp.io",
      "wait --for=condition=Established crd/tridentbackendconfigs.trident.netapp.io",
      "wait --for=create crd/volumesnapshotclasses.snapshot.storage.k8s.io",
      "wait --for=condition=Established crd/volumesnapshotclasses.snapshot.storage.k8s.io",
      "wait --for=jsonpath={.status.status}=Installed tridentorchestrator/trident",
    ]);
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.args[3]).toBe("--timeout=TEMPLATEDs");
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    }
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([{ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] }]);
    expect(pod.serviceAccountName).toBe("trident-backends-wait");
  });

  test("the image is pinned to an exact tag, the same in the chart defaults and in what we render", () => {
    expect(WAIT_IMAGE).toMatch(/^registry\.k8s\.io\/kubectl:v1\.(3[1-9]|[4-9]\d)\.\d+$/);
    expect(parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")).wait).toEqual({ image: WAIT_IMAGE, timeoutSeconds: 900 });
  });

  test("backends retain on delete, so no finalizer hangs on destroy", () => {
    const [tbc] = render("backends.yaml");
    expect(tbc).toMatchObject({ kind: "TridentBackendConfig", spec: { deletionPolicy: "retain", credentials: { type: "awsarn" } } });
  });
});
