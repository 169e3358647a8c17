/**
 * Connectivity (modules/hybrid-nodes/connectivity.ts) used directly: validation of its props
 * (paths, tokens, refused schemas) and the attributes of the gateways it creates.
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ClusterRef, IClusterRef, IVpcRef, VpcRef } from "../modules/core/refs";
import { Connectivity, ConnectivityProps } from "../modules/hybrid-nodes/connectivity";
import { errorOf, hybridLibClusterAttributes, Json, onlyResource as only, twoSubnetVpc } from "./helpers";

const vpc: IVpcRef = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], routeTables: true }));
const clusterAttrs = hybridLibClusterAttributes;
const cluster: IClusterRef = ClusterRef.fromAttributes(clusterAttrs, vpc);

type Options = Omit<ConnectivityProps, "vpc" | "cluster" | "onPremCidrs">;

/** Builds a Connectivity in a fresh stack and synthesizes it. */
function synth(options: Options, clusterRef: IClusterRef = cluster): { json: Json; c: Connectivity } {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const c = new Connectivity(stack, "conn", { vpc, cluster: clusterRef, onPremCidrs: ["192.168.100.0/23"], ...options });
  return { json: JSON.parse(Testing.synth(stack)), c };
}

test("a created virtual private gateway carries the given tags plus Name <cluster>-hybrid", () => {
  const { json } = synth({ gateway: { type: "virtual-private-gateway" }, vpn: { customerGatewayIp: "198.51.100.10", routing: "bgp" }, tags: { team: "storage" } });
  expect(only(json, "aws_vpn_gateway").tags).toEqual({ team: "storage", Name: "lib-hybrid" });
});

test("a VPN on a virtual private gateway is attached to that gateway (vpn_gateway_id), not to a transit gateway", () => {
  const { json } = synth({ gateway: { type: "virtual-private-gateway" }, vpn: { customerGatewayIp: "198.51.100.10", routing: "bgp" } });
  const vpn = only(json, "aws_vpn_connection");
  expect(Object.keys(json.resource.aws_vpn_gateway)).toEqual(["conn_vpn-gateway_F41B827D"]);
  expect(vpn.vpn_gateway_id).toBe("${aws_vpn_gateway.conn_vpn-gateway_F41B827D.id}");
  expect(vpn.transit_gateway_id).toBeUndefined();
});

test("a created Direct Connect gateway is named <cluster>-hybrid-dx and, with no allowedPrefixes nor extra prefixes, advertises exactly the VPC CIDRs", () => {
  const { json } = synth({ gateway: { type: "virtual-private-gateway" }, directConnect: {} });
  expect(only(json, "aws_dx_gateway").name).toBe("lib-hybrid-dx");
  expect(only(json, "aws_dx_gateway_association").allowed_prefixes).toEqual(["10.40.0.0/16"]);
});

test("the Direct Connect gateway name stays within 100 characters: a 100-character cluster name is cut to 97 characters of <cluster>-hybrid before -dx", () => {
  const longName = "c".repeat(100);
  const longCluster = ClusterRef.fromAttributes({ ...clusterAttrs, name: longName }, vpc);
  const { json } = synth({ gateway: { type: "virtual-private-gateway" }, directConnect: {} }, longCluster);
  const name = only(json, "aws_dx_gateway").name as string;
  expect(name).toBe("ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc-dx");
  expect(name.length).toBe(100);
});

test("props the schema refuses throw a ConfigValidationError with the construct path and connectivity.<field> paths", () => {
  const stack = new TerraformStack(Testing.app(), "lib");
  const bad = { gateway: { type: "bogus" } } as unknown as Options;
  expect(errorOf(() => new Connectivity(stack, "conn", { vpc, cluster, onPremCidrs: ["192.168.100.0/23"], ...bad }))).toBe(
    'lib/conn: 1 error\n  - connectivity.gateway.type: must be virtual-private-gateway or transit-gateway; got "bogus"',
  );
});

test("props may hold a cdktf token (an existing transit gateway id from a variable): it is accepted and routed to as is", () => {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const tgw = new TerraformVariable(stack, "tgw", { type: "string" }).stringValue;
  const c = new Connectivity(stack, "conn", { vpc, cluster, onPremCidrs: ["192.168.100.0/23"], gateway: { type: "transit-gateway", transitGatewayId: tgw, vpcAttachmentId: "tgw-attach-0a1b2c3d4e5f60718" } });
  expect(c.transitGatewayId).toBe(tgw);
  const json = JSON.parse(Testing.synth(stack));
  const routes = Object.values(json.resource.aws_route as Record<string, Json>).map((r) => r.transit_gateway_id);
  expect(routes).toEqual(["${var.tgw}", "${var.tgw}"]);
});
