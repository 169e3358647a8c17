import { Issues } from "../modules/core/errors";
import { ConnectivityConfig, HybridConfig, HybridSchema } from "../modules/hybrid-nodes/config";
import { HybridValidationContext, ignoredConnectivityOptions, validateConnectivityOptions, validateHybrid } from "../modules/hybrid-nodes/validate";

// --- ignoredConnectivityOptions (construct path: raw options) ---

test("ignoredConnectivityOptions warns that gateway.amazonSideAsn is ignored with an existing transit gateway", () => {
  const issues = new Issues();
  ignoredConnectivityOptions({ gateway: { type: "transit-gateway", transitGatewayId: "tgw-0123456789abcdef0", amazonSideAsn: 64600 } }, issues, "connectivity");
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([
    {
      path: "connectivity.gateway.amazonSideAsn",
      message: "is ignored: the transit gateway exists already (transitGatewayId), its ASN is set where it was created",
      value: 64600,
    },
  ]);
});

test("ignoredConnectivityOptions accepts missing options (undefined or without gateway) without a warning", () => {
  const issues = new Issues();
  ignoredConnectivityOptions(undefined, issues, "connectivity");
  ignoredConnectivityOptions({}, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
  expect(issues.errors).toEqual([]);
});

test("ignoredConnectivityOptions does not warn for an existing transit gateway without amazonSideAsn", () => {
  const issues = new Issues();
  ignoredConnectivityOptions({ gateway: { type: "transit-gateway", transitGatewayId: "tgw-0123456789abcdef0" } }, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
});

test("ignoredConnectivityOptions does not warn for amazonSideAsn of a created gateway", () => {
  const issues = new Issues();
  ignoredConnectivityOptions({ gateway: { type: "transit-gateway", amazonSideAsn: 64600 } }, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
});

test("ignoredConnectivityOptions warns that directConnect.amazonSideAsn is ignored with an existing Direct Connect gateway", () => {
  const issues = new Issues();
  ignoredConnectivityOptions(
    { gateway: { type: "virtual-private-gateway" }, directConnect: { gatewayId: "01234567-89ab-cdef-0123-456789abcdef", amazonSideAsn: 64700 } },
    issues,
    "hybrid.connectivity",
  );
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([
    { path: "hybrid.connectivity.directConnect.amazonSideAsn", message: "is ignored: the Direct Connect gateway exists already (gatewayId)", value: 64700 },
  ]);
});

test("ignoredConnectivityOptions does not warn for an existing Direct Connect gateway without amazonSideAsn", () => {
  const issues = new Issues();
  ignoredConnectivityOptions({ gateway: { type: "virtual-private-gateway" }, directConnect: { gatewayId: "01234567-89ab-cdef-0123-456789abcdef" } }, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
});

test("ignoredConnectivityOptions does not warn for amazonSideAsn of a created Direct Connect gateway", () => {
  const issues = new Issues();
  ignoredConnectivityOptions({ gateway: { type: "virtual-private-gateway" }, directConnect: { amazonSideAsn: 64700 } }, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
});

// --- validateAsns (through validateConnectivityOptions) ---

const connectivityCtx = {
  subnets: {
    "app-a": { name: "app-a", availabilityZone: "eu-west-1a", cidr: "10.40.0.0/20" },
    "app-b": { name: "app-b", availabilityZone: "eu-west-1b", cidr: "10.40.16.0/20" },
  },
  clusterSubnetNames: ["app-a", "app-b"],
};

test("a static VPN whose customer gateway ASN equals the gateway's Amazon-side ASN gets a warning naming the BGP risk", () => {
  const issues = new Issues();
  const c: ConnectivityConfig = {
    gateway: { type: "virtual-private-gateway", amazonSideAsn: 65000 },
    vpn: { customerGatewayIp: "198.51.100.10", customerGatewayAsn: 65000, routing: "static" },
    vpcRoutes: true,
  };
  validateConnectivityOptions(c, connectivityCtx, issues, "connectivity");
  expect(issues.errors).toEqual([]);
  expect(issues.warnings).toEqual([
    {
      path: "connectivity.vpn.customerGatewayAsn",
      message:
        "equals connectivity.gateway.amazonSideAsn; the on-prem device and AWS must have different ASNs to peer over BGP (static routing today, but switching to BGP would fail)",
      value: 65000,
    },
  ]);
});

// An existing transit gateway's ASN is unknown here: even an untyped (JavaScript) caller that leaves
// the VPN / Direct Connect ASN out must not get an "equals" issue comparing two unknown ASNs.
test("an existing transit gateway's unknown ASN is never reported as equal to a missing Direct Connect ASN", () => {
  const issues = new Issues();
  const c = {
    gateway: { type: "transit-gateway", transitGatewayId: "tgw-0123456789abcdef0", amazonSideAsn: 64512 },
    directConnect: {},
    vpcRoutes: true,
  } as unknown as ConnectivityConfig;
  validateConnectivityOptions(c, connectivityCtx, issues, "connectivity");
  expect(issues.errors.filter((i) => i.path === "connectivity.directConnect.amazonSideAsn")).toEqual([]);
  expect(issues.errors.map((i) => i.path)).toEqual(["connectivity"]);
});

test("an existing transit gateway's unknown ASN is never reported as equal to a missing customer gateway ASN", () => {
  const issues = new Issues();
  const c = {
    gateway: { type: "transit-gateway", transitGatewayId: "tgw-0123456789abcdef0", amazonSideAsn: 64512 },
    vpn: { customerGatewayIp: "198.51.100.10", routing: "static" },
    vpcRoutes: true,
  } as unknown as ConnectivityConfig;
  validateConnectivityOptions(c, connectivityCtx, issues, "connectivity");
  expect(issues.warnings).toEqual([]);
  expect(issues.errors.map((i) => i.path)).toEqual(["connectivity"]);
});

// --- validateCredentials (through validateHybrid) ---

const NOW = new Date("2026-11-28T10:00:00Z");
const EXPIRY_PATH = "hybrid.credentials.ssm.expirationDate";

function hybridCtx(now: Date): HybridValidationContext {
  return {
    layout: "hybrid",
    subnets: connectivityCtx.subnets,
    vpcCidrs: ["10.40.0.0/16"],
    serviceIpv4Cidr: "172.20.0.0/16",
    clusterSubnetNames: ["app-a", "app-b"],
    now,
  };
}

function hybridWithExpiry(expirationDate: string | undefined): HybridConfig {
  return HybridSchema.parse({
    remoteNodeCidrs: ["192.168.100.0/23"],
    remotePodCidrs: ["192.168.128.0/18"],
    connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10" } },
    credentials: { ssm: expirationDate === undefined ? {} : { expirationDate } },
  });
}

function expiryIssues(expirationDate: string | undefined, now = NOW) {
  const issues = new Issues();
  validateHybrid(hybridWithExpiry(expirationDate), hybridCtx(now), issues);
  return {
    errors: issues.errors.filter((i) => i.path === EXPIRY_PATH),
    warnings: issues.warnings.filter((i) => i.path === EXPIRY_PATH),
    all: issues.errors.length + issues.warnings.length,
  };
}

test("an SSM expirationDate in the past is an error that says the allowed window", () => {
  expect(expiryIssues("2026-11-01T00:00:00Z").errors).toEqual([
    { path: EXPIRY_PATH, message: "is in the past", value: "2026-11-01T00:00:00Z", allowed: "a time within 30 days from now" },
  ]);
});

test("an SSM expirationDate exactly equal to now counts as in the past", () => {
  expect(expiryIssues("2026-11-28T10:00:00Z").errors).toEqual([
    { path: EXPIRY_PATH, message: "is in the past", value: "2026-11-28T10:00:00Z", allowed: "a time within 30 days from now" },
  ]);
});

test("an SSM expirationDate exactly 30 days ahead is accepted", () => {
  expect(expiryIssues("2026-12-28T10:00:00Z")).toEqual({ errors: [], warnings: [], all: 0 });
});

test("an SSM expirationDate more than 30 days ahead is an error naming the latest allowed time", () => {
  expect(expiryIssues("2026-12-28T10:00:01Z").errors).toEqual([
    {
      path: EXPIRY_PATH,
      message: "is more than 30 days ahead; SSM refuses longer activations (HYB-IAM-06)",
      value: "2026-12-28T10:00:01Z",
      allowed: "a time before 2026-12-28T10:00:00.000Z",
    },
  ]);
});

test("SSM credentials without expirationDate produce no expiry issue", () => {
  expect(expiryIssues(undefined)).toEqual({ errors: [], warnings: [], all: 0 });
});
