/**
 * Rules of the project's AWS rule book (IDs as cited in the code) that hold by construction and had
 * no test naming them: the provider versions the checks are written against, node security groups,
 * the AMI the nodegroups run, the pod networks of hybrid clusters, and routes back to on-prem from
 * storage subnets that are not the cluster's.
 */
import { cloudEnvironment, configErrors, hybridEnvironment, Json, patch, resources, synthEnvironment } from "./helpers";
import { parseEnvironment } from "../modules/config/load";

const everything = patch(hybridEnvironment(), {
  instanceStore: { nodegroups: { fast: { instanceTypes: ["i4i.large"], diskSetup: { method: "script", layout: "per-disk" } } } },
  fsxOntap: { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { apps: {} } },
  efs: {},
});
const json: Json = synthEnvironment(everything);

test("GEN-01, HYB-CL-04: providers are pinned to exact versions; aws 6.25.0 (remote networks change in place from 6.11)", () => {
  expect(json.terraform.required_providers).toEqual({
    aws: { source: "aws", version: "6.25.0" },
    helm: { source: "helm", version: "3.1.1" },
    kubernetes: { source: "kubernetes", version: "2.38.0" },
  });
});

test("GEN-05: launch templates name no security group (nodes get the EKS cluster group and its egress); egress rules exist only where the library's groups start traffic", () => {
  const templates = Object.values(resources(json, "aws_launch_template"));
  expect(templates).toHaveLength(2);
  for (const lt of templates) {
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.security_group_names).toBeUndefined();
    expect(lt.network_interfaces).toBeUndefined();
  }
  for (const sg of Object.values(resources(json, "aws_security_group"))) {
    expect([sg.ingress, sg.egress]).toEqual([undefined, undefined]); // rules are separate resources
  }
  // Only the control plane (to kubelet and webhooks on hybrid nodes) and FSx (to its clients) start traffic.
  const egress = Object.values(resources(json, "aws_vpc_security_group_egress_rule")).map((r) => [r.security_group_id, r.ip_protocol, r.from_port ?? null, r.to_port ?? null, r.cidr_ipv4, r.description]);
  const cp = "${aws_security_group.cluster_control-plane-sg_2610208F.id}";
  const fsx = "${aws_security_group.fsx-ontap_security-group_FE692349.id}";
  expect(egress.sort()).toEqual([
    [cp, "tcp", 10250, 10250, "192.168.100.0/23", "kubelet on hybrid nodes"],
    [cp, "tcp", 10250, 10250, "192.168.128.0/18", "webhooks on hybrid pods"],
    [cp, "tcp", 443, 443, "192.168.128.0/18", "webhooks on hybrid pods"],
    [cp, "tcp", 8443, 8443, "192.168.128.0/18", "webhooks on hybrid pods"],
    [cp, "tcp", 9443, 9443, "192.168.128.0/18", "webhooks on hybrid pods"],
    [fsx, "-1", null, null, "10.40.0.0/16", "Replies and ONTAP-initiated traffic to clients"],
    [fsx, "-1", null, null, "192.168.100.0/23", "Replies and ONTAP-initiated traffic to clients"],
    [fsx, "-1", null, null, "192.168.128.0/18", "Replies and ONTAP-initiated traffic to clients"],
  ]);
});

test("IS-LT-02: no launch template sets an AMI; every nodegroup names an AL2023 AMI type, so EKS merges its own NodeConfig", () => {
  for (const lt of Object.values(resources(json, "aws_launch_template"))) expect(lt.image_id).toBeUndefined();
  expect(Object.values(resources(json, "aws_eks_node_group")).map((g) => g.ami_type)).toEqual(["AL2023_x86_64_STANDARD", "AL2023_x86_64_STANDARD"]);
  expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { amiType: "AL2_x86_64" } } } }), "e"))).toEqual([
    'cluster.nodegroups.default.amiType: Invalid option: expected one of "AL2023_x86_64_STANDARD"|"AL2023_ARM_64_STANDARD"|"AL2023_x86_64_NVIDIA"|"AL2023_ARM_64_NVIDIA"|"AL2023_x86_64_NEURON"; got "AL2_x86_64"',
  ]);
});

test("HYB-NET-05: a hybrid cluster always has remote pod networks; an empty list is refused", () => {
  const cluster = Object.values(resources(json, "aws_eks_cluster"))[0];
  expect(cluster.remote_network_config.remote_pod_networks).toEqual({ cidrs: ["192.168.128.0/18"] });
  expect(configErrors(() => parseEnvironment(patch(hybridEnvironment(), { hybrid: { remotePodCidrs: [] } }), "e"))).toEqual([
    "hybrid.remotePodCidrs: list at least one pod network (Cilium allocates pod IPs from it); got []",
  ]);
});

test("EFS-MT-03: mount targets in subnets other than the cluster's still route back to on-prem (routes go into every subnet's route table)", () => {
  const subnets = {
    "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: "10.40.0.0/20" },
    "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: "10.40.16.0/20" },
    "data-a": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60003", cidr: "10.40.32.0/20" },
    "data-b": { id: "subnet-0a1b2c3d4e5f60004", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60004", cidr: "10.40.48.0/20" },
  };
  const env = patch(hybridEnvironment(), { network: { subnets }, cluster: { subnets: ["app-a", "app-b"] }, efs: { subnets: ["data-a", "data-b"] } });
  const out = synthEnvironment(env);
  expect(Object.values(resources(out, "aws_efs_mount_target")).map((m) => m.subnet_id).sort()).toEqual(["subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"]);
  const routes = Object.values(resources(out, "aws_route")).map((r) => `${r.route_table_id} -> ${r.destination_cidr_block}`);
  expect(routes.sort()).toEqual([
    "rtb-0a1b2c3d4e5f60001 -> 192.168.100.0/23",
    "rtb-0a1b2c3d4e5f60001 -> 192.168.128.0/18",
    "rtb-0a1b2c3d4e5f60002 -> 192.168.100.0/23",
    "rtb-0a1b2c3d4e5f60002 -> 192.168.128.0/18",
    "rtb-0a1b2c3d4e5f60003 -> 192.168.100.0/23",
    "rtb-0a1b2c3d4e5f60003 -> 192.168.128.0/18",
    "rtb-0a1b2c3d4e5f60004 -> 192.168.100.0/23",
    "rtb-0a1b2c3d4e5f60004 -> 192.168.128.0/18",
  ]);
});

test("EFS-TLS-01: instance-store nodes running with their own node role are granted mount too", () => {
  const storeRole = "arn:aws:iam::111122223333:role/storage-nodes";
  const env = patch(cloudEnvironment(), {
    efs: {},
    instanceStore: { nodeRoleArn: storeRole, nodegroups: { nvme: { instanceTypes: ["i4i.xlarge"], diskSetup: { method: "nodeadm", strategy: "Mount" } } } },
  });
  const policy = JSON.parse(Object.values(resources(synthEnvironment(env), "aws_efs_file_system_policy"))[0].policy);
  expect(policy.Statement[1].Principal.AWS).toEqual([expect.stringMatching(/^\$\{aws_iam_role\.cluster_node-role_\w+\.arn\}$/), storeRole]);
  const listed = patch(env, { efs: { clientPrincipalArns: [storeRole] } });
  expect(JSON.parse(Object.values(resources(synthEnvironment(listed), "aws_efs_file_system_policy"))[0].policy).Statement[1].Principal.AWS).toEqual([expect.stringMatching(/^\$\{aws_iam_role\.cluster_node-role_/), storeRole]);
});
