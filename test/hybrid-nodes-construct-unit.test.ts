/**
 * HybridNodes (modules/hybrid-nodes/hybrid-nodes.ts) built directly, without synthesis: the
 * deprecated getter, the construct-path validation (token-tolerant parsing, the warning path of
 * ignored connectivity options, no cascade error after a schema failure), the rules left out when
 * pod networks are not routable, and the exported helpers.
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { HybridOptions } from "../modules/hybrid-nodes/config";
import { expiryFromNow, HybridNodes, operatorRoutes } from "../modules/hybrid-nodes/hybrid-nodes";
import { errorOf, hybridLibClusterAttributes, twoSubnetVpc } from "./helpers";

const NOW = new Date("2026-11-28T10:00:00Z");
const vpc: IVpcRef = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], routeTables: true }));
const adopted: IClusterRef = ClusterRef.fromAttributes({ ...hybridLibClusterAttributes, remoteNetworks: { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] } }, vpc);
const minimal: HybridOptions = {
  remoteNodeCidrs: ["192.168.100.0/23"],
  remotePodCidrs: ["192.168.128.0/18"],
  connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
};

type Props = ConstructorParameters<typeof HybridNodes>[2];

/** Builds HybridNodes in a fresh stack (no synthesis). `extra` may use the stack (for tokens). */
function build(extra: (stack: TerraformStack) => Partial<Props> = () => ({})): HybridNodes {
  const stack = new TerraformStack(Testing.app(), "lib");
  return new HybridNodes(stack, "hybrid", { ...minimal, vpc, cluster: adopted, now: NOW, ...extra(stack) });
}
const warningsOf = (hybrid: HybridNodes): string[] => hybrid.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data));

test("the deprecated onPremCidrs getter returns the routable on-prem CIDRs", () => {
  expect(build().onPremCidrs).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
  expect(build(() => ({ podCidrsRoutable: false })).onPremCidrs).toEqual(["192.168.100.0/23"]);
});

test("a cdktf token in the hybrid options (an existing transit gateway id from the same stack) is accepted", () => {
  const hybrid = build((stack) => ({
    connectivity: { gateway: { type: "transit-gateway", transitGatewayId: new TerraformVariable(stack, "tgw", { type: "string" }).stringValue } },
  }));
  expect(hybrid.config.connectivity.gateway.transitGatewayId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
});

test("an amazonSideAsn set with an existing transit gateway is warned about under hybrid.connectivity.gateway.amazonSideAsn", () => {
  const hybrid = build(() => ({ connectivity: { gateway: { type: "transit-gateway", transitGatewayId: "tgw-0a1b2c3d4e5f60718", amazonSideAsn: 64600 } } }));
  expect(warningsOf(hybrid)).toContain("hybrid.connectivity.gateway.amazonSideAsn: is ignored: the transit gateway exists already (transitGatewayId), its ASN is set where it was created");
});

test("hybrid options the schema refuses give only the schema's error, not also 'is required in the hybrid layout'", () => {
  expect(errorOf(() => build(() => ({ cilium: { chartVersion: "2.0.0" } })))).toBe(
    'lib/hybrid: 1 error\n  - hybrid.cilium.chartVersion: must be a Cilium chart version such as 1.17.6; got "2.0.0"',
  );
});

test("with podCidrsRoutable false, no security group rule names a pod CIDR or anything else than the node CIDRs", () => {
  const hybrid = build(() => ({ podCidrsRoutable: false }));
  expect(Object.keys(hybrid.securityGroupRules).sort()).toEqual([
    "cp-egress-10250-192-168-100-0-23",
    "cp-ingress-443-192-168-100-0-23",
    "dns-tcp-53-192-168-100-0-23",
    "dns-udp-53-192-168-100-0-23",
    "resolver-tcp-53-192-168-100-0-23",
    "resolver-udp-53-192-168-100-0-23",
  ]);
});

test("operatorRoutes skips an operator CIDR inside any one of several VPC CIDRs", () => {
  expect(operatorRoutes(["10.40.1.0/24", "10.99.0.0/24"], [], ["10.40.0.0/16", "10.50.0.0/16"])).toEqual(["10.99.0.0/24"]);
});

test("expiryFromNow gives an RFC 3339 date N days later at midnight UTC, without milliseconds", () => {
  expect(expiryFromNow(new Date("2026-11-28T10:11:12.345Z"), 7)).toBe("2026-12-05T00:00:00Z");
});
