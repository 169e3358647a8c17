import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { markValidated } from "../modules/core/validation";
import { FsxOntapOptionsSchema } from "../modules/fsx-ontap/config";
import { FsxOntap, FsxOntapOptions, FsxOntapProps } from "../modules/fsx-ontap/fsx-ontap";
import { Trident } from "../modules/trident/trident";
import { fsxProdClusterAttributes, Json, onlyResource, resources, twoSubnetVpc } from "./helpers";

const vpc = (): IVpcRef => VpcRef.fromAttributes(twoSubnetVpc({ routeTables: true }));
/** Security group sg-0a1b2c3d4e5f60001: the rules below name it. */
const clusterAttrs = fsxProdClusterAttributes;
const cloudCluster = (name = "prod"): IClusterRef => ClusterRef.fromAttributes({ ...clusterAttrs, name });
const hybridCluster = (): IClusterRef => ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } });
const single: FsxOntapOptions = { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { apps: {} } };
/** Five on-prem networks: 10 cloud rules + 5 x 9 on-prem rules = 55 without SAN, 11 + 5 x 10 = 61 with SAN (limit 60). */
const fiveOnPremCidrs = ["192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24", "192.168.3.0/24", "192.168.4.0/24"];

const newStack = () => new TerraformStack(Testing.app(), "lib");

function synth(build: (stack: TerraformStack) => void): Json {
  const stack = newStack();
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The message of the error `build` throws while constructing (no synth). */
function errorOf(build: (stack: TerraformStack) => void): string {
  try {
    build(newStack());
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("FsxOntap construct: cross-field checks", () => {
  test("onPrem on a cloud cluster is refused with the full message, got (set) and the fix", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, onPrem: { podCidrsRoutable: true } }))).toBe(
      "lib/files: 1 error\n  - fsxOntap.onPrem: applies only to a hybrid cluster, but cluster.remoteNetworks is not set; got \"(set)\"; allowed: remove onPrem, or give the cluster its remote networks",
    );
  });

  test("a Trident of another cluster is refused: got its cluster name, allowed this cluster's name", () => {
    expect(
      errorOf((s) => {
        const trident = new Trident(s, "trident", { cluster: cloudCluster("staging") });
        new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster("prod"), trident, ...single });
      }),
    ).toBe('lib/files: 1 error\n  - fsxOntap.trident: belongs to another cluster; got "staging"; allowed: prod');
  });

  test("a Trident of the same cluster is accepted", () => {
    const stack = newStack();
    const cluster = cloudCluster("prod");
    const trident = new Trident(stack, "trident", { cluster });
    const fsx = new FsxOntap(stack, "files", { vpc: vpc(), cluster, trident, ...single });
    expect(fsx.backends.map((b) => b.name)).toEqual(["apps-ontap-nas"]);
  });

  test("with trident, a StorageClass naming an unknown SVM is refused under fsxOntap.storageClasses, listing fsxOntap.svms", () => {
    expect(
      errorOf((s) => {
        const cluster = cloudCluster();
        const trident = new Trident(s, "trident", { cluster });
        new FsxOntap(s, "files", { vpc: vpc(), cluster, trident, ...single, storageClasses: { fast: { svm: "nope" } } });
      }),
    ).toBe('lib/files: 1 error\n  - fsxOntap.storageClasses.fast.svm: names no SVM of fsxOntap.svms; got "nope"; allowed: apps');
  });

  test("with trident, an ontap-san StorageClass without san is refused, pointing at fsxOntap.san", () => {
    expect(
      errorOf((s) => {
        const cluster = cloudCluster();
        const trident = new Trident(s, "trident", { cluster });
        new FsxOntap(s, "files", { vpc: vpc(), cluster, trident, ...single, storageClasses: { block: { backendType: "ontap-san" } } });
      }),
    ).toBe('lib/files: 1 error\n  - fsxOntap.storageClasses.block.backendType: is ontap-san but fsxOntap.san is false, so no SAN backend exists; got "ontap-san"; allowed: ontap-nas, or set fsxOntap.san: true');
  });

  test("without trident, storageClasses get only the needs-trident error, not the class checks", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, storageClasses: { fast: { svm: "nope" } } }))).toBe(
      'lib/files: 1 error\n  - fsxOntap.storageClasses: needs `trident` to register with; got ["fast"]; allowed: pass trident, or remove storageClasses',
    );
  });
});

describe("FsxOntap construct: security group rule budget counts the iSCSI port only with trident and san", () => {
  test("trident with san and five on-prem CIDRs needs 61 rules: refused", () => {
    expect(
      errorOf((s) => {
        const cluster = hybridCluster();
        const trident = new Trident(s, "trident", { cluster });
        new FsxOntap(s, "files", { vpc: vpc(), cluster, trident, ...single, san: true, onPrem: { cidrs: fiveOnPremCidrs } });
      }),
    ).toBe("lib/files: 1 error\n  - fsxOntap: needs 61 security group rules (ports x sources), more than the 60 AWS allows per group; got 61; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols");
  });

  test("trident without san and five on-prem CIDRs needs 55 rules: accepted, 55 ingress rules created", () => {
    const stack = newStack();
    const cluster = hybridCluster();
    const trident = new Trident(stack, "trident", { cluster });
    new FsxOntap(stack, "files", { vpc: vpc(), cluster, trident, ...single, onPrem: { cidrs: fiveOnPremCidrs } });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(resources(json, "aws_vpc_security_group_ingress_rule"))).toHaveLength(55);
  });

  // Found by the mutation review: the budget counted the cloud ports once, but every client security
  // group gets all of them (65 rules synthesized, refused by AWS at apply).
  test("two client security groups each count every cloud port: with five on-prem CIDRs 65 rules are refused", () => {
    expect(
      errorOf((s) =>
        new FsxOntap(s, "files", { vpc: vpc(), cluster: hybridCluster(), ...single, onPrem: { cidrs: fiveOnPremCidrs }, clientSecurityGroupIds: { nodes: "sg-0a1b2c3d4e5f60011", tools: "sg-0a1b2c3d4e5f60012" } }),
      ),
    ).toBe("lib/files: 1 error\n  - fsxOntap: needs 65 security group rules (ports x sources), more than the 60 AWS allows per group; got 65; allowed: fewer on-prem CIDRs (summarize them) or fewer protocols");
  });

  test("an empty clientSecurityGroupIds is refused: no cloud node could reach the file system", () => {
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, clientSecurityGroupIds: {} }))).toBe(
      "lib/files: 1 error\n  - fsxOntap.clientSecurityGroupIds: must name at least one security group; got {}; allowed: leave it out for the cluster security group",
    );
  });

  test("two client security groups and four on-prem CIDRs need 56 rules: accepted, 56 ingress rules created", () => {
    const stack = newStack();
    new FsxOntap(stack, "files", { vpc: vpc(), cluster: hybridCluster(), ...single, onPrem: { cidrs: fiveOnPremCidrs.slice(0, 4) }, clientSecurityGroupIds: { nodes: "sg-0a1b2c3d4e5f60011", tools: "sg-0a1b2c3d4e5f60012" } });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(resources(json, "aws_vpc_security_group_ingress_rule"))).toHaveLength(56);
  });

  test("no trident and five on-prem CIDRs needs 55 rules: accepted", () => {
    const stack = newStack();
    const fsx = new FsxOntap(stack, "files", { vpc: vpc(), cluster: hybridCluster(), ...single, onPrem: { cidrs: fiveOnPremCidrs } });
    expect(fsx.backends.map((b) => b.driver)).toEqual(["ontap-nas"]);
  });
});

describe("FsxOntap construct: validated props and tokens", () => {
  test("validated props are trusted: the construct does not run the file-system checks again", () => {
    // A throughput SINGLE_AZ_1 does not offer: refused when validated here, kept when marked validated.
    const options = FsxOntapOptionsSchema.parse({ ...single, throughputMibps: 100 });
    expect(errorOf((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, throughputMibps: 100 }))).toBe(
      "lib/files: 1 error\n  - fsxOntap.throughputMibps: is not a throughput SINGLE_AZ_1 offers; got 100; allowed: 128, 256, 512, 1024, 2048, 4096",
    );
    const json = synth((s) => new FsxOntap(s, "files", markValidated({ ...options, storageClasses: undefined, vpc: vpc(), cluster: cloudCluster() } as FsxOntapProps)));
    expect(onlyResource(json, "aws_fsx_ontap_file_system").throughput_capacity).toBe(100);
  });

  test("a kmsKeyArn given as a cdktf token is accepted and reaches the file system's kms_key_id", () => {
    const json = synth((s) => {
      const arn = new TerraformVariable(s, "kms_key_arn", { type: "string" }).stringValue;
      new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, kmsKeyArn: arn });
    });
    expect(onlyResource(json, "aws_fsx_ontap_file_system").kms_key_id).toBe("${var.kms_key_arn}");
    expect(resources(json, "aws_kms_key")).toEqual({});
  });

  test("a literal kmsKeyArn is the file system's kms_key_id and the exposed kmsKeyArn", () => {
    let fsx: FsxOntap | undefined;
    const json = synth((s) => {
      fsx = new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    });
    expect(onlyResource(json, "aws_fsx_ontap_file_system").kms_key_id).toBe("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    expect(fsx!.kmsKeyArn).toBe("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    expect(fsx!.kmsKey).toBeUndefined();
  });

  test("a construct re-created at the same path (after tryRemoveChild) does not collide with its own password variable", () => {
    const stack = newStack();
    new FsxOntap(stack, "files", { vpc: vpc(), cluster: cloudCluster(), ...single });
    expect(stack.node.tryRemoveChild("files")).toBe(true);
    const again = new FsxOntap(stack, "files", { vpc: vpc(), cluster: cloudCluster(), ...single });
    expect(Object.keys(again.passwordVariables)).toEqual(["apps"]);
  });
});

describe("FsxOntap construct: security group and created KMS key", () => {
  const json = synth((s) => new FsxOntap(s, "files", { vpc: vpc(), cluster: cloudCluster(), ...single, tags: { team: "storage" } }));

  test("without kmsKeyArn a key is created: rotation on, 30-day deletion window, destroy-protected, used by the file system", () => {
    expect(resources(json, "aws_kms_key")).toEqual({
      "files_key_DD190255": { description: "FSx for ONTAP prod", enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true }, tags: { team: "storage" } },
    });
    expect(onlyResource(json, "aws_fsx_ontap_file_system").kms_key_id).toBe("${aws_kms_key.files_key_DD190255.arn}");
  });

  test("security group: name prefix, description, Name tag, VPC, created before destroyed", () => {
    expect(onlyResource(json, "aws_security_group")).toEqual({
      name_prefix: "prod-fsx-ontap-",
      description: "FSx for ONTAP: NFS/iSCSI/management from EKS nodes",
      vpc_id: "vpc-0a1b2c3d4e5f60718",
      tags: { team: "storage", Name: "prod-fsx-ontap" },
      lifecycle: { create_before_destroy: true },
    });
  });

  test("ingress: exactly the NFS and management ports, only from the cluster security group", () => {
    const sg = "${aws_security_group.files_security-group_DC816203.id}";
    expect(Object.values(resources(json, "aws_vpc_security_group_ingress_rule"))).toEqual([
      { security_group_id: sg, ip_protocol: "tcp", from_port: 111, to_port: 111, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS portmapper from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "tcp", from_port: 2049, to_port: 2049, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "tcp", from_port: 4045, to_port: 4046, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS lock and status from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "tcp", from_port: 443, to_port: 443, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "ONTAP management (Trident) from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "tcp", from_port: 635, to_port: 635, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS mountd from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "udp", from_port: 111, to_port: 111, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS portmapper from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "udp", from_port: 2049, to_port: 2049, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "udp", from_port: 4045, to_port: 4046, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS lock and status from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "udp", from_port: 4049, to_port: 4049, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS quota from cluster-sg", tags: { team: "storage" } },
      { security_group_id: sg, ip_protocol: "udp", from_port: 635, to_port: 635, referenced_security_group_id: "sg-0a1b2c3d4e5f60001", description: "NFS mountd from cluster-sg", tags: { team: "storage" } },
    ]);
  });

  test("egress: all protocols, only to the VPC CIDR", () => {
    expect(Object.values(resources(json, "aws_vpc_security_group_egress_rule"))).toEqual([
      { security_group_id: "${aws_security_group.files_security-group_DC816203.id}", ip_protocol: "-1", cidr_ipv4: "10.40.0.0/16", description: "Replies and ONTAP-initiated traffic to clients", tags: { team: "storage" } },
    ]);
  });
});
