/**
 * Unit tests for modules/hybrid-nodes/validate.ts: the cluster cross-checks of validateHybrid and
 * the gateway / Direct Connect / transit gateway attachment rules of validateConnectivityOptions.
 */
import { Issues } from "../modules/core/errors";
import { ConnectivityConfig, HybridConfig } from "../modules/hybrid-nodes/config";
import { HybridValidationContext, validateConnectivityOptions, validateHybrid } from "../modules/hybrid-nodes/validate";
import { SubnetInfo } from "../modules/network/validate";
import { FIXED_NOW } from "./helpers";

const SUBNETS: Record<string, SubnetInfo> = {
  "app-a": { name: "app-a", availabilityZone: "eu-west-1a", cidr: "10.40.0.0/20" },
  "app-b": { name: "app-b", availabilityZone: "eu-west-1b", cidr: "10.40.16.0/20" },
};

function connectivity(overrides: Partial<ConnectivityConfig> = {}): ConnectivityConfig {
  return {
    gateway: { type: "transit-gateway", amazonSideAsn: 64512 },
    vpn: { customerGatewayIp: "198.51.100.10", customerGatewayAsn: 65000, routing: "static" },
    vpcRoutes: true,
    ...overrides,
  };
}

function hybridConfig(overrides: Partial<HybridConfig> = {}): HybridConfig {
  return {
    remoteNodeCidrs: ["192.168.100.0/23"],
    remotePodCidrs: ["192.168.128.0/18"],
    podCidrsRoutable: true,
    webhookPorts: [443],
    dnsClientCidrs: [],
    inboundResolver: false,
    connectivity: connectivity(),
    credentials: {},
    podIdentity: false,
    cilium: { chartVersion: "1.17.6", podCidrMaskSize: 25 },
    ...overrides,
  };
}

function hybridCtx(overrides: Partial<HybridValidationContext> = {}): HybridValidationContext {
  return {
    layout: "hybrid",
    subnets: SUBNETS,
    vpcCidrs: ["10.40.0.0/16"],
    serviceIpv4Cidr: "172.20.0.0/16",
    clusterSubnetNames: ["app-a", "app-b"],
    now: FIXED_NOW,
    ...overrides,
  };
}

const CREATED_CLUSTER_NETWORKS = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };

function runHybrid(config: HybridConfig, ctx: HybridValidationContext): Issues {
  const issues = new Issues();
  validateHybrid(config, ctx, issues);
  return issues;
}

function runConnectivity(c: ConnectivityConfig, ctx: Parameters<typeof validateConnectivityOptions>[1] = { subnets: SUBNETS, clusterSubnetNames: ["app-a", "app-b"], vpcCidrs: ["10.40.0.0/16"] }): Issues {
  const issues = new Issues();
  validateConnectivityOptions(c, ctx, issues, "connectivity");
  return issues;
}

describe("validateHybrid against the cluster ref", () => {
  test("podIdentity on a created cluster without the pod identity agent is an error naming hybrid.podIdentity, and no adoption warning", () => {
    const issues = runHybrid(hybridConfig({ podIdentity: true }), hybridCtx({ cluster: { created: true, remoteNetworks: CREATED_CLUSTER_NETWORKS, podIdentityAgent: false } }));
    expect(issues.errors).toEqual([
      {
        path: "hybrid.podIdentity",
        message: "needs the eks-pod-identity-agent add-on, which the cluster does not have",
        value: true,
        allowed: "install the add-on, or podIdentity: false",
      },
    ]);
    expect(issues.warnings).toEqual([]);
  });

  test("podIdentity false passes on a cluster without the pod identity agent", () => {
    const issues = runHybrid(hybridConfig({ podIdentity: false }), hybridCtx({ cluster: { created: true, remoteNetworks: CREATED_CLUSTER_NETWORKS, podIdentityAgent: false } }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("podIdentity passes on a created cluster that has the pod identity agent", () => {
    const issues = runHybrid(hybridConfig({ podIdentity: true }), hybridCtx({ cluster: { created: true, remoteNetworks: CREATED_CLUSTER_NETWORKS, podIdentityAgent: true } }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });
});

describe("validateConnectivityOptions gateway rules", () => {
  test("attachmentSubnets with a virtual private gateway is an error without an allowed hint", () => {
    const issues = runConnectivity(connectivity({ gateway: { type: "virtual-private-gateway", amazonSideAsn: 64512, attachmentSubnets: ["app-a"] } }));
    expect(issues.errors).toEqual([{ path: "connectivity.gateway.attachmentSubnets", message: "is only valid with type transit-gateway", value: ["app-a"] }]);
  });

  test("a virtual private gateway does not check transit gateway attachment subnets (no cluster subnets is fine)", () => {
    const issues = runConnectivity(connectivity({ gateway: { type: "virtual-private-gateway", amazonSideAsn: 64512 } }), { subnets: SUBNETS, clusterSubnetNames: [], vpcCidrs: ["10.40.0.0/16"] });
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("vpn with an existing transit gateway is an error whose value lists the other connectivity keys, not gateway", () => {
    const issues = runConnectivity(connectivity({ gateway: { type: "transit-gateway", amazonSideAsn: 64512, transitGatewayId: "tgw-0123456789abcdef0" } }));
    expect(issues.errors).toEqual([
      {
        path: "connectivity",
        message: "sets vpn or directConnect for an existing transit gateway; its on-prem side is managed where the gateway is",
        value: ["vpn", "vpcRoutes"],
        allowed: "gateway only",
      },
    ]);
  });

  test("no vpn, no directConnect and no existing transit gateway says what would reach on-prem", () => {
    const c: ConnectivityConfig = { gateway: { type: "transit-gateway", amazonSideAsn: 64512 }, vpcRoutes: true };
    const issues = runConnectivity(c);
    expect(issues.errors).toEqual([
      {
        path: "connectivity",
        message: "gives no way to reach on-prem",
        value: { gateway: { type: "transit-gateway", amazonSideAsn: 64512 }, vpcRoutes: true },
        allowed: "vpn, directConnect, or gateway.transitGatewayId of an existing transit gateway",
      },
    ]);
  });

  test("attachmentSubnets with an existing vpcAttachmentId is an error telling to remove them", () => {
    const c: ConnectivityConfig = {
      gateway: { type: "transit-gateway", amazonSideAsn: 64512, transitGatewayId: "tgw-0123456789abcdef0", vpcAttachmentId: "tgw-attach-0123456789abcdef0", attachmentSubnets: ["app-a"] },
      vpcRoutes: true,
    };
    const issues = runConnectivity(c);
    expect(issues.errors).toEqual([
      {
        path: "connectivity.gateway.attachmentSubnets",
        message: "has no effect with an existing attachment (vpcAttachmentId): its subnets are managed where it was created",
        value: ["app-a"],
        allowed: "remove attachmentSubnets",
      },
    ]);
  });

  test("an attachment subnet name that matches no subnet is reported once, without a crash on the AZ check", () => {
    const issues = runConnectivity(connectivity({ gateway: { type: "transit-gateway", amazonSideAsn: 64512, attachmentSubnets: ["app-a", "missing"] } }));
    expect(issues.errors).toEqual([{ path: "connectivity.gateway.attachmentSubnets[1]", message: "names no private subnet of network", value: "missing", allowed: "app-a, app-b" }]);
  });
});

describe("validateConnectivityOptions Direct Connect prefixes and routing", () => {
  const dc = (allowedPrefixes: string[]): ConnectivityConfig["directConnect"] => ({ amazonSideAsn: 64513, allowedPrefixes });

  test("allowedPrefixes that cover the VPC CIDR give no warning", () => {
    const issues = runConnectivity(connectivity({ vpn: undefined, directConnect: dc(["10.40.0.0/16"]) }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("one covering prefix among others is enough to cover the VPC CIDR", () => {
    const issues = runConnectivity(connectivity({ vpn: undefined, directConnect: dc(["192.168.50.0/24", "10.0.0.0/8"]) }));
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("allowedPrefixes that miss the VPC CIDR warn with the prefixes that would contain it", () => {
    const issues = runConnectivity(connectivity({ vpn: undefined, directConnect: dc(["192.168.50.0/24"]) }));
    expect(issues.warnings).toEqual([
      {
        path: "connectivity.directConnect.allowedPrefixes",
        message: "does not cover the VPC CIDR 10.40.0.0/16: on-prem would have no route to it over Direct Connect (NET-02)",
        value: ["192.168.50.0/24"],
        allowed: "prefixes that contain 10.40.0.0/16",
      },
    ]);
  });

  test("a VPC CIDR that does not parse is not reported as uncovered", () => {
    const issues = runConnectivity(connectivity({ vpn: undefined, directConnect: dc([]) }), { subnets: SUBNETS, clusterSubnetNames: ["app-a", "app-b"], vpcCidrs: ["not-a-cidr"] });
    expect(issues.errors).toEqual([]);
    expect(issues.warnings).toEqual([]);
  });

  test("static VPN routing next to Direct Connect warns with got static and allowed bgp", () => {
    const issues = runConnectivity(connectivity({ directConnect: dc(["10.40.0.0/16"]) }));
    expect(issues.warnings).toEqual([
      {
        path: "connectivity.vpn.routing",
        message:
          "is static while directConnect is set: the VPN's static routes to the on-prem CIDRs win over the routes learned over Direct Connect, so all traffic takes the VPN; use routing: bgp for a VPN backup to Direct Connect",
        value: "static",
        allowed: "bgp",
      },
    ]);
  });
});
