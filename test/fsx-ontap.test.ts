import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseEnvironment } from "../modules/config/load";
import { backendsChartDir } from "../modules/fsx-ontap/fsx-ontap";
import { fsxIngressPorts, renderBackendChartValues, renderTridentValues } from "../modules/fsx-ontap/render";
import { capacityBounds } from "../modules/fsx-ontap/validate";
import { vendorFile } from "./reference";
import { cloudEnvironment, configErrors, existingVpcEnvironment, hybridEnvironment, Json, onlyResource, patch, resources, synthEnvironment } from "./helpers";

const singleAz = { deploymentType: "SINGLE_AZ_1", subnets: ["private-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: { volumes: { data: { junctionPath: "/data", sizeGiB: 100 } } } } };
const multiAz = { deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24", svms: { svm1: {} } };
const withFsx = (fsx: unknown) => patch(cloudEnvironment(), { fsxOntap: fsx });

describe("FSx for ONTAP file system", () => {
  const json = synthEnvironment(withFsx(singleAz));

  test("single-AZ: one subnet, KMS key, backups on with retention, windows, protected from destroy", () => {
    expect(onlyResource(json, "aws_fsx_ontap_file_system")).toMatchObject({
      deployment_type: "SINGLE_AZ_1",
      subnet_ids: [expect.stringMatching(/aws_subnet\.network_subnet-private-a_/)],
      preferred_subnet_id: expect.stringMatching(/aws_subnet\.network_subnet-private-a_/),
      storage_capacity: 1024,
      throughput_capacity: 128,
      kms_key_id: expect.stringMatching(/aws_kms_key\.fsx-ontap_key_/),
      automatic_backup_retention_days: 7,
      daily_automatic_backup_start_time: "02:00",
      weekly_maintenance_start_time: "7:03:00",
      lifecycle: { prevent_destroy: true },
    });
    const fsx = onlyResource(json, "aws_fsx_ontap_file_system");
    expect(fsx.endpoint_ip_address_range).toBeUndefined();
    expect(fsx.route_table_ids).toBeUndefined();
  });

  test("SVM and volume keyed by name; password from a sensitive input; final backup kept", () => {
    const svm = onlyResource(json, "aws_fsx_ontap_storage_virtual_machine");
    expect(svm).toMatchObject({ name: "svm1", root_volume_security_style: "UNIX", svm_admin_password: "${var.fsx_svm1_vsadmin_password}", lifecycle: { prevent_destroy: true } });
    expect(json.variable.fsx_svm1_vsadmin_password).toMatchObject({ sensitive: true, type: "string" });
    expect(onlyResource(json, "aws_fsx_ontap_volume")).toMatchObject({
      name: "data",
      junction_path: "/data",
      size_in_bytes: "107374182400",
      storage_efficiency_enabled: true,
      tiering_policy: { name: "AUTO" },
      skip_final_backup: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(Object.keys(resources(json, "aws_fsx_ontap_volume"))[0]).toMatch(/^fsx-ontap_volume-svm1-data_/);
  });

  test("vsadmin credentials go to Secrets Manager write-only; no password literal anywhere (FSX-FS-07, GEN-04)", () => {
    expect(onlyResource(json, "aws_secretsmanager_secret_version")).toMatchObject({
      secret_string_wo: '${jsonencode({"username" = "vsadmin", "password" = var.fsx_svm1_vsadmin_password})}',
      secret_string_wo_version: 1,
    });
    expect(onlyResource(json, "aws_secretsmanager_secret_version").secret_string).toBeUndefined();
    expect(passwordLiterals(json)).toEqual([]);
  });

  test("the password-literal finder sees inside jsonencode and password arguments (a finder that cannot fail is a defect)", () => {
    const planted = (secret: string) => ({ resource: { x: { y: { secret_string_wo: secret } } } });
    expect(passwordLiterals(planted('${jsonencode({"username" = "vsadmin", "password" = "hunter22"})}'))).toEqual(["resource.x.y.secret_string_wo"]);
    expect(passwordLiterals(planted('{"username":"vsadmin","password":"hunter22"}'))).toEqual(["resource.x.y.secret_string_wo"]);
    expect(passwordLiterals({ resource: { svm: { a: { svm_admin_password: "hunter22" } } } })).toEqual(["resource.svm.a.svm_admin_password"]);
    expect(passwordLiterals(planted('${jsonencode({"username" = "vsadmin", "password" = var.p})}'))).toEqual([]);
  });

  test("the created KMS key keeps destroy protection like the data it guards", () => {
    expect(resources(json, "aws_kms_key")[Object.keys(resources(json, "aws_kms_key")).find((k) => k.startsWith("fsx-ontap_key_"))!]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test("security group: the documented NFS and management ports from the cluster group, explicit egress", () => {
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => String(r.security_group_id).includes("fsx-ontap"));
    expect(ingress.map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port}`).sort()).toEqual(
      ["tcp/111-111", "tcp/2049-2049", "tcp/4045-4046", "tcp/443-443", "tcp/635-635", "udp/111-111", "udp/2049-2049", "udp/4045-4046", "udp/4049-4049", "udp/635-635"].sort(),
    );
    for (const r of ingress) expect(r.referenced_security_group_id).toMatch(/cluster_security_group_id/);
    const egress = Object.values(resources(json, "aws_vpc_security_group_egress_rule")).filter((r) => String(r.security_group_id).includes("fsx-ontap"));
    // All protocols, but only to the client networks: ONTAP calls NFS clients back on ports they choose (NLM/NSM, NFSv4 callbacks).
    expect(egress).toEqual([expect.objectContaining({ ip_protocol: "-1", cidr_ipv4: "10.0.0.0/16" })]);
    expect(fsxIngressPorts({ san: true, smb: false, snapmirror: false })).toContainEqual({ protocol: "tcp", from: 3260, to: 3260, purpose: "iSCSI" });
  });

  test("SINGLE_AZ_2 sends HA pairs with per-pair throughput (FSX-FS-03)", () => {
    const j = synthEnvironment(withFsx({ ...singleAz, deploymentType: "SINGLE_AZ_2", throughputMibps: undefined, haPairs: 2, throughputPerHaPairMibps: 3072, storageCapacityGiB: 4096 }));
    const fsx = onlyResource(j, "aws_fsx_ontap_file_system");
    expect(fsx).toMatchObject({ ha_pairs: 2, throughput_capacity_per_ha_pair: 3072 });
    expect(fsx.throughput_capacity).toBeUndefined();
  });
});

describe("Trident", () => {
  const json = synthEnvironment(withFsx({ ...singleAz, trident: { san: true, volumeSnapshotClass: true, storageClasses: { nas: { default: true }, san: { backendType: "ontap-san" } } } }));
  const releases = resources(json, "helm_release");
  const operator = Object.values(releases).find((r) => r.chart === "trident-operator")!;
  const backends = Object.values(releases).find((r) => r.name === "trident-backends")!;

  test("operator from NetApp's chart repository, pinned, in namespace trident, controller and node plugin on cloud nodes", () => {
    expect(operator).toMatchObject({ repository: "https://netapp.github.io/trident-helm-chart", version: "100.2506.0", namespace: "trident", create_namespace: true });
    const values = JSON.parse(operator.values[0]);
    expect(values.tridentControllerPluginNodeSelector).toEqual({ "platform.eks-hybrid-storage/location": "cloud" });
    expect(values.tridentNodePluginNodeSelector).toEqual({ "platform.eks-hybrid-storage/location": "cloud" });
    expect(values.cloudIdentity).toBeUndefined();
  });

  test("IAM through EKS Pod Identity for trident-controller, scoped to this file system's ARNs (TRI-03, issue 10.5)", () => {
    expect(onlyResource(json, "aws_eks_pod_identity_association")).toMatchObject({ namespace: "trident", service_account: "trident-controller" });
    const policy = JSON.parse(onlyResource(json, "aws_iam_role_policy").policy);
    const fsId = "${aws_fsx_ontap_file_system.fsx-ontap_file-system_65EED72F.id}";
    const base = "arn:aws:fsx:eu-west-1:111122223333";
    expect(policy.Statement).toEqual([
      { Sid: "Describe", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
      { Sid: "Volumes", Effect: "Allow", Action: ["fsx:CreateVolume", "fsx:DeleteVolume", "fsx:UpdateVolume"], Resource: [`${base}:file-system/${fsId}`, `${base}:storage-virtual-machine/${fsId}/*`, `${base}:volume/${fsId}/*`] },
      { Sid: "RestoreFromSnapshot", Effect: "Allow", Action: "fsx:RestoreVolumeFromSnapshot", Resource: [`${base}:volume/${fsId}/*`, `${base}:snapshot/*`] },
      { Sid: "Tags", Effect: "Allow", Action: ["fsx:TagResource", "fsx:UntagResource"], Resource: [`${base}:volume/${fsId}/*`, `${base}:snapshot/*`] },
      { Sid: "SvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [expect.stringMatching(/^\$\{aws_secretsmanager_secret\.fsx-ontap_vsadmin-secret-svm1_\w+\.arn\}$/)] },
    ]);
    expect(operator.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_eks_pod_identity_association\./)]));
  });

  test("the Pod Identity trust has the confused-deputy conditions (issue 10.5)", () => {
    const role = Object.entries(resources(json, "aws_iam_role")).find(([k]) => k.startsWith("trident_role"))![1];
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Sid: "AllowEksPodIdentity",
        Condition: {
          StringEquals: {
          "aws:SourceAccount": "111122223333",
          "aws:RequestTag/eks-cluster-arn": "${aws_eks_cluster.cluster_A4C38409.arn}",
          "aws:RequestTag/kubernetes-namespace": "trident",
          "aws:RequestTag/kubernetes-service-account": "trident-controller",
        },
        },
      },
    ]);
  });

  test("SAN sets nodePrep [iscsi] (issue 9.2); backends and classes moved from their pre-split addresses", () => {
    expect(JSON.parse(operator.values[0]).nodePrep).toEqual(["iscsi"]);
    const moved = (json.moved ?? []) as { from: string; to: string }[];
    expect(moved).toEqual(
      expect.arrayContaining([
        { from: "helm_release.fsx-ontap_trident-operator_ABF29155", to: expect.stringMatching(/^helm_release\.trident_operator_/) },
        { from: "helm_release.fsx-ontap_trident-backends_BBD649DF", to: expect.stringMatching(/^helm_release\.trident_backends_/) },
      ]),
    );
  });

  test("IRSA sets cloudProvider and the quoted cloudIdentity annotation", () => {
    const j = synthEnvironment(withFsx({ ...singleAz, trident: { identity: "irsa", oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" } }));
    const values = JSON.parse(Object.values(resources(j, "helm_release")).find((r) => r.chart === "trident-operator")!.values[0]);
    expect(values.cloudProvider).toBe("AWS");
    expect(values.cloudIdentity).toMatch(/^'eks\.amazonaws\.com\/role-arn: \$\{aws_iam_role\.trident_role_\w+\.arn\}'$/);
    expect(resources(j, "aws_eks_pod_identity_association")).toEqual({});
    const role = Object.entries(resources(j, "aws_iam_role")).find(([k]) => k.includes("trident"))![1];
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:trident:trident-controller",
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
    });
  });

  test("backends come from the repo's chart, as a cdktf asset, after the operator and the SVMs", () => {
    expect(backends.chart).toMatch(/^assets\/trident_backends-chart_\w+\/[0-9A-F]+$/);
    expect(backends.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.trident_operator_/), expect.stringMatching(/^aws_fsx_ontap_storage_virtual_machine\.fsx-ontap_svm-svm1_/)]));
    expect(JSON.parse(backends.values[0])).toEqual({
      backends: [
        // TRI-05: the secret's ARN (awsarn), not its name or id.
        { name: "svm1-ontap-nas", driver: "ontap-nas", svm: "svm1", fileSystemId: expect.stringMatching(/^\$\{aws_fsx_ontap_file_system\.[\w-]+\.id\}$/), credentialsSecretArn: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.[\w-]+\.arn\}$/) },
        { name: "svm1-ontap-san", driver: "ontap-san", svm: "svm1", fileSystemId: expect.any(String), credentialsSecretArn: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.[\w-]+\.arn\}$/) },
      ],
      volumeSnapshotClass: { enabled: true, name: "trident-snapshots" },
      wait: { image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: 900 },
    });
    expect(Object.values(resources(json, "aws_eks_addon")).map((a) => a.addon_name)).toContain("snapshot-controller");
  });

  test("StorageClasses: csi.trident.netapp.io with backendType, bound to the SVM's backend", () => {
    const scs = Object.values(resources(json, "kubernetes_storage_class_v1"));
    expect(scs.map((s) => [s.metadata.name, s.storage_provisioner, s.parameters.backendType, s.parameters.storagePools])).toEqual([
      ["nas", "csi.trident.netapp.io", "ontap-nas", "svm1-ontap-nas:.*"],
      ["san", "csi.trident.netapp.io", "ontap-san", "svm1-ontap-san:.*"],
    ]);
    expect(scs[1].parameters["csi.storage.k8s.io/fstype"]).toBe("ext4");
  });

  test("the backends chart renders TridentBackendConfigs with awsarn credentials", () => {
    const template = fs.readFileSync(path.join(backendsChartDir(), "templates", "backends.yaml"), "utf8");
    for (const key of ["kind: TridentBackendConfig", "storageDriverName: {{ .driver }}", "fsxFilesystemID: {{ .fileSystemId }}", "type: awsarn", "name: {{ .credentialsSecretArn }}"]) expect(template).toContain(key);
    const chartValues = parse(fs.readFileSync(path.join(backendsChartDir(), "values.yaml"), "utf8"));
    expect(Object.keys(chartValues).sort()).toEqual(Object.keys(renderBackendChartValues({ backends: [] })).sort());
  });

  test("every value key we set exists in the trident-operator chart's values.yaml (Helm ignores unknown keys)", () => {
    const reference = vendorFile("charts", "trident-operator", "100.2506.0", "values.yaml");
    const values = renderTridentValues({
      identity: "irsa",
      roleArn: "arn",
      controllerNodeSelector: { a: "b" },
      nodePluginNodeSelector: { a: "b" },
      nodePluginTolerations: [{ key: "k", operator: "Exists" }],
      nodePrep: ["iscsi"],
    });
    const notes = vendorFile("charts", "trident-operator", "100.2506.0", "NOTES.md");
    for (const key of Object.keys(values)) {
      // nodePrep is read by templates/tridentorchestrator.yaml but absent from values.yaml at this tag (NOTES.md).
      if (key === "nodePrep") expect(notes).toContain("{{- if .Values.nodePrep }}\n  nodePrep: {{- range .Values.nodePrep }}");
      else expect(reference).toMatch(new RegExp(`^#?\\s*${key}\\s*:`, "m"));
    }
  });

});

describe("FSx in the hybrid layout", () => {
  const env = (layout: "hybrid" | "cloud-only") => patch(hybridEnvironment({ layout }), { fsxOntap: multiAz });
  const hybrid = synthEnvironment(env("hybrid"));
  const cloud = synthEnvironment(env("cloud-only"));

  test("Multi-AZ: explicit endpoint range, route tables of the private subnets tagged for FSx", () => {
    expect(onlyResource(hybrid, "aws_fsx_ontap_file_system")).toMatchObject({
      endpoint_ip_address_range: "198.19.255.0/24",
      route_table_ids: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"],
    });
    expect(Object.values(resources(hybrid, "aws_ec2_tag")).map((t) => [t.resource_id, t.key, t.value])).toEqual([
      ["rtb-0a1b2c3d4e5f60001", "AmazonFSx", "ManagedByAmazonFSx"],
      ["rtb-0a1b2c3d4e5f60002", "AmazonFSx", "ManagedByAmazonFSx"],
    ]);
  });

  test("routes the endpoint range from the transit gateway to the VPC attachment and advertises it over Direct Connect", () => {
    const routes = Object.values(resources(hybrid, "aws_ec2_transit_gateway_route")).filter((r) => r.destination_cidr_block === "198.19.255.0/24");
    expect(routes).toEqual([expect.objectContaining({ transit_gateway_attachment_id: expect.stringMatching(/aws_ec2_transit_gateway_vpc_attachment\./) })]);
    const dx = synthEnvironment(patch(env("hybrid"), { hybrid: { connectivity: { directConnect: {} } } }));
    expect(onlyResource(dx, "aws_dx_gateway_association").allowed_prefixes).toEqual(["10.40.0.0/16", "198.19.255.0/24"]);
  });

  test("adds on-prem ingress for each remote CIDR", () => {
    const onPrem = Object.values(resources(hybrid, "aws_vpc_security_group_ingress_rule")).filter((r) => String(r.security_group_id).includes("fsx-ontap") && r.cidr_ipv4);
    expect(new Set(onPrem.map((r) => r.cidr_ipv4))).toEqual(new Set(["192.168.100.0/23", "192.168.128.0/18"]));
  });

  test("file system, SVMs and volumes keep their addresses and attributes across the switch", () => {
    for (const type of ["aws_fsx_ontap_file_system", "aws_fsx_ontap_storage_virtual_machine", "aws_fsx_ontap_volume"]) {
      expect(resources(hybrid, type)).toEqual(resources(cloud, type));
    }
    const fsxGroup = (j: Json) => Object.entries(resources(j, "aws_security_group")).filter(([k]) => k.startsWith("fsx-ontap_"));
    expect(fsxGroup(hybrid)).toEqual(fsxGroup(cloud));
  });

  test("a created VPC tags its own route tables instead of aws_ec2_tag", () => {
    const j = synthEnvironment(withFsx({ ...multiAz, subnets: ["private-a", "private-b"] }));
    expect(resources(j, "aws_ec2_tag")).toEqual({});
    for (const rt of Object.values(resources(j, "aws_route_table"))) expect(rt.tags.AmazonFSx).toBe("ManagedByAmazonFSx");
  });
});

describe("FSx validation", () => {
  const errorsOf = (fsx: unknown) => configErrors(() => parseEnvironment(withFsx(fsx), "e"));

  test("wrong subnet count, subnets in one AZ, preferred subnet not among them", () => {
    expect(errorsOf({ ...singleAz, subnets: ["private-a", "private-b"] })[0]).toBe('fsxOntap.subnets: must list 1 subnet for SINGLE_AZ_1; got ["private-a","private-b"]; allowed: one subnet');
    const oneAz = patch(withFsx({ ...multiAz, subnets: ["private-a", "private-c"] }), { network: { privateSubnets: { "private-c": { availabilityZone: "eu-west-1a", cidr: "10.0.64.0/19" } } } });
    expect(configErrors(() => parseEnvironment(oneAz, "e"))).toContainEqual(
      'fsxOntap.subnets: puts both file servers in eu-west-1a; Multi-AZ needs two availability zones; got ["private-a","private-c"]; allowed: two subnets in different availability zones',
    );
    expect(errorsOf({ ...singleAz, preferredSubnet: "private-b" })).toEqual(['fsxOntap.preferredSubnet: is not one of subnets; got "private-b"; allowed: private-a']);
  });

  test("throughput not allowed for the type", () => {
    expect(errorsOf({ ...singleAz, throughputMibps: 384 })).toEqual(["fsxOntap.throughputMibps: is not a throughput SINGLE_AZ_1 offers; got 384; allowed: 128, 256, 512, 1024, 2048, 4096"]);
    expect(errorsOf({ ...singleAz, deploymentType: "SINGLE_AZ_2", throughputMibps: undefined, throughputPerHaPairMibps: 768 })).toEqual([
      "fsxOntap.throughputPerHaPairMibps: is not a throughput SINGLE_AZ_2 offers; got 768; allowed: 1536, 3072, 6144",
    ]);
    expect(errorsOf({ ...singleAz, deploymentType: "SINGLE_AZ_2" })).toEqual([
      "fsxOntap.throughputMibps: does not apply to SINGLE_AZ_2, which takes throughput per HA pair; got 128; allowed: throughputPerHaPairMibps with haPairs",
      "fsxOntap.throughputPerHaPairMibps: is required for SINGLE_AZ_2; got nothing; allowed: 1536, 3072, 6144",
    ]);
  });

  test("MULTI_AZ_2 allows up to 524288 GiB, the Gen1 types 196608 (FSX-FS-04)", () => {
    expect(capacityBounds("MULTI_AZ_2", 1)).toEqual([1024, 524288]);
    expect(capacityBounds("MULTI_AZ_1", 1)).toEqual([1024, 196608]);
    expect(capacityBounds("SINGLE_AZ_2", 3)).toEqual([3072, 1048576]);
    const env = (capacity: number) => patch(existingVpcEnvironment(), { fsxOntap: { ...multiAz, storageCapacityGiB: capacity } });
    expect(() => parseEnvironment(env(524288), "e")).not.toThrow();
    expect(configErrors(() => parseEnvironment(env(524289), "e"))).toEqual(["fsxOntap.storageCapacityGiB: is outside what MULTI_AZ_2 allows; got 524289; allowed: 1024-524288"]);
  });

  test("SVM names that collide once lowercased are refused (issue 10.9)", () => {
    expect(errorsOf({ ...singleAz, svms: { Data: {}, data: {} } })).toEqual([
      'fsxOntap.svms.data: collides with SVM Data: both derive the password variable fsx_data_vsadmin_password and backend data-ontap-nas; got "data"; allowed: SVM names that differ in more than case and \'_\'/\'-\'',
    ]);
  });

  test("HA pairs on the wrong type, capacity out of bounds", () => {
    expect(errorsOf({ ...singleAz, haPairs: 2 })).toEqual(["fsxOntap.haPairs: must be 1 for SINGLE_AZ_1; more HA pairs need SINGLE_AZ_2; got 2; allowed: 1, or deploymentType SINGLE_AZ_2"]);
    expect(errorsOf({ ...singleAz, storageCapacityGiB: 200000 })).toEqual(["fsxOntap.storageCapacityGiB: is outside what SINGLE_AZ_1 allows; got 200000; allowed: 1024-196608"]);
    expect(errorsOf({ ...singleAz, deploymentType: "SINGLE_AZ_2", throughputMibps: undefined, haPairs: 3, throughputPerHaPairMibps: 1536, storageCapacityGiB: 2048 })).toEqual([
      "fsxOntap.storageCapacityGiB: is outside what SINGLE_AZ_2 with 3 HA pair(s) allows; got 2048; allowed: 3072-1048576",
    ]);
  });

  test("Multi-AZ-only fields on Single-AZ", () => {
    expect(errorsOf({ ...singleAz, endpointIpAddressRange: "198.19.0.0/24", routeTableSubnets: ["private-a"] })).toEqual([
      'fsxOntap.endpointIpAddressRange: only applies to Multi-AZ, not SINGLE_AZ_1; got "198.19.0.0/24"; allowed: remove it',
      'fsxOntap.routeTableSubnets: only applies to Multi-AZ, not SINGLE_AZ_1; got ["private-a"]; allowed: remove it',
    ]);
  });

  test("Multi-AZ in the hybrid layout without a transit gateway, or without an endpoint range", () => {
    const vgw = patch(hybridEnvironment(), { hybrid: { connectivity: { gateway: { type: "virtual-private-gateway" } } }, fsxOntap: multiAz });
    expect(configErrors(() => parseEnvironment(vgw, "e"))).toEqual([
      'fsxOntap.deploymentType: MULTI_AZ_2 is reachable from on-prem only through a transit gateway (FSX-NET-02), but hybrid.connectivity.gateway.type is virtual-private-gateway; got "MULTI_AZ_2"; allowed: hybrid.connectivity.gateway.type: transit-gateway, or a SINGLE_AZ deployment type',
    ]);
    const noRange = patch(hybridEnvironment(), { fsxOntap: { ...multiAz, endpointIpAddressRange: undefined } });
    expect(configErrors(() => parseEnvironment(noRange, "e"))[0]).toMatch(/^fsxOntap\.endpointIpAddressRange: must be set in the hybrid layout/);
    const overlap = patch(hybridEnvironment(), { fsxOntap: { ...multiAz, endpointIpAddressRange: "10.40.255.0/24" } });
    expect(configErrors(() => parseEnvironment(overlap, "e"))[0]).toMatch(/^fsxOntap\.endpointIpAddressRange: overlaps the VPC CIDR 10\.40\.0\.0\/16/);
  });

  test("a single-AZ file system in the hybrid layout needs no transit gateway", () => {
    const env = patch(hybridEnvironment(), { hybrid: { connectivity: { gateway: { type: "virtual-private-gateway" } } }, fsxOntap: { ...singleAz, subnets: ["app-a"] } });
    expect(() => parseEnvironment(env, "e")).not.toThrow();
  });

  test("a junction path without '/' and a junction path used twice", () => {
    expect(errorsOf({ ...singleAz, svms: { svm1: { volumes: { data: { junctionPath: "data", sizeGiB: 1 }, logs: { junctionPath: "data", sizeGiB: 1 } } } } })).toEqual([
      'fsxOntap.svms.svm1.volumes.data.junctionPath: must start with \'/\'; got "data"; allowed: e.g. /data',
      'fsxOntap.svms.svm1.volumes.logs.junctionPath: must start with \'/\'; got "data"; allowed: e.g. /logs',
      'fsxOntap.svms.svm1.volumes.logs.junctionPath: is already the junction path of volume data; got "data"; allowed: a distinct path per volume',
    ]);
  });

  test("names ONTAP would refuse", () => {
    expect(errorsOf({ ...singleAz, svms: { svm1: { volumes: { "my-data": { junctionPath: "/d", sizeGiB: 1 } } } } })[0]).toMatch(/^fsxOntap\.svms\.svm1\.volumes\.my-data: is not a valid name: must be an ONTAP volume name/);
  });

  test("StorageClasses that name a missing SVM or a SAN backend that does not exist; IRSA without OIDC", () => {
    expect(errorsOf({ ...singleAz, trident: { identity: "irsa", storageClasses: { x: { svm: "nope", backendType: "ontap-san" } } } })).toEqual([
      "fsxOntap.trident.oidcProviderArn: is required when identity is irsa; got nothing; allowed: the cluster's IAM OIDC provider ARN",
      'fsxOntap.trident.storageClasses.x.svm: names no SVM of fsxOntap.svms; got "nope"; allowed: svm1',
      'fsxOntap.trident.storageClasses.x.backendType: is ontap-san but fsxOntap.trident.san is false, so no SAN backend exists; got "ontap-san"; allowed: ontap-nas, or set fsxOntap.trident.san: true',
    ]);
  });

  test("more security group rules than AWS allows", () => {
    const cidrs = Array.from({ length: 6 }, (_, i) => `192.168.${i * 2}.0/23`);
    const env = patch(hybridEnvironment(), { hybrid: { remoteNodeCidrs: cidrs }, fsxOntap: { ...singleAz, subnets: ["app-a"] } });
    // 10 ports from the cluster group + 7 on-prem CIDRs (6 node, 1 pod) x 9 ports (no 443 from on-prem unless asked).
    expect(configErrors(() => parseEnvironment(env, "e"))[0]).toMatch(/^fsxOntap: needs 73 security group rules \(ports x sources\), more than the 60 AWS allows per group/);
  });

  test("an existing VPC multi-AZ in cloud-only warns when the endpoint range is left to FSx", () => {
    const { warnings } = parseEnvironment(patch(existingVpcEnvironment(), { fsxOntap: { ...multiAz, endpointIpAddressRange: undefined } }), "e");
    expect(warnings.map((w) => w.path)).toEqual(["fsxOntap.endpointIpAddressRange"]);
  });
});

/** Paths of strings that put a literal where a password belongs: `password` keys in JSON or HCL maps, and *_password arguments. */
function passwordLiterals(json: unknown): string[] {
  const found: string[] = [];
  const literalInMap = /"password"\s*[:=]\s*"/i;
  const walk = (v: unknown, p: string, key: string) => {
    if (typeof v === "string") {
      if (literalInMap.test(v)) found.push(p);
      else if (/password$/i.test(key) && !/^\$\{var\.[a-z0-9_]+\}$/.test(v)) found.push(p);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k, k);
  };
  walk(json, "", "");
  return found;
}
