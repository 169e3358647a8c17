/**
 * Checks the TypeScript path makes on its own, for what the YAML path derives from the environment
 * (found by an audit of the EFS, FSx and Trident rules on both paths): pod identity needs the agent
 * (EFS-CSI-02, TRI-02), on-prem hosts need a grant in the EFS policy (EFS-TLS-01), and KMS keys are
 * regional (EFS-FS-03, FSX-FS-02).
 */
import { TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EksCluster } from "../modules/cluster/eks-cluster";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { EfsStorage } from "../modules/efs/efs-storage";
import { FsxOntap } from "../modules/fsx-ontap/fsx-ontap";
import { HybridNodes } from "../modules/hybrid-nodes/hybrid-nodes";
import { InstanceStore } from "../modules/instance-store/instance-store";
import { Network } from "../modules/network/network";
import { Trident } from "../modules/trident/trident";
import { configErrors, prodClusterAttributes, twoSubnetVpc } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpc({ routeTables: true }));
const cluster = (extra: Record<string, unknown> = {}) => ClusterRef.fromAttributes({ ...prodClusterAttributes, ...extra }, vpc);
const stack = () => new TerraformStack(Testing.app(), "lib");
const warningsOf = (c: IConstruct) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
const US_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("EKS Pod Identity needs the agent on the cluster", () => {
  test("the EFS CSI driver on a cluster without the agent is refused; with csiDriver: false it is not", () => {
    expect(configErrors(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster({ podIdentityAgent: false }) }))).toEqual([
      "efs.csiDriver: installs the CSI driver with an EKS Pod Identity role, but the cluster has no eks-pod-identity-agent (podIdentityAgent: false): the controller would get no credentials and volumes would stay Pending; got true; allowed: install the eks-pod-identity-agent add-on (then podIdentityAgent: true), or csiDriver: false and install the driver yourself",
    ]);
    expect(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster({ podIdentityAgent: false }), csiDriver: false })).not.toThrow();
  });

  test("Trident with pod-identity on a cluster without the agent is refused; irsa is accepted", () => {
    expect(configErrors(() => new Trident(stack(), "trident", { cluster: cluster({ podIdentityAgent: false }) }))).toEqual([
      'trident.identity: is pod-identity, but the cluster has no eks-pod-identity-agent (podIdentityAgent: false): the Trident controller would get no AWS credentials and its backends would fail; got "pod-identity"; allowed: irsa (with the cluster\'s oidcProviderArn), or install the eks-pod-identity-agent add-on (then podIdentityAgent: true)',
    ]);
    const oidcProviderArn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
    expect(() => new Trident(stack(), "trident", { cluster: cluster({ podIdentityAgent: false }), identity: "irsa", oidcProviderArn })).not.toThrow();
  });
});

describe("on-prem hosts of a hybrid cluster need a grant in the EFS policy", () => {
  const hybrid = cluster({ remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } });
  test("without onPremPrincipalArns (or other client roles, or anonymous access) the construct warns", () => {
    expect(warningsOf(new EfsStorage(stack(), "efs", { vpc, cluster: hybrid }))).toContainEqual(
      "onPremPrincipalArns: are not given on a cluster with remote networks: on-prem hosts reach the mount targets, but the file system policy grants them nothing, so their tls,iam mounts are refused; pass the Hybrid Nodes role (HybridNodes.role.arn)",
    );
    const granted = (props: Record<string, unknown>) => warningsOf(new EfsStorage(stack(), "efs", { vpc, cluster: hybrid, ...props })).filter((w) => w.startsWith("onPremPrincipalArns"));
    expect(granted({ onPremPrincipalArns: ["arn:aws:iam::111122223333:role/hybrid-nodes"] })).toEqual([]);
    expect(granted({ clientPrincipalArns: ["arn:aws:iam::111122223333:role/site-hosts"] })).toEqual([]);
    expect(granted({ allowAnonymousAccess: true })).toEqual([]);
    expect(warningsOf(new EfsStorage(stack(), "efs", { vpc, cluster: cluster() })).filter((w) => w.startsWith("onPremPrincipalArns"))).toEqual([]);
  });
});

describe("KMS keys are regional", () => {
  test("an EFS or FSx key of another region is refused, naming both regions", () => {
    expect(configErrors(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), kmsKeyArn: US_KEY }))).toEqual([
      `efs.kmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "${US_KEY}"; allowed: a KMS key in eu-west-1`,
    ]);
    const fsx = { deploymentType: "SINGLE_AZ_1" as const, subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { apps: {} } };
    expect(configErrors(() => new FsxOntap(stack(), "fsx", { vpc, cluster: cluster(), ...fsx, kmsKeyArn: US_KEY }))).toEqual([
      `fsxOntap.kmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "${US_KEY}"; allowed: a KMS key in eu-west-1`,
    ]);
    expect(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), kmsKeyArn: US_KEY.replace("us-east-1", "eu-west-1") })).not.toThrow();
  });
});

describe("route tables FSx manages (FSX-NET-02)", () => {
  const multiAz = { deploymentType: "MULTI_AZ_2" as const, subnets: ["priv-a", "priv-b"], storageCapacityGiB: 1024, throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24", svms: { apps: {} } };
  const privateSubnets = { "priv-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, "priv-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } };
  const created = (s: TerraformStack, routeTableTags?: Record<string, string>) =>
    new Network(s, "network", { mode: "create", vpcCidr: "10.0.0.0/16", name: "lib", region: "eu-west-1", privateSubnets, vpcEndpoints: true, routeTableTags });
  const onNetwork = (net: Network) => ClusterRef.fromAttributes({ ...prodClusterAttributes, subnetNames: ["priv-a", "priv-b"] }, net);

  test("a Network created in the stack must carry the AmazonFSx tag itself: a tag resource alone would fight the tables' own tags", () => {
    const s = stack();
    const net = created(s);
    expect(configErrors(() => new FsxOntap(s, "fsx", { vpc: net, cluster: onNetwork(net), ...multiAz }))).toEqual([
      'vpc.routeTableTags: must carry AmazonFSx=ManagedByAmazonFSx: the Network\'s route tables are created in this stack, and FSx manages routes only in tables with that tag; a separate tag resource would fight the tables\' own tags; allowed: new Network(..., { routeTableTags: { AmazonFSx: "ManagedByAmazonFSx" } })',
    ]);
    const t = stack();
    const tagged = created(t, { AmazonFSx: "ManagedByAmazonFSx" });
    new FsxOntap(t, "fsx", { vpc: tagged, cluster: onNetwork(tagged), ...multiAz });
    const json = JSON.parse(Testing.synth(t));
    // Tagged by the Network itself; the tag resources stay too (same value, existing addresses kept).
    expect(Object.keys(json.resource.aws_ec2_tag)).toHaveLength(2);
    expect(Object.values(json.resource.aws_route_table as Record<string, { tags: Record<string, string> }>).map((r) => r.tags.AmazonFSx)).toEqual(["ManagedByAmazonFSx", "ManagedByAmazonFSx"]);
  });

  test("two Multi-AZ file systems on an adopted VPC keep their own tag resources (their addresses exist in users' state; the values are identical)", () => {
    const s = stack();
    const fsx = { ...multiAz, subnets: ["app-a", "app-b"] };
    new FsxOntap(s, "fsx-a", { vpc, cluster: cluster(), ...fsx });
    new FsxOntap(s, "fsx-b", { vpc, cluster: cluster(), ...fsx, svms: { logs: {} } });
    const tags = JSON.parse(Testing.synth(s)).resource.aws_ec2_tag as Record<string, { resource_id: string }>;
    expect(Object.entries(tags).map(([k, t]) => [k.split("_route-table-tag")[0], t.resource_id])).toEqual([
      ["fsx-a", "rtb-0a1b2c3d4e5f60001"],
      ["fsx-a", "rtb-0a1b2c3d4e5f60002"],
      ["fsx-b", "rtb-0a1b2c3d4e5f60001"],
      ["fsx-b", "rtb-0a1b2c3d4e5f60002"],
    ]);
  });
});

describe("EFS clients that do not carry the cluster security group (EFS-MT-02)", () => {
  const rulesOf = (efs: EfsStorage) =>
    efs.node.children.filter((c) => c.node.id.startsWith("nfs-from-")).map((c) => [c.node.id, (c as unknown as { referencedSecurityGroupIdInput?: string }).referencedSecurityGroupIdInput]);
  test("clientSecurityGroupIds replace the cluster group as NFS sources, keyed by name; by default the cluster group keeps its rule address", () => {
    const efs = new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), clientSecurityGroupIds: { "workers-b": "sg-0b0b0b0b0b0b0b0b0", "workers-a": "sg-0a0a0a0a0a0a0a0a0" } });
    expect(rulesOf(efs)).toEqual([
      ["nfs-from-workers-a", "sg-0a0a0a0a0a0a0a0a0"],
      ["nfs-from-workers-b", "sg-0b0b0b0b0b0b0b0b0"],
    ]);
    expect(rulesOf(new EfsStorage(stack(), "efs", { vpc, cluster: cluster() }))).toEqual([["nfs-from-cluster-sg", "sg-0a1b2c3d4e5f60718"]]);
  });

  test("an empty map, a bad key or a value that is no security group id is refused", () => {
    expect(configErrors(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), clientSecurityGroupIds: {} }))).toEqual([
      "clientSecurityGroupIds: must name at least one security group; leave it out for the cluster security group; got {}",
    ]);
    expect(configErrors(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), clientSecurityGroupIds: { Nodes: "sg-1", ok: "sg-0a0a0a0a0a0a0a0a0" } }))).toEqual([
      expect.stringMatching(/^clientSecurityGroupIds\.Nodes: is not a valid name: must be 1-40 characters of lowercase letters/),
    ]);
    expect(configErrors(() => new EfsStorage(stack(), "efs", { vpc, cluster: cluster(), clientSecurityGroupIds: { nodes: "sg-1" } }))).toEqual([
      expect.stringMatching(/^clientSecurityGroupIds\.nodes: .*; got "sg-1"$/),
    ]);
  });
});

describe("tags and Helm values given as construct props are data, never code (GEN-02)", () => {
  const remote = cluster({ remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } });
  const minimal = { remoteNodeCidrs: ["192.168.100.0/23"], remotePodCidrs: ["192.168.128.0/18"], connectivity: { gateway: { type: "transit-gateway" as const }, vpn: { customerGatewayIp: "198.51.100.10" } } };
  const synthOf = (s: TerraformStack) => Testing.synth(s);

  test("HybridNodes: tags (also on the connectivity resources) and ciliumValues reach Terraform escaped", () => {
    const s = stack();
    new HybridNodes(s, "hybrid", { ...minimal, vpc, cluster: remote, tags: { note: "owner=${team}" }, ciliumValues: { prometheus: { relabel: "${1}", tpl: "%{if x}" } } });
    const json = JSON.parse(synthOf(s));
    expect(Object.values(json.resource.aws_iam_role as Record<string, { tags: Record<string, string> }>)[0].tags.note).toBe("owner=$${team}");
    expect(Object.values(json.resource.aws_ec2_transit_gateway as Record<string, { tags: Record<string, string> }>)[0].tags.note).toBe("owner=$${team}");
    const cilium = Object.values(json.resource.helm_release as Record<string, { name: string; values: string[] }>).find((r) => r.name === "cilium")!;
    expect(JSON.parse(cilium.values[0]).prometheus).toEqual({ relabel: "$${1}", tpl: "%%{if x}" });
  });

  test("Trident: tags and helmValues reach Terraform escaped", () => {
    const s = stack();
    new Trident(s, "trident", { cluster: cluster(), tags: { note: "${x}" }, helmValues: { tridentLogFormat: "${fmt}" } });
    const json = JSON.parse(synthOf(s));
    expect(Object.values(json.resource.aws_iam_role as Record<string, { tags: Record<string, string> }>)[0].tags).toEqual({ note: "$${x}" });
    const operator = Object.values(json.resource.helm_release as Record<string, { name: string; values: string[] }>).find((r) => r.name === "trident-operator")!;
    expect(JSON.parse(operator.values[0]).tridentLogFormat).toBe("$${fmt}");
  });

  test("InstanceStore: tags (on its nodegroups) and provisionerValues reach Terraform escaped", () => {
    const s = stack();
    new InstanceStore(s, "fast", {
      vpc,
      cluster: cluster(),
      tags: { note: "${x}" },
      provisionerValues: { podAnnotations: { a: "${y}" } },
      nodegroups: { nvme: { instanceTypes: ["i4i.xlarge"], diskSetup: { method: "nodeadm", strategy: "Mount" } } },
    });
    const json = JSON.parse(synthOf(s));
    expect(Object.values(json.resource.aws_eks_node_group as Record<string, { tags: Record<string, string> }>)[0].tags).toEqual({ note: "$${x}" });
    const release = Object.values(json.resource.helm_release as Record<string, { values: string[] }>)[0];
    expect(JSON.parse(release.values[0]).podAnnotations).toEqual({ a: "$${y}" });
  });
});

test("EksCluster: a private endpoint CIDR equal to a remote node network is refused on the construct path too (HYB-CL-05)", () => {
  const s = stack();
  const net = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true }));
  expect(
    configErrors(() => new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] }, endpoint: { privateAccessCidrs: ["192.168.100.0/23"] } })),
  ).toEqual([
    'cluster.endpoint.privateAccessCidrs[0]: is the remote node network 192.168.100.0/23, which the hybrid nodes\' own rule admits on 443 already (a second identical rule fails the apply); got "192.168.100.0/23"; allowed: remove it; list only networks outside the remote node networks',
  ]);
});

test("a second InstanceStore on the same cluster in one stack is refused: the provisioner release and the fast-disks class exist once per cluster (IS-LSP-01/04)", () => {
  const s = stack();
  const nodegroups = (diskSetup: Record<string, unknown>) => ({ nvme: { instanceTypes: ["i4i.xlarge"], diskSetup } }) as never;
  new InstanceStore(s, "x86", { vpc, cluster: cluster(), nodegroups: nodegroups({ method: "nodeadm", strategy: "Mount" }) });
  expect(configErrors(() => new InstanceStore(s, "arm", { vpc, cluster: cluster(), nodegroups: nodegroups({ method: "script", layout: "per-disk" }) }))).toEqual([
    'instanceStore: is the second InstanceStore of cluster prod in this stack (the first is lib/x86): the local-static-provisioner release and the fast-disks class exist once per cluster; got "lib/arm"; allowed: one InstanceStore per cluster, with all its nodegroups',
  ]);
  expect(() => new InstanceStore(stack(), "arm", { vpc, cluster: cluster(), nodegroups: nodegroups({ method: "script", layout: "per-disk" }) })).not.toThrow();
  // A store that publishes nothing (nodeadm RAID only) makes neither, so it may sit beside one that does.
  expect(() => new InstanceStore(s, "raid", { vpc, cluster: cluster(), nodegroups: nodegroups({ method: "nodeadm", strategy: "RAID0" }) })).not.toThrow();
});

describe("HybridNodes against its cluster (TypeScript path)", () => {
  const minimal = { remoteNodeCidrs: ["192.168.100.0/23"], remotePodCidrs: ["192.168.128.0/18"], connectivity: { gateway: { type: "transit-gateway" as const }, vpn: { customerGatewayIp: "198.51.100.10" } } };
  const remote = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };

  test("an adopted cluster ref without remoteNetworks is refused (HYB-NET-07): FSx, EFS and Trident would not know the cluster is hybrid", () => {
    expect(configErrors(() => new HybridNodes(stack(), "hybrid", { ...minimal, vpc, cluster: cluster() }))).toEqual([
      "hybrid: is given for a cluster without remote networks; the cluster's remote_network_config would not list the hybrid networks and nodes could not join (HYB-NET-07); got nothing; allowed: give ClusterRef.fromAttributes the cluster's remoteNetworks { nodeCidrs, podCidrs }, equal to remoteNodeCidrs and remotePodCidrs",
    ]);
  });

  test("Cilium masquerading switched off while pod CIDRs are not routable is refused (HYB-NET-05)", () => {
    const props = { ...minimal, vpc, cluster: cluster({ remoteNetworks: { ...remote, podCidrsRoutable: false } }), podCidrsRoutable: false, ciliumValues: { enableIPv4Masquerade: false } };
    expect(configErrors(() => new HybridNodes(stack(), "hybrid", props))).toEqual([
      "ciliumValues.enableIPv4Masquerade: is false while podCidrsRoutable is false: pod traffic would leave with pod addresses the VPC cannot route back to; got false; allowed: keep Cilium's masquerading, or route the pod CIDRs on-prem (podCidrsRoutable: true)",
    ]);
    expect(() => new HybridNodes(stack(), "hybrid", { ...props, podCidrsRoutable: true, cluster: cluster({ remoteNetworks: remote }) })).not.toThrow();
  });
});

test("HybridNodes warns about a created cluster's privateAccessCidrs it does not route; given as operatorCidrs they are routed (NET-03)", () => {
  const build = (operatorCidrs?: string[]) => {
  const s = stack();
  const net = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], routeTables: true, cidrs: true }));
  const remote = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
  const eks = new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", remoteNetworks: remote, endpoint: { privateAccessCidrs: ["10.200.0.0/24"] } });
  const hybrid = new HybridNodes(s, "hybrid", { remoteNodeCidrs: remote.nodeCidrs, remotePodCidrs: remote.podCidrs, connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } }, vpc: net, cluster: eks, operatorCidrs });
  const routes = Object.values(JSON.parse(Testing.synth(s)).resource.aws_route as Record<string, { route_table_id: string; destination_cidr_block: string }>);
  return { warnings: warningsOf(hybrid).filter((w) => w.startsWith("operatorCidrs")), routed: routes.filter((r) => r.destination_cidr_block === "10.200.0.0/24").map((r) => r.route_table_id).sort() };
  };
  expect(build()).toEqual({
    warnings: ["operatorCidrs: are not given, so the VPC has no route back to the cluster's privateAccessCidrs 10.200.0.0/24: clients there cannot reach the private endpoint over the on-prem link"],
    routed: [],
  });
  expect(build(["10.200.0.0/24"])).toEqual({ warnings: [], routed: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"] });
});

test("Pod Identity on hybrid nodes needs the created cluster's agent add-on to run there (HYB-ADD-01)", () => {
  const net = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], routeTables: true, cidrs: true }));
  const remote = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
  const hybrid = { remoteNodeCidrs: remote.nodeCidrs, remotePodCidrs: remote.podCidrs, podIdentity: true, connectivity: { gateway: { type: "transit-gateway" as const }, vpn: { customerGatewayIp: "198.51.100.10" } } };
  const build = (addonConfiguration?: Record<string, Record<string, unknown>>) => {
    const s = stack();
    const eks = new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", remoteNetworks: remote, addonConfiguration });
    return () => new HybridNodes(s, "hybrid", { ...hybrid, vpc: net, cluster: eks });
  };
  expect(configErrors(build())).toEqual([
    'hybrid.podIdentity: needs the eks-pod-identity-agent add-on on hybrid nodes, but the cluster\'s add-on does not run there; got true; allowed: addonConfiguration: { "eks-pod-identity-agent": { daemonsets: { hybrid: { create: true } } } } on the EksCluster, or podIdentity: false',
  ]);
  expect(build({ "eks-pod-identity-agent": { daemonsets: { hybrid: { create: true } } } })).not.toThrow();
});

test("HybridNodes on a Network whose VPC endpoints admit no on-prem client warns (HYB-CL-07); with onPremClients it does not", () => {
  const privateSubnets = { "priv-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, "priv-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } };
  const remote = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
  const warn = (onPremClients?: { cidrs: string[]; ssm: boolean }) => {
    const s = stack();
    const net = new Network(s, "network", { mode: "create", vpcCidr: "10.0.0.0/16", name: "lib", region: "eu-west-1", privateSubnets, vpcEndpoints: true, onPremClients });
    const hybrid = new HybridNodes(s, "hybrid", {
      remoteNodeCidrs: remote.nodeCidrs,
      remotePodCidrs: remote.podCidrs,
      connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
      vpc: net,
      cluster: ClusterRef.fromAttributes({ ...prodClusterAttributes, subnetNames: ["priv-a", "priv-b"], remoteNetworks: remote }, net),
    });
    return warningsOf(hybrid).filter((w) => w.startsWith("vpc:"));
  };
  expect(warn()).toEqual([
    "vpc: has VPC endpoints that admit only the VPC: hybrid nodes that resolve AWS services through the inbound resolver get the endpoints' addresses and are refused (image pulls, STS, SSM)",
  ]);
  expect(warn({ cidrs: ["192.168.100.0/23", "192.168.128.0/18"], ssm: true })).toEqual([]);
});

describe("EksCluster options on the construct path (re-run of Stryker on eks-cluster.ts)", () => {
  const net = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true }));
  const corednsOf = (s: TerraformStack) =>
    JSON.parse(Object.values(JSON.parse(Testing.synth(s)).resource.aws_eks_addon as Record<string, { addon_name: string; configuration_values?: string }>).find((a) => a.addon_name === "coredns")!.configuration_values ?? "{}");

  test("remoteNetworks without podCidrsRoutable count as routable: CoreDNS spreads onto hybrid nodes, no cloud-only affinity", () => {
    const s = stack();
    new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } });
    expect(corednsOf(s).affinity).toBeUndefined();
    expect(corednsOf(s).replicaCount).toBe(3);
  });

  test("an option given as a token of the same stack (a KMS key made here) is accepted", () => {
    const s = stack();
    const key = new KmsKey(s, "key", {});
    expect(() => new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", secretsKmsKeyArn: key.arn })).not.toThrow();
  });

  test("agent add-on configuration without a hybrid daemonset: the agent does not run on hybrid nodes", () => {
    const s = stack();
    const eks = new EksCluster(s, "eks", { name: "lib", vpc: net, region: "eu-west-1", accountId: "111122223333", addonConfiguration: { "eks-pod-identity-agent": { daemonsets: {} } } });
    expect(eks.hybridPodIdentityAgent).toBe(false);
  });
});
