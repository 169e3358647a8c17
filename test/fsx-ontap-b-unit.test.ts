/**
 * FsxOntap unit checks read from the construct tree (no synth): default client security group,
 * rule descriptions and order, egress, Multi-AZ route tables, file system security group and tags,
 * the transit gateway route guard, SVM order and the vsadmin password variable.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { FsxOntap, FsxOntapProps } from "../modules/fsx-ontap/fsx-ontap";
import { prodClusterAttributes, twoSubnetVpc } from "./helpers";

const routed = twoSubnetVpc({ routeTables: true });
const vpc = VpcRef.fromAttributes({
  ...routed,
  // Deliberately not in name order: the route tables must come out sorted by subnet name.
  subnets: { "app-b": routed.subnets["app-b"], "app-a": routed.subnets["app-a"] },
});
const clusterAttrs = prodClusterAttributes;
const cluster = ClusterRef.fromAttributes(clusterAttrs, vpc);
const hybridCluster = ClusterRef.fromAttributes({ ...clusterAttrs, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } }, vpc);

const singleAz: Partial<FsxOntapProps> = { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} } };
const multiAz: Partial<FsxOntapProps> = { deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24", svms: { svm1: {} } };
const tgw = { transitGatewayRouteTableId: "tgw-rtb-0123456789abcdef0", transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0" };

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "lib");
}
function build(props: Partial<FsxOntapProps>, stack = newStack()): FsxOntap {
  return new FsxOntap(stack, "fsx", { vpc, cluster, ...singleAz, ...props } as FsxOntapProps);
}
const ingressRules = (fsx: FsxOntap) => fsx.node.children.filter((c): c is VpcSecurityGroupIngressRule => c instanceof VpcSecurityGroupIngressRule);
const egressRules = (fsx: FsxOntap) => fsx.node.children.filter((c): c is VpcSecurityGroupEgressRule => c instanceof VpcSecurityGroupEgressRule);
const SG_ID = "${aws_security_group.fsx_security-group_71012A61.id}";

describe("FsxOntap security group rules", () => {
  test("without clientSecurityGroupIds the ports are opened from the cluster security group, keyed cluster-sg, with descriptions naming port and source", () => {
    const stack = newStack();
    const fsx = build({}, stack);
    expect(ingressRules(fsx).map((r) => [r.node.id, resolve(stack, r.securityGroupIdInput), r.ipProtocolInput, r.fromPortInput, r.toPortInput, r.referencedSecurityGroupIdInput, r.cidrIpv4Input, r.descriptionInput])).toEqual([
      ["tcp-111-from-cluster-sg", SG_ID, "tcp", 111, 111, "sg-0a1b2c3d4e5f60718", undefined, "NFS portmapper from cluster-sg"],
      ["udp-111-from-cluster-sg", SG_ID, "udp", 111, 111, "sg-0a1b2c3d4e5f60718", undefined, "NFS portmapper from cluster-sg"],
      ["tcp-635-from-cluster-sg", SG_ID, "tcp", 635, 635, "sg-0a1b2c3d4e5f60718", undefined, "NFS mountd from cluster-sg"],
      ["udp-635-from-cluster-sg", SG_ID, "udp", 635, 635, "sg-0a1b2c3d4e5f60718", undefined, "NFS mountd from cluster-sg"],
      ["tcp-2049-from-cluster-sg", SG_ID, "tcp", 2049, 2049, "sg-0a1b2c3d4e5f60718", undefined, "NFS from cluster-sg"],
      ["udp-2049-from-cluster-sg", SG_ID, "udp", 2049, 2049, "sg-0a1b2c3d4e5f60718", undefined, "NFS from cluster-sg"],
      ["tcp-4045-4046-from-cluster-sg", SG_ID, "tcp", 4045, 4046, "sg-0a1b2c3d4e5f60718", undefined, "NFS lock and status from cluster-sg"],
      ["udp-4045-4046-from-cluster-sg", SG_ID, "udp", 4045, 4046, "sg-0a1b2c3d4e5f60718", undefined, "NFS lock and status from cluster-sg"],
      ["udp-4049-from-cluster-sg", SG_ID, "udp", 4049, 4049, "sg-0a1b2c3d4e5f60718", undefined, "NFS quota from cluster-sg"],
      ["tcp-443-from-cluster-sg", SG_ID, "tcp", 443, 443, "sg-0a1b2c3d4e5f60718", undefined, "ONTAP management (Trident) from cluster-sg"],
    ]);
  });

  test("client security groups are ruled in key order whatever the order they were given in", () => {
    const fsx = build({ clientSecurityGroupIds: { "nodes-b": "sg-0000000000000000b", "nodes-c": "sg-0000000000000000c", "nodes-a": "sg-0000000000000000a" } });
    const nfs = ingressRules(fsx).filter((r) => r.ipProtocolInput === "tcp" && r.fromPortInput === 2049);
    expect(nfs.map((r) => [r.node.id, r.ipProtocolInput, r.fromPortInput, r.toPortInput, r.referencedSecurityGroupIdInput, r.cidrIpv4Input, r.descriptionInput])).toEqual([
      ["tcp-2049-from-nodes-a", "tcp", 2049, 2049, "sg-0000000000000000a", undefined, "NFS from nodes-a"],
      ["tcp-2049-from-nodes-b", "tcp", 2049, 2049, "sg-0000000000000000b", undefined, "NFS from nodes-b"],
      ["tcp-2049-from-nodes-c", "tcp", 2049, 2049, "sg-0000000000000000c", undefined, "NFS from nodes-c"],
    ]);
    expect(ingressRules(fsx)).toHaveLength(30);
  });

  test("egress: all protocols to the VPC CIDR only, described as replies and ONTAP-initiated traffic to clients", () => {
    const stack = newStack();
    const fsx = build({}, stack);
    expect(egressRules(fsx).map((r) => [r.node.id, resolve(stack, r.securityGroupIdInput), r.ipProtocolInput, r.fromPortInput, r.toPortInput, r.cidrIpv4Input, r.referencedSecurityGroupIdInput, r.descriptionInput])).toEqual([
      ["egress-to-10-40-0-0-16", SG_ID, "-1", undefined, undefined, "10.40.0.0/16", undefined, "Replies and ONTAP-initiated traffic to clients"],
    ]);
  });
});

describe("FsxOntap file system", () => {
  test("the file system is placed in exactly the created security group, encrypted with the created key, and named <cluster>-ontap", () => {
    const stack = newStack();
    const fsx = build({ tags: { team: "storage" } }, stack);
    expect(resolve(stack, fsx.fileSystem.securityGroupIdsInput)).toEqual([SG_ID]);
    expect(resolve(stack, fsx.fileSystem.kmsKeyIdInput)).toBe("${aws_kms_key.fsx_key_A9EEA3A3.arn}");
    expect(resolve(stack, fsx.fileSystem.tagsInput)).toEqual({ team: "storage", Name: "prod-ontap" });
  });

  test("Multi-AZ without routeTableSubnets: the route tables of every VPC subnet, in subnet-name order, each tagged for FSx", () => {
    const fsx = build({ ...multiAz });
    expect(fsx.fileSystem.routeTableIdsInput).toEqual(["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"]);
    const tags = fsx.node.children.filter((c): c is Ec2Tag => c instanceof Ec2Tag);
    expect(tags.map((t) => [t.node.id, t.resourceIdInput, t.keyInput, t.valueInput])).toEqual([
      ["route-table-tag-app-a", "rtb-0a1b2c3d4e5f60001", "AmazonFSx", "ManagedByAmazonFSx"],
      ["route-table-tag-app-b", "rtb-0a1b2c3d4e5f60002", "AmazonFSx", "ManagedByAmazonFSx"],
    ]);
  });
  test("Multi-AZ with a hand-built IVpcRef whose subnets are not in name order: route tables and their tag addresses follow subnet-name order", () => {
    // IVpcRef is a public interface; VpcRef.fromAttributes and Network sort their subnets, a hand-built one need not.
    const ownVpc: IVpcRef = {
      vpcId: "vpc-0a1b2c3d4e5f60718",
      vpcCidrs: ["10.40.0.0/16"],
      subnets: {
        "app-c": { name: "app-c", id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f6000c" },
        "app-b": { name: "app-b", id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f6000b" },
        "app-a": { name: "app-a", id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f6000c" },
      },
    };
    const fsx = build({ ...multiAz, vpc: ownVpc });
    expect(fsx.fileSystem.routeTableIdsInput).toEqual(["rtb-0a1b2c3d4e5f6000c", "rtb-0a1b2c3d4e5f6000b"]);
    const tags = fsx.node.children.filter((c): c is Ec2Tag => c instanceof Ec2Tag);
    expect(tags.map((t) => [t.node.id, t.resourceIdInput, t.keyInput, t.valueInput])).toEqual([
      ["route-table-tag-app-a", "rtb-0a1b2c3d4e5f6000c", "AmazonFSx", "ManagedByAmazonFSx"],
      ["route-table-tag-app-b", "rtb-0a1b2c3d4e5f6000b", "AmazonFSx", "ManagedByAmazonFSx"],
    ]);
  });

  test("Multi-AZ on subnets without a route table id is refused, naming each; routeTableSubnets naming only subnets with one is accepted", () => {
    // Subnets given without routeTableId (VpcRef attributes allow it) used to be skipped silently.
    const partly = VpcRef.fromAttributes({ ...routed, subnets: { "app-a": routed.subnets["app-a"], "app-b": twoSubnetVpc().subnets["app-b"] } });
    const onPartly = { ...multiAz, vpc: partly, cluster: ClusterRef.fromAttributes(clusterAttrs, partly) };
    expect(() => build(onPartly)).toThrow(
      "lib/fsx: 1 error\n  - vpc.subnets.app-b.routeTableId: is required: a Multi-AZ file system's floating endpoint IPs are routed in the route tables of fsxOntap.routeTableSubnets (default: every subnet of the VPC); clients in this subnet would not reach the file system; allowed: the subnet's route table id (rtb-...), or routeTableSubnets naming only subnets that have one",
    );
    expect(build({ ...onPartly, routeTableSubnets: ["app-a"] }).fileSystem.routeTableIdsInput).toEqual(["rtb-0a1b2c3d4e5f60001"]);
  });});

describe("FsxOntap transit gateway route to the endpoint range (FSX-NET-02)", () => {
  test("Multi-AZ in a hybrid cluster with route table and attachment: the endpoint range is routed to the attachment", () => {
    const fsx = build({ ...multiAz, cluster: hybridCluster, onPrem: { ...tgw } });
    expect(fsx.transitGatewayRoute).toBeDefined();
    expect([fsx.transitGatewayRoute!.destinationCidrBlockInput, fsx.transitGatewayRoute!.transitGatewayAttachmentIdInput, fsx.transitGatewayRoute!.transitGatewayRouteTableIdInput]).toEqual([
      "198.19.255.0/24",
      "tgw-attach-0123456789abcdef0",
      "tgw-rtb-0123456789abcdef0",
    ]);
  });

  test("Single-AZ in a hybrid cluster gets no transit gateway route even when route table and attachment are given", () => {
    const fsx = build({ cluster: hybridCluster, onPrem: { ...tgw } });
    expect(fsx.transitGatewayRoute).toBeUndefined();
  });

  test("Single-AZ in a hybrid cluster gets no transit gateway route when only the attachment is given", () => {
    const fsx = build({ cluster: hybridCluster, onPrem: { transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0" } });
    expect(fsx.transitGatewayRoute).toBeUndefined();
  });
});

describe("FsxOntap SVMs", () => {
  test("SVMs are created in name order whatever the order they were given in (variables, SVMs, backends)", () => {
    const fsx = build({ svms: { svm_b: {}, svm_c: {}, svm_a: {} } });
    expect(Object.keys(fsx.passwordVariables)).toEqual(["svm_a", "svm_b", "svm_c"]);
    expect(Object.keys(fsx.svms)).toEqual(["svm_a", "svm_b", "svm_c"]);
    expect(fsx.backends.map((b) => [b.name, b.driver, b.svm])).toEqual([
      ["svm-a-ontap-nas", "ontap-nas", "svm_a"],
      ["svm-b-ontap-nas", "ontap-nas", "svm_b"],
      ["svm-c-ontap-nas", "ontap-nas", "svm_c"],
    ]);
  });

  test("the vsadmin password variable is a sensitive string, described with its TF_VAR_ name, validated to 8-50 characters", () => {
    const fsx = build({ svms: { Data: {} } });
    const variable: TerraformVariable = fsx.passwordVariables.Data;
    expect(variable.toTerraform()).toEqual({
      variable: {
        fsx_data_vsadmin_password: {
          type: "string",
          sensitive: true,
          description: "vsadmin password of SVM Data (8-50 characters). Pass it as TF_VAR_fsx_data_vsadmin_password.",
          validation: [{ condition: "${length(var.fsx_data_vsadmin_password) >= 8 && length(var.fsx_data_vsadmin_password) <= 50}", error_message: "The vsadmin password must be 8-50 characters." }],
        },
      },
    });
  });
});
