/** Bad inputs for the rules not already exercised next to their capability's tests. */
import { IConstruct } from "constructs";
import { z } from "zod";
import { EnvironmentInput } from "../modules/config/environment";
import { parseEnvironment } from "../modules/config/load";
import { ConfigValidationError, formatIssue, Issues } from "../modules/core/errors";
import { parseSection } from "../modules/core/validation";
import { buildStack, cloudEnvironment, configErrors, existingVpcEnvironment, hybridEnvironment, patch, resources, synthEnvironment } from "./helpers";

const errors = (env: unknown) => configErrors(() => parseEnvironment(env, "e"));
const warnings = (env: unknown) => parseEnvironment(env, "e").warnings.map((w) => `${w.path}: ${w.message}`);
const singleAz = { deploymentType: "SINGLE_AZ_1", subnets: ["private-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} } };

describe("cluster and network", () => {
  test("a subnet listed twice", () => {
    expect(errors(patch(cloudEnvironment(), { cluster: { subnets: ["private-a", "private-a", "private-b"] } }))).toEqual(['cluster.subnets[1]: lists the same subnet twice; got "private-a"']);
  });

  test("public CIDRs given while public access is off are ignored, with a warning", () => {
    expect(warnings(patch(existingVpcEnvironment(), { cluster: { endpoint: { publicAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } } }))).toEqual([
      "cluster.endpoint.publicAccessCidrs: is ignored because public access is off",
    ]);
  });

  test("an adopted cluster in the hybrid layout warns that its remote networks are not managed here", () => {
    const env = hybridEnvironment({ cluster: { mode: "existing", name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16" } });
    expect(warnings(env)).toContainEqual(expect.stringMatching(/^cluster\.mode: the cluster is adopted, so its remote_network_config and authentication mode are not managed here: .* use authentication mode API or API_AND_CONFIG_MAP/));
  });
});

describe("hybrid", () => {
  test("a webhook port listed twice, and DNS open to everyone", () => {
    expect(errors(patch(hybridEnvironment(), { hybrid: { webhookPorts: [443, 9443, 443], dnsClientCidrs: ["0.0.0.0/0"] } }))).toEqual([
      'hybrid.dnsClientCidrs[0]: is not a private network; the inbound resolver\'s DNS client list takes private ranges only; got "0.0.0.0/0"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
      "hybrid.webhookPorts[2]: is listed twice; got 443",
    ]);
  });

  test("Direct Connect prefixes given explicitly that miss the Multi-AZ FSx endpoint range are warned about (NET-02, FSX-NET-02)", () => {
    const fsx = { deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24", svms: { svm1: {} } };
    const env = (allowedPrefixes?: string[]) => patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: undefined, directConnect: allowedPrefixes ? { allowedPrefixes } : {} } }, fsxOntap: fsx });
    expect(warnings(env(["10.40.0.0/16"]))).toContainEqual(
      "hybrid.connectivity.directConnect.allowedPrefixes: does not cover the FSx endpoint range 198.19.255.0/24: on-prem would have no route to the file system's floating IPs over Direct Connect (NET-02, FSX-NET-02)",
    );
    const quiet = (w: string[]) => w.filter((x) => x.includes("FSx endpoint range"));
    expect(quiet(warnings(env(["10.40.0.0/16", "198.19.0.0/16"])))).toEqual([]);
    expect(quiet(warnings(env()))).toEqual([]);
  });

  test("a private endpoint CIDR equal to a remote node network is refused: the hybrid nodes' 443 rule admits it already (HYB-CL-05)", () => {
    const env = patch(hybridEnvironment({ network: { mode: "create", vpcCidr: "10.0.0.0/16", privateSubnets: { "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } } } as never }), {
      hybrid: { connectivity: { gateway: { attachmentSubnets: undefined } } },
      cluster: { endpoint: { privateAccessCidrs: ["192.168.100.0/23"] } },
    });
    expect(errors(env)).toEqual([
      'cluster.endpoint.privateAccessCidrs[0]: is the remote node network 192.168.100.0/23, which the hybrid nodes\' own rule admits on 443 already (a second identical rule fails the apply); got "192.168.100.0/23"; allowed: remove it; list only networks outside the remote node networks',
    ]);
    // With the private endpoint off no private-access rule is made: only the "is ignored" warning.
    const off = patch(env, { cluster: { endpoint: { privateAccess: false, publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } });
    expect(warnings(off)).toContainEqual("cluster.endpoint.privateAccessCidrs: is ignored because private access is off");
  });

  test("a transit gateway attachment that leaves out an availability zone of the VPC's subnets is warned about (NET-03)", () => {
    const appC = { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003" };
    const env = patch(hybridEnvironment(), { network: { subnets: { "app-c": appC } }, cluster: { subnets: ["app-a", "app-b"] } });
    expect(warnings(env)).toContainEqual(
      "hybrid.connectivity.gateway.attachmentSubnets: cover no subnet in eu-west-1c: nodes, mount targets and endpoints there route on-prem traffic to the transit gateway but cannot reach it (NET-03)",
    );
    const net03 = (e: unknown) => warnings(e).filter((w) => w.includes("NET-03"));
    expect(net03(patch(env, { hybrid: { connectivity: { gateway: { attachmentSubnets: ["app-a", "app-b", "app-c"] } } } }))).toEqual([]);
    expect(net03(patch(env, { hybrid: { connectivity: { vpcRoutes: false } } }))).toEqual([]);
  });

  test("the VPC's existing virtual private gateway is used, not a second one (NET-01): routes only, and its on-prem side stays where it is managed", () => {
    const env = patch(hybridEnvironment(), { hybrid: { connectivity: { gateway: { type: "virtual-private-gateway", vpnGatewayId: "vgw-0a1b2c3d4e5f60718" }, vpn: undefined } } });
    const json = synthEnvironment(env);
    expect(resources(json, "aws_vpn_gateway")).toEqual({});
    expect(resources(json, "aws_vpn_connection")).toEqual({});
    expect(Object.values(resources(json, "aws_route")).map((r) => `${r.route_table_id} -> ${r.destination_cidr_block} via ${r.gateway_id}`).sort()).toEqual([
      "rtb-0a1b2c3d4e5f60001 -> 192.168.100.0/23 via vgw-0a1b2c3d4e5f60718",
      "rtb-0a1b2c3d4e5f60001 -> 192.168.128.0/18 via vgw-0a1b2c3d4e5f60718",
      "rtb-0a1b2c3d4e5f60002 -> 192.168.100.0/23 via vgw-0a1b2c3d4e5f60718",
      "rtb-0a1b2c3d4e5f60002 -> 192.168.128.0/18 via vgw-0a1b2c3d4e5f60718",
    ]);
    expect(errors(patch(env, { hybrid: { connectivity: { vpn: { customerGatewayIp: "198.51.100.10" } } } }))).toEqual([
      'hybrid.connectivity: sets vpn or directConnect for an existing virtual private gateway; its on-prem side is managed where the gateway is; got ["vpn"]; allowed: gateway only',
    ]);
    expect(errors(patch(env, { hybrid: { connectivity: { gateway: { type: "transit-gateway" } } } }))).toEqual([
      'hybrid.connectivity.gateway.vpnGatewayId: is only valid with type virtual-private-gateway; got "vgw-0a1b2c3d4e5f60718"; allowed: remove it, or set type: virtual-private-gateway',
    ]);
  });

  test("an existing transit gateway with a Multi-AZ FSx needs its route table id", () => {
    const env = patch(hybridEnvironment(), {
      hybrid: { connectivity: { vpn: undefined, gateway: { transitGatewayId: "tgw-0a1b2c3d4e5f60718" } } },
      fsxOntap: { deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 384, endpointIpAddressRange: "198.19.255.0/24", svms: { svm1: {} } },
    });
    expect(errors(env)).toEqual([
      "hybrid.connectivity.gateway.transitGatewayRouteTableId: is required with an existing transit gateway and a Multi-AZ FSx, to route the endpoint range to the VPC; got nothing; allowed: the tgw-rtb- id of the route table that on-prem traffic uses",
    ]);
    const fixed = patch(env, { hybrid: { connectivity: { gateway: { transitGatewayRouteTableId: "tgw-rtb-0a1b2c3d4e5f60718" } } } });
    expect(() => parseEnvironment(fixed, "e")).not.toThrow();
  });
});

describe("FSx", () => {
  const fsx = (p: unknown) => patch(cloudEnvironment(), { fsxOntap: patch(singleAz, p) });

  test("no SVM, per-pair throughput on another type, cooling period with a policy that has none", () => {
    expect(errors(patch(cloudEnvironment(), { fsxOntap: { ...singleAz, svms: {}, throughputPerHaPairMibps: 1536 } }))).toEqual([
      "fsxOntap.throughputPerHaPairMibps: only applies to SINGLE_AZ_2, not SINGLE_AZ_1; got 1536; allowed: throughputMibps",
      "fsxOntap.svms: must declare at least one SVM; got {}; allowed: e.g. svms: { svm1: {} }",
    ]);
    expect(errors(fsx({ svms: { svm1: { volumes: { data: { junctionPath: "/d", sizeGiB: 1, tieringPolicy: "NONE", coolingPeriodDays: 10 } } } } }))).toEqual([
      "fsxOntap.svms.svm1.volumes.data.coolingPeriodDays: only applies to tiering policies AUTO and SNAPSHOT_ONLY, not NONE; got 10",
    ]);
  });

  test("an endpoint range smaller than /28, and backups turned off", () => {
    const multi = patch(existingVpcEnvironment(), { fsxOntap: { deploymentType: "MULTI_AZ_1", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 128, endpointIpAddressRange: "198.19.255.0/29", svms: { svm1: {} } } });
    expect(errors(multi)).toEqual(['fsxOntap.endpointIpAddressRange: is too small for the file system\'s endpoints; got "198.19.255.0/29"; allowed: a /28 or larger range']);
    expect(warnings(patch(existingVpcEnvironment(), { fsxOntap: { ...singleAz, subnets: ["app-a"], automaticBackupRetentionDays: 0 } }))).toEqual([
      "fsxOntap.automaticBackupRetentionDays: is 0: automatic backups are off (FSX-FS-06)",
    ]);
  });
});

describe("instance store", () => {
  test("no nodegroups, and mixed disk counts", () => {
    expect(errors(patch(cloudEnvironment(), { instanceStore: { nodegroups: {} } }))).toEqual(["instanceStore.nodegroups: must declare at least one nodegroup; got {}"]);
    const mixed = patch(existingVpcEnvironment(), { instanceStore: { nodegroups: { a: { instanceTypes: ["i4i.large", "i4i.8xlarge"], diskSetup: { method: "script", layout: "per-disk" } } } } });
    expect(warnings(mixed)).toEqual(['instanceStore.nodegroups.a.instanceTypes: mixes types with different disk counts; nodes will differ in local capacity']);
  });
});

describe("secrets are never echoed (issue 10 item 2)", () => {
  const SECRET = "hunter2-s3cr3t-value";

  test("a password put under an unknown key is not printed back", () => {
    const env = patch(cloudEnvironment(), { fsxOntap: { ...singleAz, svms: { svm1: { adminPassword: SECRET, fsxadminPassword: SECRET } } } });
    const lines = errors(env);
    expect(lines).toContainEqual(expect.stringMatching(/^fsxOntap\.svms\.svm1\.adminPassword: is not a known key/));
    expect(lines.join("\n")).not.toContain(SECRET);
  });

  test("an unknown key's value is never printed, whatever its name", () => {
    const lines = errors(patch(cloudEnvironment(), { cluster: { notes: SECRET } }));
    expect(lines).toEqual([expect.stringMatching(/^cluster\.notes: is not a known key/)]);
    expect(lines.join("\n")).not.toContain(SECRET);
  });

  test.each([
    "password", "adminPassword", "vsadmin_passwd", "passphrase", "secret", "clientSecret", "token", "bearerToken", "psk", "tunnel1Psk",
    "preSharedKey", "pre_shared_key", "privateKey", "private_key", "private-key", "apiKey", "accessKey", "secretKey", "sshKey",
  ])("a validator error or warning on %s hides the value, also in the thrown message", (field) => {
    const issues = new Issues();
    issues.error(`hybrid.x.${field}`, "is too short", SECRET, "at least 32 characters");
    issues.warn(`hybrid.x.${field}`, "looks weak", SECRET);
    issues.error(`hybrid.x.${field}[0]`, "is listed twice", SECRET);
    const text = [...issues.errors, ...issues.warnings].map(formatIssue).join("\n");
    expect(text).toContain(`hybrid.x.${field}: is too short; got (hidden); allowed: at least 32 characters`);
    expect(text).not.toContain(SECRET);
    expect(new ConfigValidationError("e", issues.errors).message).not.toContain(SECRET);
  });

  test("a secret inside an object value shown whole is hidden, its siblings stay", () => {
    expect(formatIssue({ path: "fsxOntap.svms.a", message: "is wrong", value: { name: "a", password: SECRET, nested: { apiToken: SECRET } } })).toBe(
      'fsxOntap.svms.a: is wrong; got {"name":"a","password":"(hidden)","nested":{"apiToken":"(hidden)"}}',
    );
  });

  test("a zod type error on a secret-looking field hides the value", () => {
    // No schema field holds a secret today: a construct section with one would go through zodIssues.
    const issues = new Issues();
    parseSection(z.strictObject({ vpnPsk: z.string().min(40) }), { vpnPsk: SECRET }, "hybrid", issues);
    expect(issues.errors.map(formatIssue)).toEqual([expect.stringMatching(/^hybrid\.vpnPsk: .*; got "\(hidden\)"$|^hybrid\.vpnPsk: .*; got \(hidden\)$/)]);
  });

  test("bare key, references to secrets (…Arn, …Version) and other fields are shown", () => {
    for (const field of ["key", "taints[0].key", "secretsKmsKeyArn", "passwordVersion", "tokenName", "name"]) {
      expect(formatIssue({ path: `a.${field}`, message: "is wrong", value: "v" })).toBe(`a.${field}: is wrong; got "v"`);
    }
  });

  test("a real error on a reference to a key still shows the value (secretsKmsKeyArn)", () => {
    const lines = errors(patch(cloudEnvironment(), { cluster: { secretsKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }));
    expect(lines).toContainEqual(expect.stringMatching(/^cluster\.secretsKmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "arn:aws:kms:us-east-1/));
  });
});

describe("errors name the field (issue 9 item 13)", () => {
  test("a misspelt required key reports that the key is required and names the near key written instead", () => {
    const env = cloudEnvironment() as Record<string, any>;
    env.regoin = env.region;
    delete env.region;
    env.layuot = env.layout;
    delete env.layout;
    env.network = { ...env.network, mdoe: "create" };
    delete env.network.mode;
    env.network.privateSubnets = { "private-a": { availabilityZone: "eu-west-1a", cdir: "10.0.0.0/19" }, "private-b": env.network.privateSubnets["private-b"] };
    expect(errors(env)).toEqual([
      "region: is required (expected string); regoin is written instead (misspelt?)",
      "layout: is required (must be one of cloud-only, hybrid); layuot is written instead (misspelt?)",
      "network.mode: is required (must be 'existing' (use a VPC by id) or 'create' (create one)); mdoe is written instead (misspelt?)",
      expect.stringMatching(/^regoin: is not a known key; did you mean region\?; allowed: name, region, /),
      expect.stringMatching(/^layuot: is not a known key; did you mean layout\?; allowed: /),
    ]);
  });

  test("a missing required key with no near key is just required", () => {
    const env = cloudEnvironment() as Record<string, unknown>;
    delete env.accountId;
    expect(errors(env)).toEqual(["accountId: is required (expected string)"]);
  });

  test("a misspelt key inside an item names the item's path", () => {
    const env = patch(cloudEnvironment(), { network: { privateSubnets: { "private-a": { availabilityZone: "eu-west-1a", cidr: undefined, cdir: "10.0.0.0/19" } } } });
    expect(errors(env)).toEqual([
      "network.privateSubnets.private-a.cidr: is required (expected string); cdir is written instead (misspelt?)",
      "network.privateSubnets.private-a.cdir: is not a known key; did you mean cidr?; allowed: availabilityZone, cidr",
    ]);
  });
});

describe("adopted cluster ARN", () => {
  const adopted = (arn: string) =>
    hybridEnvironment({ cluster: { mode: "existing", name: "c1", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", arn } });

  test.each([
    ["a wildcard, which would grant every cluster", "arn:aws:eks:eu-west-1:111122223333:cluster/*"],
    ["an IAM policy variable", "arn:aws:eks:eu-west-1:111122223333:cluster/${aws:PrincipalTag/team}"],
  ])("%s is refused by the ARN pattern (cluster names allow no '*', '$' or '{')", (_what, arn) => {
    expect(errors(adopted(arn))).toEqual([`cluster.arn: must be an EKS cluster ARN; got ${JSON.stringify(arn)}`]);
  });

  test.each([
    ["another cluster's name", "arn:aws:eks:eu-west-1:111122223333:cluster/c2"],
    ["another account", "arn:aws:eks:eu-west-1:444455556666:cluster/c1"],
  ])("%s is refused: the ARN goes into IAM policies", (_what, arn) => {
    expect(errors(adopted(arn))).toEqual([expect.stringMatching(/^cluster\.arn: must be the ARN of the adopted cluster \(it is used in IAM policies\); got .*; allowed: arn:aws:eks:eu-west-1:111122223333:cluster\/c1$/)]);
  });

  test("the cluster's own ARN is accepted", () => {
    expect(() => parseEnvironment(adopted("arn:aws:eks:eu-west-1:111122223333:cluster/c1"), "e")).not.toThrow();
  });
});

describe("warnings in the synth output", () => {
  /** Every warning annotation in the stack's construct tree, as `<construct path> | <message start>`. */
  const annotatedWarnings = (env: unknown): string[] => {
    const stack = buildStack(env as EnvironmentInput, "s");
    const out: string[] = [];
    const walk = (c: IConstruct): void => {
      for (const m of c.node.metadata) if (m.type === "@cdktf/warn") out.push(`${c.node.path} | ${String(m.data).split(":")[0]}`);
      c.node.children.forEach(walk);
    };
    walk(stack);
    return out;
  };

  // The stack annotates the environment's warnings; the network and the cluster used to validate
  // their section again and annotate the same warnings a second time.
  test("each warning of an environment shows once, on the stack, whichever section it is in", () => {
    const env = patch(cloudEnvironment(), {
      cluster: { bootstrapCreatorAdmin: false },
      efs: { allowAnonymousAccess: true },
      fsxOntap: { ...singleAz, automaticBackupRetentionDays: 0 },
      instanceStore: { nodegroups: { fast: { instanceTypes: ["i4i.large", "i4i.8xlarge"], diskSetup: { method: "script", layout: "per-disk" } } } },
    });
    expect(annotatedWarnings(env)).toEqual([
      "s | network.publicSubnets",
      "s | cluster.bootstrapCreatorAdmin",
      "s | efs.allowAnonymousAccess",
      "s | fsxOntap.automaticBackupRetentionDays",
      "s | instanceStore.nodegroups.fast.instanceTypes",
    ]);
    expect(annotatedWarnings(patch(hybridEnvironment(), { hybrid: { inboundResolver: false, dnsClientCidrs: ["192.168.100.0/23"] } }))).toEqual(["s | hybrid.dnsClientCidrs"]);
  });
});
