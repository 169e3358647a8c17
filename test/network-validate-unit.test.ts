/** Unit tests for modules/network/validate.ts: checkSubnetNames and validateNetwork called directly. */
import { Issues } from "../modules/core/errors";
import { CreatedNetworkConfig, ExistingNetworkConfig } from "../modules/network/config";
import { checkSubnetNames, SubnetInfo, validateNetwork } from "../modules/network/validate";

function created(overrides: Partial<CreatedNetworkConfig> = {}): CreatedNetworkConfig {
  return {
    mode: "create",
    vpcCidr: "10.0.0.0/16",
    privateSubnets: {
      "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
      "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
    },
    vpcEndpoints: true,
    ...overrides,
  };
}

function existing(overrides: Partial<ExistingNetworkConfig> = {}): ExistingNetworkConfig {
  return {
    mode: "existing",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidrs: ["10.40.0.0/16"],
    subnets: {
      "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: "10.40.0.0/20" },
      "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: "10.40.16.0/20" },
    },
    ...overrides,
  };
}

function run(config: CreatedNetworkConfig | ExistingNetworkConfig): Issues {
  const issues = new Issues();
  validateNetwork(config, issues, "network");
  return issues;
}

describe("checkSubnetNames", () => {
  test("an unknown subnet name with no subnets declared says '(none declared)' as allowed", () => {
    const issues = new Issues();
    expect(checkSubnetNames(["ghost"], {}, issues, "cluster.subnets")).toEqual([]);
    expect(issues.errors).toEqual([{ path: "cluster.subnets[0]", message: "names no private subnet of network", value: "ghost", allowed: "(none declared)" }]);
  });

  test("an unknown subnet name lists the declared subnet names sorted alphabetically", () => {
    const subnets: Record<string, SubnetInfo> = {
      zeta: { name: "zeta", availabilityZone: "eu-west-1a" },
      alpha: { name: "alpha", availabilityZone: "eu-west-1b" },
    };
    const issues = new Issues();
    checkSubnetNames(["ghost"], subnets, issues, "cluster.subnets");
    expect(issues.errors).toEqual([{ path: "cluster.subnets[0]", message: "names no private subnet of network", value: "ghost", allowed: "alpha, zeta" }]);
  });

  test("returns the distinct AZs of the named subnets sorted, not in naming order", () => {
    const subnets: Record<string, SubnetInfo> = {
      "sub-a": { name: "sub-a", availabilityZone: "eu-west-1a" },
      "sub-b": { name: "sub-b", availabilityZone: "eu-west-1b" },
    };
    const issues = new Issues();
    expect(checkSubnetNames(["sub-b", "sub-a"], subnets, issues, "cluster.subnets")).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(issues.errors).toEqual([]);
  });
});

describe("validateNetwork, existing VPC", () => {
  test("an existing network with no subnets is refused at network.subnets", () => {
    expect(run(existing({ subnets: {} })).errors).toEqual([
      { path: "network.subnets", message: "must list at least two private subnets in different availability zones", value: {} },
    ]);
  });

  test("an existing subnet whose cidr lies outside the VPC is reported", () => {
    const config = existing();
    const issues = run({ ...config, subnets: { ...config.subnets, "app-b": { ...config.subnets["app-b"], cidr: "10.50.0.0/20" } } });
    expect(issues.errors).toEqual([{ path: "network.subnets.app-b.cidr", message: "lies outside the VPC", value: "10.50.0.0/20", allowed: "a range inside 10.40.0.0/16" }]);
  });

  test("a subnet inside any one of several VPC CIDRs passes; one outside all of them lists the CIDRs joined by ' or '", () => {
    const config = existing({ vpcCidrs: ["10.40.0.0/16", "10.41.0.0/16"] });
    const issues = run({
      ...config,
      subnets: {
        "app-a": { ...config.subnets["app-a"], cidr: "10.41.0.0/20" },
        "app-b": { ...config.subnets["app-b"], cidr: "10.50.0.0/20" },
      },
    });
    expect(issues.errors).toEqual([
      { path: "network.subnets.app-b.cidr", message: "lies outside the VPC", value: "10.50.0.0/20", allowed: "a range inside 10.40.0.0/16 or 10.41.0.0/16" },
    ]);
  });

  test("the /16-/28 subnet size limit is not applied to existing subnets (a /29 is accepted)", () => {
    const config = existing();
    const issues = run({ ...config, subnets: { ...config.subnets, "app-b": { ...config.subnets["app-b"], cidr: "10.40.16.0/29" } } });
    expect(issues.errors).toEqual([]);
  });

  test("an existing subnet with an unparseable cidr (e.g. a token) is skipped by the VPC and overlap checks", () => {
    const config = existing();
    const issues = run({ ...config, subnets: { ...config.subnets, "app-b": { ...config.subnets["app-b"], cidr: "${TfToken[TOKEN.2]}" } } });
    expect(issues.errors).toEqual([]);
  });
});

describe("validateNetwork, created VPC", () => {
  test("a public subnet overlapping a private subnet is reported at its publicSubnets path", () => {
    const issues = run(created({ publicSubnets: { "public-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/24" } } }));
    expect(issues.errors).toEqual([
      { path: "network.publicSubnets.public-a.cidr", message: "overlaps network.privateSubnets.private-a.cidr (10.0.0.0/19)", value: "10.0.0.0/24" },
    ]);
  });

  test("a /28 VPC and /28 subnets are accepted by the AWS size limit", () => {
    const issues = run(
      created({
        vpcCidr: "10.0.0.0/28",
        privateSubnets: {
          "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/28" },
          "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.0.0/28" },
        },
      }),
    );
    expect(issues.errors).toEqual([{ path: "network.privateSubnets.private-b.cidr", message: "overlaps network.privateSubnets.private-a.cidr (10.0.0.0/28)", value: "10.0.0.0/28" }]);
  });

  test("a /29 VPC CIDR is refused with the AWS VPC limit message", () => {
    const issues = run(
      created({
        vpcCidr: "10.0.0.0/29",
        privateSubnets: {
          "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/30" },
          "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.0.4/30" },
        },
      }),
    );
    expect(issues.errors).toEqual([
      { path: "network.vpcCidr", message: "must be between /16 and /28 (AWS VPC limit)", value: "10.0.0.0/29", allowed: "e.g. 10.0.0.0/16" },
      { path: "network.privateSubnets.private-a.cidr", message: "must be between /16 and /28 (AWS subnet limit)", value: "10.0.0.0/30", allowed: "e.g. 10.0.0.0/19" },
      { path: "network.privateSubnets.private-b.cidr", message: "must be between /16 and /28 (AWS subnet limit)", value: "10.0.0.4/30", allowed: "e.g. 10.0.0.0/19" },
    ]);
  });

  test("a /16 created subnet is accepted and a /15 one is refused with the AWS subnet limit message", () => {
    const issues = run(
      created({
        privateSubnets: {
          "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/16" },
          "private-b": { availabilityZone: "eu-west-1b", cidr: "10.2.0.0/15" },
        },
      }),
    );
    expect(issues.errors).toEqual([
      { path: "network.privateSubnets.private-b.cidr", message: "must be between /16 and /28 (AWS subnet limit)", value: "10.2.0.0/15", allowed: "e.g. 10.0.0.0/19" },
      { path: "network.privateSubnets.private-b.cidr", message: "lies outside the VPC", value: "10.2.0.0/15", allowed: "a range inside 10.0.0.0/16" },
    ]);
  });

  test("an unparseable VPC CIDR (e.g. a token) disables the inside-the-VPC check instead of failing every subnet", () => {
    const issues = run(created({ vpcCidr: "${TfToken[TOKEN.1]}" }));
    expect(issues.errors).toEqual([]);
  });

  test("a created subnet with an empty cidr (schema bypassed) does not crash the size check", () => {
    const issues = run(
      created({
        privateSubnets: {
          "private-a": { availabilityZone: "eu-west-1a", cidr: "" },
          "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
        },
      }),
    );
    expect(issues.errors).toEqual([]);
  });
});
