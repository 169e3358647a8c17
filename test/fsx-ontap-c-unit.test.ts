/**
 * FsxOntap construct (modules/fsx-ontap/fsx-ontap.ts): deterministic volume and StorageClass order,
 * the first SVM by name as default backend, the vsadmin secret's name and description, the volume
 * type, the named outputs, and the file-system checks fed by contextFor (VPC CIDRs, on-prem CIDRs).
 */
import { TerraformStack, Testing } from "cdktf";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { FsxOntap, FsxOntapOptions } from "../modules/fsx-ontap/fsx-ontap";
import { Trident } from "../modules/trident/trident";
import { errorOf, fsxProdClusterAttributes, Json, twoSubnetVpc } from "./helpers";

const vpc = (): IVpcRef => VpcRef.fromAttributes(twoSubnetVpc({ routeTables: true }));

const clusterAttrs = fsxProdClusterAttributes;

/** Six pod CIDRs: with the node CIDR, 7 on-prem sources x 9 ports + 10 cloud rules = 73 > 60. */
const sixPodCidrs = ["10.100.0.0/16", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16", "10.104.0.0/16", "10.105.0.0/16"];
const hybridCluster = (): IClusterRef => ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: sixPodCidrs } });

const single: FsxOntapOptions = { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { apps: {} } };

const newStack = (): TerraformStack => new TerraformStack(Testing.app(), "lib");

// SVMs, volumes and StorageClasses given out of name order (c, a, b; web before apps).
const shaped = (() => {
  const stack = newStack();
  const cluster = ClusterRef.fromAttributes(clusterAttrs);
  const trident = new Trident(stack, "trident", { cluster });
  const fsx = new FsxOntap(stack, "files", {
    vpc: vpc(),
    cluster,
    trident,
    ...single,
    svms: {
      web: {},
      apps: { volumes: { logs: { junctionPath: "/logs", sizeGiB: 10 }, data: { junctionPath: "/data", sizeGiB: 10 }, home: { junctionPath: "/home", sizeGiB: 10 } } },
    },
    storageClasses: { silver: {}, bronze: { svm: "web" }, gold: {} },
  });
  return { fsx, json: JSON.parse(Testing.synth(stack)) as Json };
})();

describe("FsxOntap: deterministic order", () => {
  test("volumes are created in volume-name order, whatever order the options list them in", () => {
    expect(Object.keys(shaped.fsx.volumes)).toEqual(["apps/data", "apps/home", "apps/logs"]);
    expect(Object.values(shaped.json.resource.aws_fsx_ontap_volume as Record<string, Json>).map((v) => v.name)).toEqual(["data", "home", "logs"]);
  });

  test("StorageClasses are registered with Trident in name order, whatever order the options list them in", () => {
    expect(Object.keys(shaped.fsx.storageClasses)).toEqual(["bronze", "gold", "silver"]);
  });

  test("a StorageClass without svm is served by the SVM first by name, not the first one listed", () => {
    const pools = Object.values(shaped.json.resource.kubernetes_storage_class_v1 as Record<string, Json>).map((sc) => [sc.metadata.name, sc.parameters.storagePools]);
    expect(pools).toEqual([
      ["bronze", "web-ontap-nas:.*"],
      ["gold", "apps-ontap-nas:.*"],
      ["silver", "apps-ontap-nas:.*"],
    ]);
  });
});

describe("FsxOntap: resources and outputs", () => {
  test("volumes are read-write ONTAP volumes (ontap_volume_type RW)", () => {
    for (const v of Object.values(shaped.json.resource.aws_fsx_ontap_volume as Record<string, Json>)) expect(v.ontap_volume_type).toBe("RW");
  });

  test("each SVM's vsadmin secret has the name prefix fsx-ontap/<cluster>/<svm>/vsadmin-, a description naming the SVM, and a 7-day recovery window", () => {
    expect(shaped.json.resource.aws_secretsmanager_secret).toEqual({
      "files_vsadmin-secret-apps_2BA57C3B": {
        name_prefix: "fsx-ontap/prod/apps/vsadmin-",
        description: "vsadmin credentials of FSx for ONTAP SVM apps (used by Trident)",
        recovery_window_in_days: 7,
      },
      "files_vsadmin-secret-web_80E2A90C": {
        name_prefix: "fsx-ontap/prod/web/vsadmin-",
        description: "vsadmin credentials of FSx for ONTAP SVM web (used by Trident)",
        recovery_window_in_days: 7,
      },
    });
  });

  test("outputs: each SVM's NFS endpoint with a description, the file system id and the management DNS name, named after the construct path", () => {
    expect(shaped.json.output).toEqual({
      files_file_system_id: { value: "${aws_fsx_ontap_file_system.files_file-system_D290C744.id}" },
      files_management_dns: { value: "${aws_fsx_ontap_file_system.files_file-system_D290C744.endpoints[0].management[0].dns_name}" },
      files_svm_apps_nfs_dns: { description: "NFS endpoint of SVM apps", value: "${aws_fsx_ontap_storage_virtual_machine.files_svm-apps_7DB9EF55.endpoints[0].nfs[0].dns_name}" },
      files_svm_web_nfs_dns: { description: "NFS endpoint of SVM web", value: "${aws_fsx_ontap_storage_virtual_machine.files_svm-web_6D44A3D3.endpoints[0].nfs[0].dns_name}" },
    });
  });
});

describe("FsxOntap: file-system checks fed from the VPC and the cluster", () => {
  test("a Multi-AZ endpoint range overlapping the VPC's literal CIDR is refused", () => {
    const multi: FsxOntapOptions = { ...single, deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], throughputMibps: 384, endpointIpAddressRange: "10.40.255.0/24" };
    expect(errorOf(() => new FsxOntap(newStack(), "files", { vpc: vpc(), cluster: ClusterRef.fromAttributes(clusterAttrs), ...multi }))).toBe(
      "lib/files: 1 error\n" +
        '  - fsxOntap.endpointIpAddressRange: overlaps the VPC CIDR 10.40.0.0/16; got "10.40.255.0/24"; allowed: a range used nowhere else (e.g. in 198.19.0.0/16)',
    );
  });

  test("without onPrem, the security-group rule limit counts on-prem node CIDRs only, not the (unroutable) pod CIDRs", () => {
    const stack = newStack();
    // Would throw "needs 73 security group rules" if the pod CIDRs were counted.
    const fsx = new FsxOntap(stack, "files", { vpc: vpc(), cluster: hybridCluster(), ...single });
    const json = JSON.parse(Testing.synth(stack)) as Json;
    expect(fsx.config.onPrem).toBeUndefined();
    expect(Object.values(json.resource.aws_vpc_security_group_egress_rule as Record<string, Json>).map((r) => r.cidr_ipv4)).toEqual(["10.40.0.0/16", "192.168.100.0/23"]);
  });

  test("with onPrem.podCidrsRoutable, the pod CIDRs count toward the security-group rule limit (73 rules > 60 is refused)", () => {
    expect(errorOf(() => new FsxOntap(newStack(), "files", { vpc: vpc(), cluster: hybridCluster(), ...single, onPrem: { podCidrsRoutable: true } }))).toBe(
      "lib/files: 1 error\n" +
        "  - fsxOntap: needs 73 security group rules (ports x sources), more than the 60 AWS allows per group; got 73; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols",
    );
  });
});
