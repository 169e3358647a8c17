/**
 * Maps keyed by names users choose (subnets) are plain objects: a name that matches nothing but is
 * a property every object inherits ("constructor", "toString") must not pass as a subnet
 * (found by a mutation-testing review of core/refs.ts); and resources are made in key order.
 */
import { ClusterRef, subnetsNamed, VpcRef } from "../modules/core/refs";
import { own, sortedEntries } from "../modules/core/records";
import { parseEnvironment } from "../modules/config/load";
import { cloudEnvironment, configErrors, existingVpcEnvironment, patch, twoSubnetVpcAttributes } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpcAttributes);

test("own: only the map's own keys", () => {
  expect(own({ a: 1 }, "a")).toBe(1);
  expect(own({ a: 1 }, "constructor")).toBeUndefined();
  expect(own({ a: 1 }, "toString")).toBeUndefined();
  expect(own({ constructor: 2 } as Record<string, number>, "constructor")).toBe(2);
});

describe("sortedEntries", () => {
  test("orders entries by key, whatever the insertion order", () => {
    expect(sortedEntries({ "private-b": 2, "private-a": 1, "private-c": 3 })).toEqual([
      ["private-a", 1],
      ["private-b", 2],
      ["private-c", 3],
    ]);
  });

  test("orders by UTF-16 code units, not by locale or number: 'B' < 'a', 'a-10' < 'a-9'", () => {
    expect(sortedEntries({ a: 1, B: 2, "a-9": 3, "a-10": 4 }).map(([k]) => k)).toEqual(["B", "a", "a-10", "a-9"]);
  });

  test("keeps each value with its key, own keys only, and an empty map gives no entries", () => {
    const inherited = Object.create({ zeta: "inherited" }) as Record<string, string>;
    inherited.beta = "b";
    inherited.alpha = "a";
    expect(sortedEntries(inherited)).toEqual([
      ["alpha", "a"],
      ["beta", "b"],
    ]);
    expect(sortedEntries({})).toEqual([]);
  });
});

test("subnetsNamed refuses an inherited property name", () => {
  expect(() => subnetsNamed(vpc, ["constructor"])).toThrow("unknown subnet 'constructor' (validation should have caught this)");
});

test("ClusterRef.fromAttributes reports subnetNames that are inherited property names", () => {
  const attrs = { name: "lib", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", securityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", region: "eu-west-1", accountId: "111122223333" };
  expect(configErrors(() => ClusterRef.fromAttributes({ ...attrs, subnetNames: ["app-a", "constructor"] }, vpc))).toEqual([
    'cluster.subnetNames[1]: names no subnet of the VPC; got "constructor"; allowed: app-a, app-b',
  ]);
});

test("an environment file whose EFS subnets name an inherited property is refused", () => {
  const errors = configErrors(() => parseEnvironment(patch(existingVpcEnvironment(), { efs: { subnets: ["constructor"] } }), "env.yaml"));
  expect(errors.some((e) => e.startsWith("efs.subnets[0]") && e.includes('"constructor"'))).toBe(true);
});

test("a created VPC: a nodegroup subnet named like an inherited property is refused", () => {
  const errors = configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { subnets: ["constructor"] } } } }), "env.yaml"));
  expect(errors.some((e) => e.includes("subnets[0]") && e.includes('"constructor"'))).toBe(true);
});
