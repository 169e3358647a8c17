/**
 * HybridNodes and Connectivity used directly, as a platform repo composes them: plain refs, partial
 * props, validation with the construct path, warnings as annotations (issue 11).
 */
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { Connectivity } from "../modules/hybrid-nodes/connectivity";
import { HybridOptions, HybridSchema } from "../modules/hybrid-nodes/config";
import { HybridNodes } from "../modules/hybrid-nodes/hybrid-nodes";
import { errorOf, hybridLibClusterAttributes, Json, twoSubnetVpc } from "./helpers";

const NOW = new Date("2026-11-28T10:00:00Z");
const vpc: IVpcRef = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], routeTables: true }));
const remoteNetworks = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
const adopted: IClusterRef = ClusterRef.fromAttributes({ ...hybridLibClusterAttributes, remoteNetworks }, vpc);
const minimal: HybridOptions = {
  remoteNodeCidrs: ["192.168.100.0/23"],
  remotePodCidrs: ["192.168.128.0/18"],
  connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
};

function build(extra: Partial<ConstructorParameters<typeof HybridNodes>[2]> = {}, cluster: IClusterRef = adopted): { json: Json; hybrid: HybridNodes } {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const hybrid = new HybridNodes(stack, "hybrid", { ...minimal, vpc, cluster, now: NOW, ...extra });
  return { json: JSON.parse(Testing.synth(stack)), hybrid };
}
const warningsOf = (hybrid: HybridNodes): string[] => hybrid.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data));

// The Options interfaces equal the schemas' input types: test/option-types.test.ts.

test("each @default in the Options JSDoc equals the schema default", () => {
  const parsed = HybridSchema.parse(minimal);
  // Written out from config.ts's HybridOptions/ConnectivityOptions JSDoc.
  expect({
    podCidrsRoutable: parsed.podCidrsRoutable,
    webhookPorts: parsed.webhookPorts,
    dnsClientCidrs: parsed.dnsClientCidrs,
    inboundResolver: parsed.inboundResolver,
    credentials: parsed.credentials,
    podIdentity: parsed.podIdentity,
    cilium: parsed.cilium,
    vpcRoutes: parsed.connectivity.vpcRoutes,
    amazonSideAsn: parsed.connectivity.gateway.amazonSideAsn,
    customerGatewayAsn: parsed.connectivity.vpn?.customerGatewayAsn,
    routing: parsed.connectivity.vpn?.routing,
  }).toEqual({
    podCidrsRoutable: true,
    webhookPorts: [443, 8443, 9443, 10250],
    dnsClientCidrs: [],
    inboundResolver: true,
    credentials: {},
    podIdentity: false,
    cilium: { chartVersion: "1.17.6", podCidrMaskSize: 25 },
    vpcRoutes: true,
    amazonSideAsn: 64512,
    customerGatewayAsn: 65000,
    routing: "static",
  });
  expect(HybridSchema.parse({ ...minimal, credentials: { ssm: {} } }).credentials.ssm).toEqual({ registrationLimit: 10, expiresInDays: 7 });
  expect(HybridSchema.parse({ ...minimal, connectivity: { ...minimal.connectivity, directConnect: {} } }).connectivity.directConnect).toEqual({ amazonSideAsn: 64513 });
});

test("partial props on plain refs synthesize; region, account and partition come from the cluster ref", () => {
  const { json, hybrid } = build();
  const role = Object.values(json.resource.aws_iam_role as Record<string, Json>)[0];
  expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.ArnEquals).toEqual({ "aws:SourceArn": "arn:aws:ssm:eu-west-1:111122223333:*" });
  expect(Object.keys(json.provider)).toEqual(expect.arrayContaining(["aws", "helm", "kubernetes"])); // ensureKubernetesProviders
  expect(hybrid.routableOnPremCidrs).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
  expect(hybrid.activation).toBeDefined();
  expect(hybrid.connectivity.vpnConnection).toBeDefined();
  expect(hybrid.resolverSecurityGroup).toBeDefined();
  expect(Object.keys(hybrid.securityGroupRules)).toContain("dns-udp-53-192-168-128-0-18");
});

test("an adopted cluster gets the same warnings as the YAML path, as annotations (issue 11.2)", () => {
  const { hybrid } = build();
  expect(warningsOf(hybrid)).toEqual([
    "hybrid: the cluster is adopted, so its remote_network_config and authentication mode are not managed here: it must already list the hybrid remote node and pod networks and use authentication mode API or API_AND_CONFIG_MAP (HYB-CL-01), or nodes cannot join",
    "hybrid: the cluster is adopted: the eks-pod-identity-agent add-on must be installed on it (with daemonsets.hybrid.create: true for Pod Identity on hybrid nodes); it is not managed here",
  ]);
});

test("remote networks that contradict the cluster's are refused", () => {
  expect(errorOf(() => build({ remotePodCidrs: ["192.168.192.0/18"] }))).toBe(
    'lib/hybrid: 1 error\n  - hybrid.remotePodCidrs: differs from the cluster\'s remote pod networks (192.168.128.0/18); got ["192.168.192.0/18"]; allowed: the same CIDRs as cluster.remoteNetworks.podCidrs',
  );
  const cloudOnly = { ...adopted, created: true, remoteNetworks: undefined };
  expect(errorOf(() => build({}, cloudOnly))).toMatch(/^lib\/hybrid: 1 error\n {2}- hybrid: is given for a cluster without remote networks/);
});

// HYB-NET-06 / EFS-MT-03: VpcRef attributes may leave routeTableId out; on-prem routes then had nowhere to go, silently.
test("a VPC whose subnets have no route table id is refused while connectivity routes the VPC, and accepted with vpcRoutes: false", () => {
  const noTables: IVpcRef = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"] }));
  const cluster = ClusterRef.fromAttributes({ ...hybridLibClusterAttributes, remoteNetworks }, noTables);
  const synth = (connectivity: HybridOptions["connectivity"]) => {
    const stack = new TerraformStack(Testing.app(), "lib");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new HybridNodes(stack, "hybrid", { ...minimal, connectivity, vpc: noTables, cluster, now: NOW });
    return JSON.parse(Testing.synth(stack)) as Json;
  };
  const why = "is required: hybrid routing (connectivity.vpcRoutes) adds the on-prem routes to the route table of every subnet of the VPC; without it this subnet's nodes, pods, mount targets or control-plane interfaces get no way back to on-prem";
  const allowed = "allowed: the subnet's route table id (rtb-...), or connectivity.vpcRoutes: false when you route to on-prem yourself";
  expect(errorOf(() => synth(minimal.connectivity))).toBe(
    `lib/hybrid/connectivity: 2 errors\n  - vpc.subnets.a.routeTableId: ${why}; ${allowed}\n  - vpc.subnets.b.routeTableId: ${why}; ${allowed}`,
  );
  const json = synth({ ...minimal.connectivity, vpcRoutes: false });
  expect((json.resource as Json).aws_route).toBeUndefined();
});

test("bad typed values are caught on the construct path, all at once, prefixed by the construct path", () => {
  const message = errorOf(() =>
    build({
      remoteNodeCidrs: ["192.168.100.0/33"],
      dnsClientCidrs: ["0.0.0.0/1"],
      connectivity: { gateway: { type: "transit-gateway", transitGatewayId: "tgw-1" }, vpn: { customerGatewayIp: "198.51.100.10" } },
    }),
  );
  expect(message).toMatch(/^lib\/hybrid: \d+ errors/);
  expect(message).toContain("hybrid.remoteNodeCidrs[0]: is not an IPv4 CIDR");
  expect(message).toContain('hybrid.connectivity.gateway.transitGatewayId: must be an id such as tgw-0123456789abcdef0; got "tgw-1"');
});

test("tags reach every taggable resource; the activation keeps its tags out of replacement", () => {
  const { json } = build({ tags: { team: "platform" } });
  for (const type of ["aws_iam_role", "aws_ssm_activation", "aws_ssm_parameter", "aws_route53_resolver_endpoint", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment", "aws_customer_gateway", "aws_vpn_connection", "aws_eks_access_entry"]) {
    for (const r of Object.values(json.resource[type] as Record<string, Json>)) expect([type, r.tags?.team]).toEqual([type, "platform"]);
  }
  expect(Object.values(json.resource.aws_ssm_activation as Record<string, Json>)[0].lifecycle.ignore_changes).toEqual(["expiration_date", "tags", "tags_all"]);
});

test("ciliumValues merge over ours; the IPAM pool cannot be overridden", () => {
  const { json } = build({ ciliumValues: { operator: { replicas: 2 }, hubble: { enabled: true } } });
  const values = JSON.parse(Object.values(json.resource.helm_release as Record<string, Json>)[0].values[0]);
  expect(values.operator.replicas).toBe(2);
  expect(values.operator.unmanagedPodWatcher).toEqual({ restart: false });
  expect(values.hubble).toEqual({ enabled: true });
  expect(errorOf(() => build({ ciliumValues: { ipam: { operator: { clusterPoolIPv4PodCIDRList: ["10.0.0.0/8"] } } } }))).toBe(
    'lib/hybrid: 1 error\n  - ciliumValues.ipam.operator.clusterPoolIPv4PodCIDRList: cannot be overridden: the IPAM pool is the cluster\'s remote pod networks (HYB-CNI-01); got ["10.0.0.0/8"]; allowed: remotePodCidrs',
  );
});

test("Connectivity on its own validates its options and takes an existing attachment", () => {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const c = new Connectivity(stack, "conn", {
    vpc,
    cluster: adopted,
    onPremCidrs: ["192.168.100.0/23"],
    gateway: { type: "transit-gateway", transitGatewayId: "tgw-0a1b2c3d4e5f60718", vpcAttachmentId: "tgw-attach-0a1b2c3d4e5f60718" },
  });
  const json = JSON.parse(Testing.synth(stack));
  expect(c.vpcAttachmentId).toBe("tgw-attach-0a1b2c3d4e5f60718");
  expect(json.resource.aws_ec2_transit_gateway_vpc_attachment).toBeUndefined();
  expect(Object.keys(c.routes).sort()).toEqual(["a-192-168-100-0-23", "b-192-168-100-0-23"]);
  const stack2 = new TerraformStack(Testing.app(), "lib");
  expect(errorOf(() => new Connectivity(stack2, "conn", { vpc, cluster: adopted, onPremCidrs: [], gateway: { type: "virtual-private-gateway" }, vpn: { customerGatewayIp: "198.51.100.10", routing: "bgp", customerGatewayAsn: 64512 } }))).toBe(
    "lib/conn: 1 error\n  - connectivity.vpn.customerGatewayAsn: equals connectivity.gateway.amazonSideAsn; the on-prem device and AWS must have different ASNs to peer over BGP; got 64512; allowed: your device's ASN, different from the Amazon side",
  );
});

test("every JSON @default in the Options JSDoc (config.ts) equals the schema default", () => {
  const fs = require("fs") as typeof import("fs");
  const source: string = fs.readFileSync(require("path").join(__dirname, "..", "modules", "hybrid-nodes", "config.ts"), "utf8");
  const pem = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----";
  const parsed = HybridSchema.parse({
    ...minimal,
    connectivity: { ...minimal.connectivity, directConnect: {} },
    credentials: { ssm: {}, iamRolesAnywhere: { caCertificatePem: pem } },
  }) as Record<string, any>;
  const where: Record<string, unknown> = {
    HybridOptions: parsed,
    ConnectivityOptions: parsed.connectivity,
    GatewayOptions: parsed.connectivity.gateway,
    VpnOptions: parsed.connectivity.vpn,
    DirectConnectOptions: parsed.connectivity.directConnect,
    SsmCredentialsOptions: parsed.credentials.ssm,
    RolesAnywhereOptions: parsed.credentials.iamRolesAnywhere,
    CredentialsOptions: parsed.credentials,
    CiliumOptions: parsed.cilium,
  };
  let checked = 0;
  for (const m of source.matchAll(/export interface (\w+Options) \{([\s\S]*?)\n\}/g)) {
    const target = where[m[1]] as Record<string, unknown>;
    expect([m[1], target]).not.toEqual([m[1], undefined]);
    for (const f of m[2].matchAll(/@default ([^*\n]+?)\s*\*\/\s*\n\s*(\w+)\?:/g)) {
      let expected: unknown;
      try {
        expected = JSON.parse(f[1].replace(/(\w+):/g, '"$1":'));
      } catch {
        continue; // "- ..." prose defaults: no schema default
      }
      expect([m[1], f[2], target[f[2]]]).toEqual([m[1], f[2], expected]);
      checked++;
    }
  }
  expect(checked).toBe(16);
});

test("a set option that has no effect is an annotation, not silently ignored", () => {
  const stack = new TerraformStack(Testing.app(), "lib");
  const c = new Connectivity(stack, "conn", {
    vpc,
    cluster: adopted,
    onPremCidrs: ["192.168.100.0/23"],
    gateway: { type: "transit-gateway", transitGatewayId: "tgw-0a1b2c3d4e5f60718", amazonSideAsn: 64600 },
  });
  expect(c.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data))).toEqual([
    "connectivity.gateway.amazonSideAsn: is ignored: the transit gateway exists already (transitGatewayId), its ASN is set where it was created",
  ]);
  const { hybrid } = build({ inboundResolver: false, dnsClientCidrs: ["10.10.0.0/16"] });
  expect(warningsOf(hybrid)).toContain("hybrid.dnsClientCidrs: is ignored: inboundResolver is false");
});

test("a hand-built cluster ref with a bad account id or region is refused", () => {
  expect(errorOf(() => build({}, { ...adopted, accountId: "abc", region: "mars-1" }))).toBe(
    'lib/hybrid: 2 errors\n  - cluster.accountId: must be a 12-digit AWS account id; got "abc"\n  - cluster.region: must be an AWS region code such as eu-west-1; got "mars-1"',
  );
});
