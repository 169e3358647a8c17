/** Unit tests for modules/hybrid-nodes/validate.ts: validateHybrid called directly (resolver, remote networks, cluster agreement). */
import { Issues } from "../modules/core/errors";
import { HybridConfig, HybridSchema } from "../modules/hybrid-nodes/config";
import { HybridValidationContext, validateHybrid } from "../modules/hybrid-nodes/validate";
import { SubnetInfo } from "../modules/network/validate";

const NOW = new Date("2026-11-28T10:00:00Z");

const TWO_SUBNETS: Record<string, SubnetInfo> = {
  "private-a": { name: "private-a", availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
  "private-b": { name: "private-b", availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
};

/** A valid hybrid section (schema defaults applied); `overrides` are raw schema input. */
function hybridConfig(overrides: Record<string, unknown> = {}): HybridConfig {
  return HybridSchema.parse({
    remoteNodeCidrs: ["192.168.100.0/23"],
    remotePodCidrs: ["192.168.128.0/18"],
    connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
    ...overrides,
  });
}

function ctx(overrides: Partial<HybridValidationContext> = {}): HybridValidationContext {
  return {
    layout: "hybrid",
    subnets: TWO_SUBNETS,
    vpcCidrs: ["10.0.0.0/16"],
    serviceIpv4Cidr: "172.20.0.0/16",
    clusterSubnetNames: ["private-a", "private-b"],
    now: NOW,
    ...overrides,
  };
}

function run(config: HybridConfig | undefined, context: HybridValidationContext = ctx()): Issues {
  const issues = new Issues();
  validateHybrid(config, context, issues);
  return issues;
}

test("the baseline hybrid section gives neither errors nor warnings", () => {
  const issues = run(hybridConfig());
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([]);
});

test("a hybrid section in the cloud-only layout gets exactly the 'ignored' warning and no errors", () => {
  const issues = run(hybridConfig(), ctx({ layout: "cloud-only" }));
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([
    { path: "hybrid", message: "is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)" },
  ]);
});

describe("inboundResolver: false", () => {
  test("resolverSubnets set while inboundResolver is false is warned as ignored, with its value", () => {
    const issues = run(hybridConfig({ inboundResolver: false, resolverSubnets: ["private-a"] }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([{ path: "hybrid.resolverSubnets", message: "is ignored: inboundResolver is false", value: ["private-a"] }]);
  });

  test("inboundResolver false without resolverSubnets or dnsClientCidrs warns about nothing", () => {
    const issues = run(hybridConfig({ inboundResolver: false }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("inboundResolver false skips the resolver subnet checks (no two-AZ error even with no cluster subnets)", () => {
    const issues = run(hybridConfig({ inboundResolver: false, connectivity: { gateway: { type: "virtual-private-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } } }), ctx({ clusterSubnetNames: [] }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });
});

describe("resolver subnets", () => {
  test("an unknown resolver subnet next to a known one is reported only as unknown, not as spanning too few AZs", () => {
    const issues = run(hybridConfig({ resolverSubnets: ["private-a", "nope"] }));
    expect(issues.errors).toEqual([
      { path: "hybrid.resolverSubnets[1]", message: "names no private subnet of network", value: "nope", allowed: "private-a, private-b" },
    ]);
  });

  const TEN_SUBNETS: Record<string, SubnetInfo> = {};
  for (let i = 0; i < 11; i++) TEN_SUBNETS[`s${i}`] = { name: `s${i}`, availabilityZone: i % 2 === 0 ? "eu-west-1a" : "eu-west-1b" };

  test("exactly 10 resolver subnets (the endpoint's maximum) are accepted", () => {
    const names = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"];
    const issues = run(hybridConfig({ resolverSubnets: names }), ctx({ subnets: { ...TEN_SUBNETS, ...TWO_SUBNETS } }));
    expect(issues.errors).toEqual([]);
  });

  test("11 resolver subnets are refused: a resolver endpoint takes at most 10 IP addresses", () => {
    const names = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"];
    const issues = run(hybridConfig({ resolverSubnets: names }), ctx({ subnets: { ...TEN_SUBNETS, ...TWO_SUBNETS } }));
    expect(issues.errors).toEqual([
      { path: "hybrid.resolverSubnets", message: "lists 11 subnets; a resolver endpoint takes at most 10 IP addresses", value: names, allowed: "2-10 subnets" },
    ]);
  });
});

describe("remote networks", () => {
  test("a malformed remote CIDR (left to the schema) is skipped without an error or a crash", () => {
    const config = { ...hybridConfig(), remoteNodeCidrs: ["not-a-cidr"] };
    const issues = run(config);
    expect(issues.errors).toEqual([]);
  });

  test("a remote node network smaller than the Cilium per-node mask is not a pod-network error", () => {
    const issues = run(hybridConfig({ remoteNodeCidrs: ["192.168.100.0/27"] }));
    expect(issues.errors).toEqual([]);
  });

  test("a remote pod network exactly the size of the Cilium per-node mask (/25 with podCidrMaskSize 25) is accepted", () => {
    const issues = run(hybridConfig({ remotePodCidrs: ["192.168.128.0/25"] }));
    expect(issues.errors).toEqual([]);
  });

  test("a remote pod network smaller than the Cilium per-node mask is refused on cilium.podCidrMaskSize", () => {
    const issues = run(hybridConfig({ remotePodCidrs: ["192.168.128.0/26"] }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.cilium.podCidrMaskSize",
        message: "is larger than the pod network 192.168.128.0/26; Cilium could not carve per-node blocks from it",
        value: 25,
        allowed: "26..28",
      },
    ]);
  });
});

describe("agreement with the cluster's remote networks", () => {
  const created = (nodeCidrs: string[], podCidrs: string[]) => ({ created: true, remoteNetworks: { nodeCidrs, podCidrs }, podIdentityAgent: true });

  test("a created cluster without remote networks is refused with what to do", () => {
    const issues = run(hybridConfig(), ctx({ cluster: { created: true, podIdentityAgent: true } }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid",
        message:
          "is given for a cluster without remote networks; the cluster's remote_network_config would not list the hybrid networks and nodes could not join (HYB-NET-07)",
        value: undefined,
        allowed: "create the EksCluster with remoteNetworks { nodeCidrs, podCidrs } equal to remoteNodeCidrs and remotePodCidrs",
      },
    ]);
  });

  // HYB-NET-07: without them on the ref, FSx, EFS and Trident would not know the cluster is hybrid.
  test("an adopted cluster without known remote networks is refused, telling how to give them; the adoption warning stays", () => {
    const issues = run(hybridConfig(), ctx({ cluster: { created: false, podIdentityAgent: true } }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid",
        message: "is given for a cluster without remote networks; the cluster's remote_network_config would not list the hybrid networks and nodes could not join (HYB-NET-07)",
        value: undefined,
        allowed: "give ClusterRef.fromAttributes the cluster's remoteNetworks { nodeCidrs, podCidrs }, equal to remoteNodeCidrs and remotePodCidrs",
      },
    ]);
    expect(issues.warnings).toEqual([
      {
        path: "hybrid",
        message:
          "the cluster is adopted, so its remote_network_config and authentication mode are not managed here: it must already list the hybrid remote node and pod networks and use authentication mode API or API_AND_CONFIG_MAP (HYB-CL-01), or nodes cannot join",
      },
    ]);
  });

  test("a created cluster whose podCidrsRoutable differs from the hybrid section's is refused (CoreDNS placement, HYB-NET-05); an adopted one is not checked", () => {
    const remote = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
    expect(run(hybridConfig({ podCidrsRoutable: false }), ctx({ cluster: { created: true, podIdentityAgent: true, remoteNetworks: remote } })).errors).toEqual([
      {
        path: "hybrid.podCidrsRoutable",
        message: "differs from the cluster's remoteNetworks.podCidrsRoutable (true), by which it places CoreDNS",
        value: false,
        allowed: "the same value on both (remoteNetworks.podCidrsRoutable: false)",
      },
    ]);
    expect(run(hybridConfig({ podCidrsRoutable: false }), ctx({ cluster: { created: true, podIdentityAgent: true, remoteNetworks: { ...remote, podCidrsRoutable: false } } })).errors).toEqual([]);
    expect(run(hybridConfig({ podCidrsRoutable: false }), ctx({ cluster: { created: false, podIdentityAgent: true, remoteNetworks: remote } })).errors).toEqual([]);
  });

  test("cluster node networks that differ from remoteNodeCidrs are refused, listing the cluster's networks", () => {
    const config = hybridConfig({ remoteNodeCidrs: ["192.168.100.0/23", "192.168.102.0/23"] });
    const issues = run(config, ctx({ cluster: created(["192.168.100.0/23", "192.168.104.0/23"], ["192.168.128.0/18"]) }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.remoteNodeCidrs",
        message: "differs from the cluster's remote node networks (192.168.100.0/23, 192.168.104.0/23)",
        value: ["192.168.100.0/23", "192.168.102.0/23"],
        allowed: "the same CIDRs as cluster.remoteNetworks.nodeCidrs",
      },
    ]);
  });

  test("a cluster listing fewer node networks (a prefix of remoteNodeCidrs) is a difference", () => {
    const config = hybridConfig({ remoteNodeCidrs: ["192.168.100.0/23", "192.168.102.0/23"] });
    const issues = run(config, ctx({ cluster: created(["192.168.100.0/23"], ["192.168.128.0/18"]) }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.remoteNodeCidrs",
        message: "differs from the cluster's remote node networks (192.168.100.0/23)",
        value: ["192.168.100.0/23", "192.168.102.0/23"],
        allowed: "the same CIDRs as cluster.remoteNetworks.nodeCidrs",
      },
    ]);
  });

  test("the same node networks in another order agree (cluster list unsorted)", () => {
    const config = hybridConfig({ remoteNodeCidrs: ["192.168.100.0/23", "192.168.102.0/23"] });
    const issues = run(config, ctx({ cluster: created(["192.168.102.0/23", "192.168.100.0/23"], ["192.168.128.0/18"]) }));
    expect(issues.errors).toEqual([]);
  });

  test("the same node networks in another order agree (hybrid list unsorted)", () => {
    const config = hybridConfig({ remoteNodeCidrs: ["192.168.102.0/23", "192.168.100.0/23"] });
    const issues = run(config, ctx({ cluster: created(["192.168.100.0/23", "192.168.102.0/23"], ["192.168.128.0/18"]) }));
    expect(issues.errors).toEqual([]);
  });

  test("cluster pod networks that differ from remotePodCidrs are refused, listing the cluster's networks", () => {
    const issues = run(hybridConfig(), ctx({ cluster: created(["192.168.100.0/23"], ["192.168.192.0/18", "192.168.64.0/18"]) }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.remotePodCidrs",
        message: "differs from the cluster's remote pod networks (192.168.192.0/18, 192.168.64.0/18)",
        value: ["192.168.128.0/18"],
        allowed: "the same CIDRs as cluster.remoteNetworks.podCidrs",
      },
    ]);
  });

  test("a cluster with no pod networks is shown as 'none' in the difference", () => {
    const issues = run(hybridConfig(), ctx({ cluster: created(["192.168.100.0/23"], []) }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.remotePodCidrs",
        message: "differs from the cluster's remote pod networks (none)",
        value: ["192.168.128.0/18"],
        allowed: "the same CIDRs as cluster.remoteNetworks.podCidrs",
      },
    ]);
  });
});
