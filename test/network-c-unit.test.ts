/**
 * Unit tests for modules/network/network.ts: Network.subnetsNamed / routeTablesOf,
 * and the availability zone check of the construct path (checkZones).
 */
import { Testing, TerraformStack } from "cdktf";
import { Network, NetworkProps } from "../modules/network/network";
import { configErrors } from "./helpers";

/** A Network named "net" in a stack named "lib" (node path lib/net). */
function network(props: NetworkProps): Network {
  const stack = new TerraformStack(Testing.app(), "lib");
  return new Network(stack, "net", props);
}

/** An adopted VPC: app-a and app-c share a route table, app-b has its own. */
function adopted(): Network {
  return network({
    mode: "existing",
    name: "n",
    region: "eu-west-1",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidrs: ["10.40.0.0/16"],
    subnets: {
      "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" },
      "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002" },
      "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60001" },
    },
  });
}

describe("Network.subnetsNamed", () => {
  test("returns the named subnets in the order given", () => {
    expect(adopted().subnetsNamed(["app-b", "app-a"])).toEqual([
      { name: "app-b", id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: undefined },
      { name: "app-a", id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: undefined },
    ]);
  });

  test("an unknown subnet name throws, naming the construct path and the name", () => {
    const net = adopted();
    expect(() => net.subnetsNamed(["app-a", "zz"])).toThrow(new Error("lib/net: unknown subnet 'zz' (validation should have caught this)"));
  });
});

describe("Network.routeTablesOf", () => {
  test("returns each route table once, keyed by the first subnet that uses it", () => {
    expect(adopted().routeTablesOf(["app-a", "app-b", "app-c"])).toEqual([
      { key: "app-a", id: "rtb-0a1b2c3d4e5f60001" },
      { key: "app-b", id: "rtb-0a1b2c3d4e5f60002" },
    ]);
  });
});

describe("availability zone check (construct path)", () => {
  test("a subnet outside the region is refused under its own private or public path, with the region's zones as allowed", () => {
    const errors = configErrors(() =>
      network({
        mode: "create",
        name: "n",
        region: "eu-west-1",
        vpcCidr: "10.0.0.0/16",
        privateSubnets: {
          "private-a": { availabilityZone: "us-east-1a", cidr: "10.0.0.0/19" },
          "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
        },
        publicSubnets: { pub: { availabilityZone: "us-east-1b", cidr: "10.0.64.0/24" } },
      }),
    );
    expect(errors).toEqual([
      'network.privateSubnets.private-a.availabilityZone: is not in the region eu-west-1; got "us-east-1a"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a',
      'network.publicSubnets.pub.availabilityZone: is not in the region eu-west-1; got "us-east-1b"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a',
    ]);
  });
});
