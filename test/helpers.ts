import { Testing } from "cdktf";
import { EnvironmentInput } from "../modules/config/environment";
import { ConfigValidationError } from "../modules/core/errors";
import { ClusterAttributes, VpcAttributes } from "../modules/core/refs";
import { PlatformStack } from "../modules/platform/platform-stack";

/** A valid cloud-only environment with a created VPC; tests override what they exercise. */
export function cloudEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: "test-env",
    region: "eu-west-1",
    accountId: "111122223333",
    layout: "cloud-only",
    state: { bucket: "test-tfstate", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    network: {
      mode: "create",
      vpcCidr: "10.0.0.0/16",
      privateSubnets: {
        "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" },
        "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" },
      },
    },
    cluster: { mode: "create" },
    ...overrides,
  };
}

/** The same environment on an existing VPC (route tables given by id). */
export function existingVpcEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return cloudEnvironment({
    network: {
      mode: "existing",
      vpcId: "vpc-0a1b2c3d4e5f60718",
      vpcCidrs: ["10.40.0.0/16"],
      subnets: {
        "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: "10.40.0.0/20" },
        "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: "10.40.16.0/20" },
      },
    },
    ...overrides,
  });
}

/** A hybrid environment on an existing VPC, reached through a created transit gateway and a VPN. */
export function hybridEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return existingVpcEnvironment({
    layout: "hybrid",
    hybrid: {
      remoteNodeCidrs: ["192.168.100.0/23"],
      remotePodCidrs: ["192.168.128.0/18"],
      connectivity: {
        gateway: { type: "transit-gateway" },
        vpn: { customerGatewayIp: "198.51.100.10" },
      },
    },
    ...overrides,
  });
}

/** Fixed clock for date-relative defaults, so snapshots do not change with the day. */
export const FIXED_NOW = new Date("2026-11-28T10:00:00Z");


export type Json = Record<string, any>;

export function buildStack(env: EnvironmentInput, id = env.name as string): PlatformStack {
  return new PlatformStack(Testing.app(), id, { environment: env, now: FIXED_NOW });
}

/** Synthesized JSON of an environment's stack (validations on, backend included). */
export function synthEnvironment(env: EnvironmentInput): Json {
  const stack = buildStack(env);
  stack.prepareStack();
  return JSON.parse(Testing.synth(stack, true));
}

/** Resources of one type, keyed by logical id. */
export function resources(json: Json, type: string): Record<string, Json> {
  return json.resource?.[type] ?? {};
}

export function onlyResource(json: Json, type: string): Json {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Runs `fn`, expects a ConfigValidationError, and returns its formatted lines. */
export function configErrors(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.message.split("\n").slice(1).map((l) => l.replace(/^ {2}- /, ""));
    throw e;
  }
  throw new Error("expected a ConfigValidationError, but nothing was thrown");
}

/** Runs `fn` and returns the message of the error it throws (any error); fails when nothing is thrown. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error, but nothing was thrown");
}

/** Deep-merges `patch` into a copy of `base` (objects merge, everything else replaces). */
export function patch<T>(base: T, p: unknown): T {
  if (p === null || typeof p !== "object" || Array.isArray(p)) return p as T;
  const out: Json = { ...(base as Json) };
  for (const [k, v] of Object.entries(p as Json)) out[k] = k in out && v && typeof v === "object" && !Array.isArray(v) ? patch(out[k], v) : v;
  return out as T;
}

/** The value of the output whose logical id contains `name`. */
export function outputValue(json: Json, name: string): unknown {
  const entry = Object.entries(json.output ?? {}).find(([k]) => k.includes(name));
  if (!entry) throw new Error(`no output named like ${name}`);
  return (entry[1] as Json).value;
}

/** An adopted VPC with two private subnets in eu-west-1a/b (construct unit tests). */
export const twoSubnetVpcAttributes = {
  vpcId: "vpc-0a1b2c3d4e5f60718",
  vpcCidrs: ["10.40.0.0/16"],
  subnets: {
    "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a" },
    "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b" },
  },
};

/**
 * `twoSubnetVpcAttributes` with its subnets renamed or given more fields: `names` replaces app-a and
 * app-b (in that order), `routeTables` gives them rtb-0a1b2c3d4e5f60001 and rtb-0a1b2c3d4e5f60002,
 * `cidrs` 10.40.0.0/20 and 10.40.16.0/20.
 */
export function twoSubnetVpc(options: { names?: [string, string]; routeTables?: boolean; cidrs?: boolean } = {}): VpcAttributes {
  const { names = ["app-a", "app-b"], routeTables = false, cidrs = false } = options;
  const subnet = (name: "app-a" | "app-b", routeTableId: string, cidr: string) => ({
    ...twoSubnetVpcAttributes.subnets[name],
    ...(routeTables ? { routeTableId } : {}),
    ...(cidrs ? { cidr } : {}),
  });
  return {
    ...twoSubnetVpcAttributes,
    subnets: {
      [names[0]]: subnet("app-a", "rtb-0a1b2c3d4e5f60001", "10.40.0.0/20"),
      [names[1]]: subnet("app-b", "rtb-0a1b2c3d4e5f60002", "10.40.16.0/20"),
    },
  };
}

/** The attributes an adopted cluster must give, those of the cluster "prod" (no node role, subnet names or version). */
export const requiredProdClusterAttributes: ClusterAttributes = {
  name: "prod",
  endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
  certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU",
  securityGroupId: "sg-0a1b2c3d4e5f60718",
  serviceIpv4Cidr: "172.20.0.0/16",
  region: "eu-west-1",
  accountId: "111122223333",
};

/** An adopted cluster "prod" on both subnets of `twoSubnetVpcAttributes`, with a node role. */
export const prodClusterAttributes: ClusterAttributes = {
  ...requiredProdClusterAttributes,
  nodeRoleArn: "arn:aws:iam::111122223333:role/prod-nodes",
  subnetNames: ["app-a", "app-b"],
  version: "1.33",
};

/** The cluster "prod" of the FSx ONTAP and Trident tests: required attributes only, a longer CA, security group sg-0a1b2c3d4e5f60001. */
export const fsxProdClusterAttributes: ClusterAttributes = {
  ...requiredProdClusterAttributes,
  certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
  securityGroupId: "sg-0a1b2c3d4e5f60001",
};

/** The cluster "lib" of the hybrid construct tests: required attributes only, endpoint ABCDEF, the CA of `fsxProdClusterAttributes`. */
export const hybridLibClusterAttributes: ClusterAttributes = {
  ...requiredProdClusterAttributes,
  name: "lib",
  endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
  certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
};
