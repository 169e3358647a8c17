/**
 * Cluster, network and nodegroup features from issues 9, 10 and 11: private endpoint access, the
 * creator-admin conflict, CoreDNS in mixed clusters, endpoints for on-prem clients, IMDS hop limit,
 * tags on nodes, and the construct API (typed options, validation with the construct path).
 */
import "cdktf/lib/testing/adapters/jest";
import { readFileSync } from "fs";
import { join } from "path";
import Ajv from "ajv";
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ClusterOptionsSchema, NodegroupSchema } from "../modules/cluster/config";
import { EksCluster } from "../modules/cluster/eks-cluster";
import { corednsMixedModeConfiguration } from "../modules/cluster/render";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { parseEnvironment } from "../modules/config/load";
import { Network } from "../modules/network/network";
import { ManagedNodegroup } from "../modules/nodegroup/managed-nodegroup";
import { cloudEnvironment, configErrors, hybridEnvironment, Json, onlyResource, patch, requiredProdClusterAttributes, resources, synthEnvironment, twoSubnetVpc } from "./helpers";

const createdNetwork = cloudEnvironment().network;
const errorsOf = (env: unknown) => configErrors(() => parseEnvironment(env as never, "e"));

describe("endpoint.privateAccessCidrs (issue 9 item 4)", () => {
  test("one 443 ingress rule per CIDR on the control-plane security group, keyed by CIDR", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { cluster: { endpoint: { privateAccessCidrs: ["10.99.0.0/16", "192.168.50.0/24"] } } }));
    const rules = resources(json, "aws_vpc_security_group_ingress_rule");
    const ids = Object.keys(rules).filter((k) => k.includes("private-access"));
    expect(ids).toEqual([expect.stringMatching(/^cluster_private-access-10-99-0-0-16_/), expect.stringMatching(/^cluster_private-access-192-168-50-0-24_/)]);
    expect(ids.map((k) => rules[k])).toEqual([
      expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.99.0.0/16", security_group_id: expect.stringMatching(/^\$\{aws_security_group\.cluster_control-plane-sg_\w+\.id\}$/) }),
      expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "192.168.50.0/24" }),
    ]);
    const cluster = onlyResource(json, "aws_eks_cluster");
    expect(cluster.vpc_config.security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.cluster_control-plane-sg_/)]);
  });

  test("refuses public ranges, pod-network and service-CIDR overlaps", () => {
    expect(errorsOf(patch(hybridEnvironment(), { cluster: { endpoint: { privateAccessCidrs: ["203.0.113.0/24", "192.168.128.0/20", "172.20.0.0/24"] } } }))).toEqual([
      'cluster.endpoint.privateAccessCidrs[0]: is not a private network; the private API endpoint takes private ranges only; got "203.0.113.0/24"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
      'cluster.endpoint.privateAccessCidrs[1]: overlaps the remote pod network 192.168.128.0/18; got "192.168.128.0/20"; allowed: the networks of operators, VPN users or CI runners, outside every pod network',
      'cluster.endpoint.privateAccessCidrs[2]: overlaps the service CIDR 172.20.0.0/16; got "172.20.0.0/24"; allowed: a range outside the service CIDR',
    ]);
  });
});

const warningsOf = (env: unknown) => parseEnvironment(env as never, "e").warnings.map((w) => `${w.path}: ${w.message}`);

test("privateAccessCidrs: overlapping entries are refused; with private access off they are a warning", () => {
  expect(errorsOf(patch(cloudEnvironment(), { cluster: { endpoint: { privateAccessCidrs: ["10.99.0.0/16", "10.99.8.0/24"] } } }))).toEqual([
    'cluster.endpoint.privateAccessCidrs[1]: overlaps 10.99.0.0/16, listed before it; got "10.99.8.0/24"; allowed: distinct, non-overlapping ranges',
  ]);
  const env = patch(cloudEnvironment(), { cluster: { endpoint: { privateAccess: false, publicAccessCidrs: ["203.0.113.0/24"], privateAccessCidrs: ["10.99.0.0/16"] } } });
  expect(warningsOf(env)).toContain("cluster.endpoint.privateAccessCidrs: is ignored because private access is off");
  expect(Object.keys(resources(synthEnvironment(env), "aws_vpc_security_group_ingress_rule")).filter((k) => k.includes("private-access"))).toEqual([]);
});

describe("bootstrapCreatorAdmin (issue 9 item 6)", () => {
  test("false with no admins is a warning: nobody could reach the cluster", () => {
    expect(warningsOf(patch(cloudEnvironment(), { cluster: { bootstrapCreatorAdmin: false } }))).toContain(
      "cluster.bootstrapCreatorAdmin: is false and no admins are listed: nobody gets cluster access, and the Kubernetes and Helm resources of this stack fail with Unauthorized",
    );
  });

  const admin = "arn:aws:iam::111122223333:role/ops";
  test("default true: the plan checks that whoever applies is not also listed in admins", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { cluster: { admins: { ops: admin } } }));
    expect(onlyResource(json, "aws_eks_cluster").access_config.bootstrap_cluster_creator_admin_permissions).toBe(true);
    const session = Object.values(json.data.aws_iam_session_context as Record<string, Json>)[0];
    expect(session.arn).toMatch(/^\$\{data\.aws_caller_identity\.cluster_caller_\w+\.arn\}$/);
    expect(session.lifecycle.postcondition).toEqual([
      {
        condition: `\${alltrue([!contains(["${admin}"], self.issuer_arn), !contains(["${admin}"], self.arn)])}`,
        error_message: expect.stringMatching(/^\$\{self\.issuer_arn\} runs this plan and is listed in cluster\.admins while cluster\.bootstrapCreatorAdmin is true/),
      },
    ]);
  });

  test("false: no creator admin, no plan-time check", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { cluster: { admins: { ops: admin }, bootstrapCreatorAdmin: false } }));
    expect(onlyResource(json, "aws_eks_cluster").access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    expect(json.data?.aws_iam_session_context).toBeUndefined();
  });

  test("the same principal twice is refused at synth", () => {
    expect(errorsOf(patch(cloudEnvironment(), { cluster: { admins: { a: admin, b: admin } } }))).toEqual([
      `cluster.admins.b: is the same principal as admins.a; EKS refuses a second access entry for it (409); got "${admin}"; allowed: each principal once`,
    ]);
  });
});

describe("CoreDNS in mixed clusters (issue 9 item 3)", () => {
  const expected = {
    replicaCount: 3,
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
    ],
  };
  test("the rendered configuration, written out", () => {
    expect(corednsMixedModeConfiguration()).toEqual(expected);
  });

  const schemaOf = (version: string) => {
    const schema = JSON.parse(readFileSync(join(__dirname, "..", "vendor", "addons", "coredns", `${version}.schema.json`), "utf8"));
    delete schema.$schema; // draft-06 meta-schema is not bundled with ajv 8; the keywords used are draft-07 compatible
    return new Ajv({ strict: false }).compile(schema);
  };
  test.each(["v1.12.3-eksbuild.1", "v1.11.1-eksbuild.8", "v1.10.1-eksbuild.11"])("is accepted by the coredns add-on schema %s (and a wrong key is not)", (version) => {
    const validate = schemaOf(version);
    expect(validate(corednsMixedModeConfiguration())).toBe(true);
    expect(validate({ ...corednsMixedModeConfiguration(), replicas: 3 })).toBe(false);
  });
  test("v1.8.7 refuses it, so a hybrid cluster pinned below v1.10 is refused at synth", () => {
    expect(schemaOf("v1.8.7-eksbuild.4")(corednsMixedModeConfiguration())).toBe(false);
    expect(errorsOf(patch(hybridEnvironment(), { cluster: { addonVersions: { coredns: "v1.9.3-eksbuild.7" } } }))).toEqual([
      'cluster.addonVersions.coredns: is too old for hybrid nodes: the CoreDNS placement for mixed clusters (topologySpreadConstraints) needs the add-on at v1.10 or later; got "v1.9.3-eksbuild.7"; allowed: v1.10.1-eksbuild.11 or later, or no pin',
    ]);
  });

  test("is set on the coredns add-on in the hybrid layout only", () => {
    const coredns = (json: Json) => Object.values(resources(json, "aws_eks_addon")).find((a) => a.addon_name === "coredns")!;
    expect(JSON.parse(coredns(synthEnvironment(hybridEnvironment())).configuration_values)).toEqual(expected);
    expect(coredns(synthEnvironment(cloudEnvironment())).configuration_values).toBeUndefined();
  });

  // HYB-NET-05: cloud pods cannot reach a replica on a hybrid node when the VPC has no route to on-prem pod IPs.
  const cloudOnlyAffinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
              { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
              { key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] },
            ],
          },
        ],
      },
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" } },
      ],
    },
  };
  test("on-prem pods not routable from the VPC: CoreDNS keeps the add-on's default affinity and stays off hybrid nodes", () => {
    expect(corednsMixedModeConfiguration(false)).toEqual({ ...expected, affinity: cloudOnlyAffinity });
    expect(corednsMixedModeConfiguration(true)).toEqual(expected);
  });
  test.each(["v1.12.3-eksbuild.1", "v1.11.1-eksbuild.8", "v1.10.1-eksbuild.11"])("the cloud-only placement is accepted by the coredns add-on schema %s", (version) => {
    expect(schemaOf(version)(corednsMixedModeConfiguration(false))).toBe(true);
  });
  test("hybrid.podCidrsRoutable: false reaches the coredns add-on of the environment (and of an EksCluster given remoteNetworks)", () => {
    const coredns = (json: Json) => Object.values(resources(json, "aws_eks_addon")).find((a) => a.addon_name === "coredns")!;
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { podCidrsRoutable: false } }));
    expect(JSON.parse(coredns(json).configuration_values)).toEqual({ ...expected, affinity: cloudOnlyAffinity });
    const stack = new TerraformStack(Testing.app(), "lib");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new EksCluster(stack, "cluster", { name: "lib", vpc: VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true })), region: "eu-west-1", accountId: "111122223333", version: "1.33", remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"], podCidrsRoutable: false } });
    expect(JSON.parse(coredns(JSON.parse(Testing.synth(stack))).configuration_values).affinity).toEqual(cloudOnlyAffinity);
  });
});

describe("VPC endpoints for on-prem clients (issue 9 item 5)", () => {
  const env = hybridEnvironment({ network: { ...createdNetwork, vpcEndpoints: true } as never });
  const json = synthEnvironment(env);
  test("the endpoints' group admits 443 from the remote node and (routable) pod CIDRs", () => {
    const rules = Object.entries(resources(json, "aws_vpc_security_group_ingress_rule")).filter(([k]) => k.startsWith("network_endpoints-https"));
    expect(rules.map(([, r]) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual([
      ["tcp", 443, 443, "10.0.0.0/16"],
      ["tcp", 443, 443, "192.168.100.0/23"],
      ["tcp", 443, 443, "192.168.128.0/18"],
    ]);
  });
  test("the set covers the hybrid nodes prerequisites (EKS, SSM and its message endpoints with SSM credentials)", () => {
    const services = Object.values(resources(json, "aws_vpc_endpoint")).map((e) => e.service_name).sort();
    for (const s of ["s3", "sts", "ecr.api", "ecr.dkr", "eks", "eks-auth", "ssm", "ssmmessages", "ec2messages"]) expect(services).toContain(`com.amazonaws.eu-west-1.${s}`);
  });
  test("cloud-only keeps the VPC-only endpoint set", () => {
    const cloud = synthEnvironment(patch(cloudEnvironment(), { network: { vpcEndpoints: true } }));
    const services = Object.values(resources(cloud, "aws_vpc_endpoint")).map((e) => e.service_name);
    expect(services).not.toContain("com.amazonaws.eu-west-1.ssm");
    const rules = Object.keys(resources(cloud, "aws_vpc_security_group_ingress_rule")).filter((k) => k.startsWith("network_endpoints-https"));
    expect(rules).toHaveLength(1);
  });
});

describe("provider and API limits mirrored at synth (issue 9 item 12)", () => {
  test("VPC and subnet CIDRs between /16 and /28", () => {
    const env = patch(cloudEnvironment(), { network: { vpcCidr: "10.0.0.0/12", privateSubnets: { "private-a": { cidr: "10.0.0.0/29" } } } });
    expect(errorsOf(env)).toEqual([
      'network.vpcCidr: must be between /16 and /28 (AWS VPC limit); got "10.0.0.0/12"; allowed: e.g. 10.0.0.0/16',
      'network.privateSubnets.private-a.cidr: must be between /16 and /28 (AWS subnet limit); got "10.0.0.0/29"; allowed: e.g. 10.0.0.0/19',
    ]);
  });
  test("at most 20 instance types and 50 taints; taint keys of at most 63 characters", () => {
    const taints = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, effect: "NO_SCHEDULE" }));
    expect(errorsOf(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { taints }, big: { instanceTypes: Array.from({ length: 21 }, (_, i) => `m${i + 5}.large`) } } } }))).toEqual([
      expect.stringMatching(/^cluster\.nodegroups\.default\.taints: at most 50 taints \(the provider's limit on aws_eks_node_group\.taint\); got \[/),
    ]);
    expect(errorsOf(patch(cloudEnvironment(), { cluster: { nodegroups: { big: { instanceTypes: Array.from({ length: 21 }, (_, i) => `m${i + 5}.large`) } } } }))).toEqual([
      "cluster.nodegroups.big.instanceTypes: lists 21 types; EKS accepts at most 20; got 21; allowed: 1 to 20 instance types",
    ]);
    const key = `example.com/${"k".repeat(60)}`;
    expect(errorsOf(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { taints: [{ key, effect: "PREFER_NO_SCHEDULE" }] } } } }))).toEqual([
      `cluster.nodegroups.default.taints[0].key: is longer than 63 characters (the provider's limit for a nodegroup taint key); got "${key}"; allowed: 1-63 characters`,
    ]);
  });
});

describe("nodes (issue 10 item 8, issue 11 tags)", () => {
  test("hop limit 2 on request; environment tags reach instances and volumes", () => {
    const json = synthEnvironment(patch(cloudEnvironment({ tags: { team: "storage" } }), { cluster: { nodegroups: { default: { metadataHopLimit: 2 } } } }));
    const lt = onlyResource(json, "aws_launch_template");
    expect(lt.metadata_options.http_put_response_hop_limit).toBe(2);
    const expectedTags = { team: "storage", "platform:environment": "test-env", "platform:managed-by": "cdktf", Name: "test-env-default" };
    expect(lt.tag_specifications).toEqual([
      { resource_type: "instance", tags: expectedTags },
      { resource_type: "volume", tags: expectedTags },
    ]);
  });
  test("a hop limit of 3 is refused", () => {
    expect(errorsOf(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { metadataHopLimit: 3 } } } }))).toEqual([
      'cluster.nodegroups.default.metadataHopLimit: must be 1 (pods cannot reach IMDS) or 2 (pods can); got 3',
    ]);
  });
});

function stackWith(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("construct API (issue 11)", () => {
  const vpc = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true }));
  /** The prod cluster, adopted with the security group sg-0123456789abcdef0. */
  const adoptedAttrs = { ...requiredProdClusterAttributes, securityGroupId: "sg-0123456789abcdef0" };

  // The option interfaces equal the schemas' input types: test/option-types.test.ts.

  /** `field -> @default text` of the top-level fields of an exported interface, read from its source. */
  const jsdocDefaults = (file: string, iface: string): Record<string, string> => {
    const text = readFileSync(join(__dirname, "..", file), "utf8");
    const start = text.indexOf(`export interface ${iface} {`);
    const body = text.slice(start, text.indexOf("\n}\n", start));
    const out: Record<string, string> = {};
    for (const m of body.matchAll(/@default ([^\n]*?)\s*\*\/\s*\n {2}readonly (\w+)\?/g)) out[m[2]] = m[1];
    return out;
  };
  test.each([
    ["modules/cluster/eks-cluster.ts", "EksClusterOptions", () => ClusterOptionsSchema.parse({ name: "x" }) as Record<string, unknown>],
    ["modules/nodegroup/managed-nodegroup.ts", "ManagedNodegroupOptions", () => NodegroupSchema.parse({}) as Record<string, unknown>],
  ])("every JSON @default of %s %s equals the schema default", (file, iface, parsed) => {
    const defaults = jsdocDefaults(file, iface);
    const literal = Object.entries(defaults).filter(([, text]) => { try { JSON.parse(text); return true; } catch { return false; } });
    expect(literal.length).toBeGreaterThanOrEqual(6);
    const values = parsed();
    for (const [field, text] of literal) expect([field, values[field]]).toEqual([field, JSON.parse(text)]);
  });

  test("@default in the JSDoc matches the schema defaults", () => {
    const parsed = ClusterOptionsSchema.parse({ name: "x" });
    expect(parsed).toMatchObject({ version: "1.33", serviceIpv4Cidr: "172.20.0.0/16", authenticationMode: "API", logRetentionDays: 90, bootstrapCreatorAdmin: true, preventDestroy: true, admins: {} });
    expect(NodegroupSchema.parse({})).toMatchObject({ instanceTypes: ["m6i.large"], metadataHopLimit: 1, minSize: 1, maxSize: 3, rootVolumeGiB: 50, maxUnavailablePercentage: 33 });
  });

  test("partial props compile; typed resources are reachable; partition comes from the region", () => {
    let cluster!: EksCluster;
    const json = stackWith((stack) => {
      cluster = new EksCluster(stack, "eks", { name: "lib", vpc, region: "cn-north-1", accountId: "111122223333", tags: { team: "x" } });
    });
    expect(cluster.partition).toBe("aws-cn");
    expect(Object.keys(cluster.addons).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(Object.keys(cluster.nodegroups)).toEqual(["default"]);
    expect(cluster.secretsKey).toBeDefined();
    expect(onlyResource(json, "aws_eks_cluster").tags).toEqual({ team: "x" });
    expect(Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toContain("arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy");
  });

  test("bad typed props are refused with every problem, prefixed by the construct path", () => {
    expect(() =>
      stackWith((stack) => new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", serviceIpv4Cidr: "10.40.0.0/24", endpoint: { publicAccessCidrs: ["0.0.0.0/1"] }, subnets: ["a", "zz"] })),
    ).toThrow(/^lib\/eks: 3 errors\n {2}- cluster\.serviceIpv4Cidr: overlaps the VPC CIDR 10\.40\.0\.0\/16[\s\S]*cluster\.subnets\[1\]: names no private subnet of network; got "zz"[\s\S]*cluster\.endpoint\.publicAccessCidrs\[0\]: opens the public API endpoint to a \/1/);
    expect(() => stackWith((stack) => new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", serviceIpv4Cidr: "10.40.0.0/33" }))).toThrow(
      /^lib\/eks: 1 error\n {2}- cluster\.serviceIpv4Cidr: is not an IPv4 CIDR/,
    );
  });

  test("tag values are escaped once for Terraform (GEN-02)", () => {
    const json = stackWith((stack) => new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", tags: { note: "cost ${center}" } }));
    expect(onlyResource(json, "aws_eks_cluster").tags).toEqual({ note: "cost $${center}" });
    expect(onlyResource(json, "aws_launch_template").tag_specifications[0].tags).toEqual({ note: "cost $${center}", Name: "lib-default" });
    const yaml = synthEnvironment(cloudEnvironment({ tags: { note: "cost ${center}" } }));
    expect(onlyResource(yaml, "aws_launch_template").tag_specifications[0].tags.note).toBe("cost $${center}");
  });

  test("tags are checked (no aws: prefix)", () => {
    expect(() => stackWith((stack) => new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", tags: { "aws:owner": "x" } }))).toThrow(/^lib\/eks: 1 error\n {2}- cluster\.tags\.aws:owner: is not a valid name: tag keys must not start with 'aws:'/);
  });

  test("region and account are checked too", () => {
    expect(() => stackWith((stack) => new EksCluster(stack, "eks", { name: "lib", vpc, region: "mars-1", accountId: "abc" }))).toThrow(
      /^lib\/eks: 2 errors\n {2}- cluster\.region: must be an AWS region code such as eu-west-1; got "mars-1"\n {2}- cluster\.accountId: must be a 12-digit AWS account id, quoted in YAML; got "abc"/,
    );
  });

  test("warnings become cdktf annotations on the construct", () => {
    let cluster!: EksCluster;
    stackWith((stack) => {
      cluster = new EksCluster(stack, "eks", { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333", endpoint: { publicAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } });
    });
    expect(cluster.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual(["cluster.endpoint.publicAccessCidrs: is ignored because public access is off"]);
  });

  test("Network: on-prem endpoint clients must be private; given without created endpoints they are a warning", () => {
    const created = { ...(createdNetwork as object), vpcEndpoints: true } as never;
    expect(() => stackWith((stack) => new Network(stack, "net", { ...(created as object), name: "n", region: "eu-west-1", onPremClients: { cidrs: ["198.51.100.0/24"] } } as never))).toThrow(
      /^lib\/net: 1 error\n {2}- network\.onPremClients\.cidrs\[0\]: is not a private network; the endpoints' on-prem client list takes private ranges only; got "198\.51\.100\.0\/24"/,
    );
    let net!: Network;
    stackWith((stack) => {
      net = new Network(stack, "net", { mode: "existing", vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidrs: ["10.40.0.0/16"], subnets: { a: { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" } }, name: "n", region: "eu-west-1", onPremClients: { cidrs: ["192.168.100.0/23"] } });
    });
    expect(net.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([expect.stringMatching(/^network\.onPremClients: is ignored: this Network creates no VPC endpoints/)]);
  });

  test("Network exposes what it creates", () => {
    let net!: Network;
    stackWith((stack) => {
      net = new Network(stack, "net", { ...(createdNetwork as object), vpcEndpoints: true, publicSubnets: { pub: { availabilityZone: "eu-west-1a", cidr: "10.0.64.0/24" } }, name: "n", region: "eu-west-1" } as never);
    });
    expect(net.vpc).toBeDefined();
    expect(Object.keys(net.subnetResources)).toEqual(["private-a", "private-b"]);
    expect(Object.keys(net.routeTables)).toEqual(["private-a", "private-b"]);
    expect(Object.keys(net.publicSubnetResources)).toEqual(["pub"]);
    expect(net.internetGateway && net.natGateway && net.endpointSecurityGroup).toBeDefined();
    expect(Object.keys(net.endpoints)).toEqual(expect.arrayContaining(["s3", "sts", "ecr.api"]));
  });

  test("Network refuses an AZ outside its region and a /33", () => {
    expect(() =>
      stackWith((stack) => new Network(stack, "net", { mode: "create", vpcCidr: "10.0.0.0/33", name: "n", region: "eu-west-1", privateSubnets: { a: { availabilityZone: "mars-1a", cidr: "10.0.0.0/20" } } })),
    ).toThrow(/^lib\/net: \d+ errors\n {2}- network\.vpcCidr: is not an IPv4 CIDR[\s\S]*network\.privateSubnets\.a\.availabilityZone: must be an availability zone name/);
    expect(() =>
      stackWith((stack) => new Network(stack, "net", { mode: "create", vpcCidr: "10.0.0.0/16", name: "n", region: "eu-west-1", vpcEndpoints: true, privateSubnets: { a: { availabilityZone: "us-east-1a", cidr: "10.0.0.0/20" }, b: { availabilityZone: "eu-west-1b", cidr: "10.0.16.0/20" } } })),
    ).toThrow(/network\.privateSubnets\.a\.availabilityZone: is not in the region eu-west-1; got "us-east-1a"/);
  });

  test("an adopted cluster needs no Network: ClusterRef + VpcRef + ManagedNodegroup", () => {
    const cluster = ClusterRef.fromAttributes({ ...adoptedAttrs, nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" }, vpc);
    const json = stackWith((stack) => new ManagedNodegroup(stack, "gpu", { cluster, vpc, instanceTypes: ["g5.xlarge"], tags: { team: "ml" } }));
    expect(onlyResource(json, "aws_eks_node_group")).toMatchObject({ cluster_name: "prod", node_role_arn: "arn:aws:iam::111122223333:role/nodes", subnet_ids: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], tags: { team: "ml" } });
    expect(onlyResource(json, "aws_launch_template").tag_specifications[0]).toEqual({ resource_type: "instance", tags: { team: "ml", Name: "prod-gpu" } });
    expect(json.resource.aws_vpc).toBeUndefined();
  });

  test("name prefixes stay within the provider's limits for the longest names (launch template <= 99, nodegroup <= 37)", () => {
    const json = stackWith((stack) => new EksCluster(stack, "eks", { name: "c".repeat(100), vpc, region: "eu-west-1", accountId: "111122223333", nodegroups: { ["n".repeat(40)]: {} } }));
    const lt = onlyResource(json, "aws_launch_template");
    expect(lt.name_prefix).toHaveLength(99);
    expect(lt.name_prefix).toMatch(/^[0-9A-Za-z()./_-]+$/);
    expect(onlyResource(json, "aws_eks_node_group").node_group_name_prefix.length).toBeLessThanOrEqual(37);
    for (const role of Object.values(resources(json, "aws_iam_role"))) expect(role.name_prefix.length).toBeLessThanOrEqual(38);
  });

  test("ManagedNodegroup refuses a node role that is not a role ARN; Network a bad region", () => {
    const cluster = ClusterRef.fromAttributes(adoptedAttrs, vpc);
    expect(() => stackWith((stack) => new ManagedNodegroup(stack, "gpu", { cluster, vpc, nodeRoleArn: "nodes" }))).toThrow(/^lib\/gpu: 1 error\n {2}- nodegroup\.nodeRoleArn: must be an IAM role ARN; got "nodes"/);
    expect(() => stackWith((stack) => new Network(stack, "net", { ...(createdNetwork as object), name: "n", region: "eu-west-01" } as never))).toThrow(/network\.region: must be an AWS region code/);
  });

  test("ManagedNodegroup without a node role on an adopted cluster is refused", () => {
    const cluster = ClusterRef.fromAttributes(adoptedAttrs, vpc);
    expect(() => stackWith((stack) => new ManagedNodegroup(stack, "gpu", { cluster, vpc, minSize: 5, maxSize: 2 }))).toThrow(/^lib\/gpu: 2 errors\n {2}- nodegroup\.minSize: is greater than maxSize \(2\)[\s\S]*nodeRoleArn: is required/);
  });
});

describe("offline plan variant", () => {
  test("leaves out the STS-calling data sources of the creator-admin check, keeping the cluster", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { offlineVariant } = require("../scripts/offline-variant");
    const json = synthEnvironment(patch(cloudEnvironment(), { cluster: { admins: { ops: "arn:aws:iam::111122223333:role/ops" } } }));
    const { json: offline, omitted } = offlineVariant(json, "5.100.0");
    expect(offline.data?.aws_caller_identity).toBeUndefined();
    expect(offline.data?.aws_iam_session_context).toBeUndefined();
    expect(omitted).toEqual(expect.arrayContaining([expect.stringMatching(/^data\.aws_caller_identity\.cluster_caller_/), expect.stringMatching(/^data\.aws_iam_session_context\.cluster_caller-session_/)]));
    expect(Object.keys(offline.resource.aws_eks_cluster)).toHaveLength(1);
  });
});
