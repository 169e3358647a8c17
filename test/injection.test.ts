/**
 * Config is data, never code (issue 10 item 1, GEN-02). The schema is walked to find every string
 * field (record keys and values, array items, every union branch); "maximal" environments hold
 * each of them; a Terraform interpolation and directive are put into every field, one by one. A
 * field either refuses the payload (an anchored pattern) or accepts it, and then the synthesized
 * stack must hold it only escaped: `$${`, `%%{`, never a live `${file(...)}` or `%{if ...}`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Lazy, Testing, Token } from "cdktf";
import { z } from "zod";
import { stringify } from "yaml";
import { EnvironmentInput, EnvironmentSchema } from "../modules/config/environment";
import { loadEnvironmentFile, parseEnvironment } from "../modules/config/load";
import { ConfigValidationError, formatIssue, Issues } from "../modules/core/errors";
import { parseSection } from "../modules/core/validation";
import { escapeConfigStrings, escapeTemplate } from "../modules/core/escape";
import { PlatformStack } from "../modules/platform/platform-stack";
import { cloudEnvironment, configErrors, FIXED_NOW, hybridEnvironment, Json, patch, synthEnvironment } from "./helpers";

// --- the schema walk -----------------------------------------------------------------------------

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; keyType?: unknown; valueType?: unknown; element?: unknown; options?: unknown[]; discriminator?: string; values?: unknown[] };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const WRAPPERS = ["optional", "default", "nullable", "prefault", "readonly", "catch"];

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (WRAPPERS.includes(def.type)) s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else return s;
  }
}

/** The discriminator value of a union branch (`mode=create`). */
function branchLabel(union: Def, branch: unknown): string {
  const disc = union.discriminator!;
  const lit = defOf(unwrap(defOf(branch).shape![disc]));
  return `${disc}=${String(lit.values![0])}`;
}

/** Every place a string can be written, as a template: `cluster(mode=create).nodegroups.<item>.labels.<key>`. */
function stringTemplates(schema: unknown, at = ""): string[] {
  const s = unwrap(schema);
  const def = defOf(s);
  const join = (k: string) => (at ? `${at}.${k}` : k);
  switch (def.type) {
    case "string":
      return [at];
    case "object":
      return Object.entries(def.shape!).flatMap(([k, v]) => stringTemplates(v, join(k)));
    case "record":
      return [...stringTemplates(def.keyType, join("<key>")), ...stringTemplates(def.valueType, join("<item>"))];
    case "array":
      return stringTemplates(def.element, `${at}[]`);
    case "union":
      // A union of literals (e.g. metadataHopLimit 1 | 2) holds no string; others need a discriminator.
      if (!def.discriminator && def.options!.every((o) => ["literal", "number", "boolean", "enum"].includes(defOf(unwrap(o)).type))) return [];
      if (!def.discriminator) throw new Error(`${at}: a union without a discriminator; teach this walk about it`);
      return def.options!.flatMap((o) => stringTemplates(o, `${at}(${branchLabel(def, o)})`));
    case "enum":
    case "literal":
    case "number":
    case "boolean":
      return [];
    default:
      throw new Error(`${at}: schema type ${def.type} is not walked; teach this walk about it`);
  }
}

interface Location {
  readonly template: string;
  /** Path of the value in the environment; for a key, the path of the entry whose key it is. */
  readonly segments: readonly (string | number)[];
  readonly isKey: boolean;
  /** The string schema of the field, to skip payloads it refuses before parsing the whole environment. */
  readonly leaf: { safeParse(v: unknown): { success: boolean } };
}

/** The string positions present in `value` (an environment), with the template each matches. */
function locations(schema: unknown, value: unknown, at = "", segments: (string | number)[] = []): Location[] {
  if (value === undefined) return [];
  const s = unwrap(schema);
  const def = defOf(s);
  const join = (k: string) => (at ? `${at}.${k}` : k);
  switch (def.type) {
    case "string":
      return typeof value === "string" ? [{ template: at, segments, isKey: false, leaf: schema as Location["leaf"] }] : [];
    case "object":
      return Object.entries(def.shape!).flatMap(([k, v]) => locations(v, (value as Json)[k], join(k), [...segments, k]));
    case "record": {
      const keyIsString = defOf(unwrap(def.keyType)).type === "string";
      return Object.entries(value as Json).flatMap(([k, v]) => [
        ...(keyIsString ? [{ template: join("<key>"), segments: [...segments, k], isKey: true, leaf: def.keyType as Location["leaf"] }] : []),
        ...locations(def.valueType, v, join("<item>"), [...segments, k]),
      ]);
    }
    case "array":
      return (value as unknown[]).flatMap((v, i) => locations(def.element, v, `${at}[]`, [...segments, i]));
    case "union": {
      const branch = def.options!.find((o) => branchLabel(def, o) === `${def.discriminator}=${(value as Json)[def.discriminator!]}`);
      return branch ? locations(branch, value, `${at}(${branchLabel(def, branch)})`, segments) : [];
    }
    default:
      return [];
  }
}

/** A copy of `env` with the string at `loc` replaced by `text` (a key is renamed in place). */
function inject(env: unknown, loc: Location, text: string): Json {
  const copy = structuredClone(env) as Json;
  const parent = loc.segments.slice(0, -1).reduce<Json>((o, k) => o[k], copy);
  const last = loc.segments[loc.segments.length - 1];
  if (!loc.isKey) {
    parent[last] = text;
    return copy;
  }
  const renamed: Json = {};
  for (const [k, v] of Object.entries(parent)) renamed[k === last ? text : k] = v;
  for (const k of Object.keys(parent)) delete parent[k];
  Object.assign(parent, renamed);
  return copy;
}

/** True when every top-level alternative of a regex source starts with ^ and ends with an unescaped $. */
function anchored(source: string): boolean {
  const alternatives: string[] = [];
  let depth = 0;
  let start = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives.every((a) => a.startsWith("^") && a.endsWith("$") && !a.endsWith("\\$"));
}

// --- maximal environments: every optional string field written out -------------------------------

const KMS = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUEXAMPLEONLYNOTAREALCERTIFICATE0wCgYIKoZIzj0E\n-----END CERTIFICATE-----\n";
const nodegroup = (types: string[]) => ({
  instanceTypes: types,
  labels: { "example.com/role": "system" },
  taints: [{ key: "example.com/dedicated", value: "system", effect: "PREFER_NO_SCHEDULE" as const }],
  subnets: ["private-a", "private-b"],
});

/** Cloud-only, created VPC and cluster, Single-AZ FSx with IRSA, nodeadm disks. */
const maximalCloud: EnvironmentInput = cloudEnvironment({
  $schema: "../schema/environment.schema.json",
  name: "max-cloud",
  tags: { owner: "team-a" },
  state: { bucket: "test-tfstate", key: "envs/max-cloud/terraform.tfstate", keyPrefix: "platform", region: "eu-west-1", kmsKeyArn: KMS, accessPrincipalArns: ["arn:aws:iam::111122223333:role/terraform"], accessLogging: { bucket: "test-access-logs", prefix: "state/" } },
  network: {
    mode: "create",
    vpcCidr: "10.0.0.0/16",
    privateSubnets: { "private-a": { availabilityZone: "eu-west-1a", cidr: "10.0.0.0/19" }, "private-b": { availabilityZone: "eu-west-1b", cidr: "10.0.32.0/19" } },
    publicSubnets: { "public-a": { availabilityZone: "eu-west-1a", cidr: "10.0.192.0/24" } },
  },
  cluster: {
    mode: "create",
    name: "max-cloud",
    version: "1.33",
    serviceIpv4Cidr: "172.20.0.0/16",
    subnets: ["private-a", "private-b"],
    endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"], privateAccessCidrs: ["10.60.0.0/24"] },
    secretsKmsKeyArn: KMS,
    addonVersions: { "vpc-cni": "v1.19.2-eksbuild.1" },
    admins: { ops: "arn:aws:iam::111122223333:role/platform-admin" },
    nodegroups: { system: { ...nodegroup(["m6i.large"]), minSize: 2 } },
  },
  efs: {
    subnets: ["private-a", "private-b"],
    kmsKeyArn: KMS,
    accessPoints: { app: { uid: 1000, gid: 1000, path: "/shared/app", permissions: "0750" } },
    csiDriverVersion: "v2.1.4-eksbuild.1",
    controllerNodeSelector: { "example.com/role": "system" },
    storageClasses: { efs: { directoryPerms: "700", basePath: "/dynamic", subPathPattern: "${.PVC.namespace}/${.PVC.name}" } },
  },
  fsxOntap: {
    deploymentType: "SINGLE_AZ_1",
    subnets: ["private-a"],
    preferredSubnet: "private-a",
    storageCapacityGiB: 1024,
    throughputMibps: 128,
    kmsKeyArn: KMS,
    dailyBackupStartTime: "02:00",
    weeklyMaintenanceStartTime: "7:03:00",
    svms: { svm1: { volumes: { data: { junctionPath: "/data", sizeGiB: 100 } } } },
    trident: {
      chartVersion: "100.2506.0",
      identity: "irsa",
      oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
      nodePluginNodeSelector: { "example.com/role": "system" },
      controllerNodeSelector: { "example.com/role": "system" },
      nodePluginTolerations: [{ key: "example.com/dedicated", value: "storage", effect: "NoSchedule" }],
      storageClasses: { "ontap-nas": { svm: "svm1" } },
    },
  },
  retired: ["aws_s3_bucket.old-logs_1A2B3C4D"],
  instanceStore: {
    provisionerChartVersion: "2.9.0",
    nodegroups: { fast: { ...nodegroup(["i4i.xlarge"]), diskSetup: { method: "nodeadm", strategy: "Mount", mountPath: "/mnt/fast-disks" } } },
  },
});

/** Hybrid on an existing VPC with an adopted cluster, Roles Anywhere, Multi-AZ FSx, script disks. */
const maximalHybrid: EnvironmentInput = hybridEnvironment({
  name: "max-hybrid",
  tags: { owner: "team-b" },
  network: {
    mode: "existing",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidrs: ["10.40.0.0/16"],
    subnets: {
      "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: "10.40.0.0/20" },
      "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: "10.40.16.0/20" },
    },
  },
  cluster: {
    mode: "existing",
    name: "shared-cluster",
    endpoint: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
    clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718",
    serviceIpv4Cidr: "172.20.0.0/16",
    arn: "arn:aws:eks:eu-west-1:111122223333:cluster/shared-cluster",
    version: "1.33",
  },
  hybrid: {
    remoteNodeCidrs: ["192.168.100.0/23"],
    remotePodCidrs: ["192.168.128.0/18"],
    dnsClientCidrs: ["192.168.10.0/24"],
    resolverSubnets: ["app-a", "app-b"],
    connectivity: {
      // An existing transit gateway: its VPN / Direct Connect side is managed elsewhere (see maximalSsm).
      gateway: { type: "transit-gateway", transitGatewayId: "tgw-0a1b2c3d4e5f60718", transitGatewayRouteTableId: "tgw-rtb-0a1b2c3d4e5f60718", vpcAttachmentId: "tgw-attach-0a1b2c3d4e5f60718" },
    },
    credentials: { iamRolesAnywhere: { caCertificatePem: PEM } },
    cilium: { chartVersion: "1.17.6" },
  },
  efs: { oneZone: "eu-west-1a", subnets: ["app-a"], clientPrincipalArns: ["arn:aws:iam::111122223333:role/eks-nodes"] },
  fsxOntap: {
    deploymentType: "MULTI_AZ_2",
    subnets: ["app-a", "app-b"],
    storageCapacityGiB: 1024,
    throughputMibps: 384,
    endpointIpAddressRange: "198.19.255.0/24",
    routeTableSubnets: ["app-a", "app-b"],
    svms: { svm1: { volumes: { data: { junctionPath: "/data", sizeGiB: 100 } } } },
  },
  instanceStore: {
    nodeRoleArn: "arn:aws:iam::111122223333:role/shared-node-role",
    nodegroups: { fast: { instanceTypes: ["i4i.xlarge"], subnets: ["app-a", "app-b"], diskSetup: { method: "script", layout: "per-disk", mountPath: "/mnt/fast-disks" } } },
  },
});

/** SSM credentials with an explicit expiry (exclusive with Roles Anywhere); a created gateway with VPN and Direct Connect. */
const maximalSsm: EnvironmentInput = patch(hybridEnvironment({ name: "max-ssm", tags: { owner: "team-c" } }), {
  hybrid: {
    connectivity: {
      gateway: { type: "transit-gateway", attachmentSubnets: ["app-a", "app-b"] },
      vpn: { customerGatewayIp: "198.51.100.10" },
      directConnect: { gatewayId: "0a1b2c3d-1111-2222-3333-0a1b2c3d4e5f", allowedPrefixes: ["10.40.0.0/16"] },
    },
    credentials: { ssm: { expirationDate: new Date(Date.now() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z") } } },
});

/** The VPC's existing virtual private gateway (its on-prem side is managed elsewhere). */
const maximalVgw: EnvironmentInput = patch(hybridEnvironment({ name: "max-vgw", tags: { owner: "team-d" } }), {
  hybrid: { connectivity: { gateway: { type: "virtual-private-gateway", vpnGatewayId: "vgw-0a1b2c3d4e5f60718" }, vpn: undefined } },
});

const MAXIMAL: [string, EnvironmentInput][] = [
  ["cloud", maximalCloud],
  ["hybrid", maximalHybrid],
  ["ssm", maximalSsm],
  ["vgw", maximalVgw],
];

// --- payloads ------------------------------------------------------------------------------------

/**
 * Payloads for field number n, strongest first; a field gets the first it accepts. Each is tried
 * alone and after the field's valid value (an ARN with a free-form tail, a path that must start with '/').
 */
const payloads = (n: number, valid: string) => {
  const m = `INJ${n}Q`;
  const bare = [`${m}\${file("${m}")}%{if true}${m}%{endif}${m}$`, `\${file("${m}")}`, `%{if true}${m}%{endif}`, `\${terraform.workspace}${m}`, `${m}$`, `${m}%`];
  return bare.flatMap((p) => [p, `${valid}${p}`]);
};

const valueAt = (env: unknown, loc: Location): string => {
  const last = loc.segments[loc.segments.length - 1];
  return loc.isKey ? String(last) : loc.segments.reduce<Json>((o, k) => o[k], env as Json) as unknown as string;
};

const accepts = (env: unknown) => {
  try {
    parseEnvironment(env, "injection");
    return true;
  } catch (e) {
    if (e instanceof ConfigValidationError) return false;
    throw e;
  }
};

/** Every JSON string and key of the synthesized stack. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      texts(v, out);
    }
  return out;
}

/**
 * Live (unescaped) uses of marker `m` in `text`: an odd run of `$` or `%` before `{` that opens a
 * payload, or a payload's trailing `$`/`%` that the library followed with `{`.
 * `\\*"` allows for JSON nested in a string (a policy document).
 */
function liveUses(text: string, m: string): string[] {
  const found: string[] = [];
  const opens = [new RegExp(`(\\$+)\\{file\\(\\\\*"${m}`, "g"), new RegExp(`(\\$+)\\{terraform\\.workspace\\}${m}`, "g"), new RegExp(`(%+)\\{if true\\}${m}`, "g"), new RegExp(`${m}(%+)\\{endif\\}`, "g")];
  for (const re of opens) for (const match of text.matchAll(re)) if (match[1].length % 2 === 1) found.push(text.slice(Math.max(0, match.index! - 10), match.index! + 40));
  for (const match of text.matchAll(new RegExp(`${m}[$%]\\{`, "g"))) found.push(text.slice(match.index!, match.index! + 30));
  return found;
}

/**
 * The live (unescaped) template openings of `text`, each with the start of its body up to the first
 * quote or brace: `${aws_kms_key.x.arn}` -> `${aws_kms_key.x.arn`. Construct hashes are the same
 * with and without payloads, so the library's own expressions compare equal.
 */
function liveTemplates(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/([$%]+)\{/g)) {
    const run = m[1];
    const last = run[run.length - 1];
    const same = run.length - run.replace(new RegExp(`\\${last}+$`), "").length;
    if (same % 2 === 0) continue;
    const body = text.slice(m.index! + m[0].length).match(/^[^"{}]{0,60}/)![0];
    found.push(`${last}{${body}`);
  }
  return found;
}

// --- the tests -----------------------------------------------------------------------------------

const ALL_TEMPLATES = stringTemplates(EnvironmentSchema);

describe("every string field of the schema is exercised", () => {
  test("the maximal environments are valid", () => {
    for (const [, env] of MAXIMAL) expect(() => parseEnvironment(env, "maximal")).not.toThrow();
  });

  test("every pattern on a string field is anchored, in each alternative (a refusal means the whole value was checked)", () => {
    const unanchored: string[] = [];
    let checked = 0;
    const visit = (schema: unknown, at: string) => {
      const s = unwrap(schema);
      const def = defOf(s);
      if (def.type === "string") {
        const checks = (def as { checks?: { _zod: { def: { pattern?: RegExp } } }[] }).checks ?? [];
        const patterns = checks.map((c) => c._zod.def.pattern).filter((p): p is RegExp => p instanceof RegExp);
        const meta = (s as { meta(): { pattern?: string } | undefined }).meta()?.pattern;
        for (const source of [...patterns.map((p) => p.source), ...(meta ? [meta] : [])]) {
          checked++;
          if (!anchored(source)) unanchored.push(`${at}: ${source}`);
        }
      } else if (def.type === "object") for (const [k, v] of Object.entries(def.shape!)) visit(v, `${at}.${k}`);
      else if (def.type === "record") {
        visit(def.keyType, `${at}.<key>`);
        visit(def.valueType, `${at}.<item>`);
      } else if (def.type === "array") visit(def.element, `${at}[]`);
      else if (def.type === "union") def.options!.forEach((o) => visit(o, at));
    };
    visit(EnvironmentSchema, "");
    expect(unanchored).toEqual([]);
    expect(checked).toBeGreaterThan(40);
    expect(anchored("^a$|^b$")).toBe(true);
    expect(anchored("^a|b$")).toBe(false);
    expect(anchored("-----BEGIN CERTIFICATE-----[\\s\\S]+-----END CERTIFICATE-----")).toBe(false);
  });

  test("together they hold every string field of the schema (add new fields to a maximal environment)", () => {
    const present = new Set(MAXIMAL.flatMap(([, env]) => locations(EnvironmentSchema, env).map((l) => l.template)));
    expect(ALL_TEMPLATES.filter((t) => !present.has(t))).toEqual([]);
    expect(ALL_TEMPLATES.length).toBeGreaterThan(90);
  });
});

/** Per maximal environment: template -> "refused" | "accepted" | "reaches the stack". */
const outcomes: Map<string, string>[] = [];

describe.each(MAXIMAL)("payloads in every string field of the %s environment", (_label, env) => {
  const outcome = new Map<string, string>();
  outcomes.push(outcome);
  const locs = locations(EnvironmentSchema, env);
  // One field at a time: which payload does it accept, if any?
  const chosen: { loc: Location; marker: string; text: string }[] = [];
  const refused: Location[] = [];
  locs.forEach((loc, n) => {
    const text = payloads(n, valueAt(env, loc)).find((p) => loc.leaf.safeParse(p).success && accepts(inject(env, loc, p)));
    if (text) chosen.push({ loc, marker: `INJ${n}Q`, text });
    else refused.push(loc);
  });
  // Then every accepted payload at once, deepest first (a renamed key must not move a child's path).
  let combined: Json = structuredClone(env) as Json;
  for (const c of [...chosen].sort((a, b) => b.loc.segments.length - a.loc.segments.length)) combined = inject(combined, c.loc, c.text);

  let json: Json;
  beforeAll(() => {
    json = synthEnvironment(combined as EnvironmentInput);
  });

  test("every field that accepts a payload accepts it together with the others", () => {
    expect(() => parseEnvironment(combined, "combined")).not.toThrow();
  });

  test("no payload survives as a live interpolation or directive", () => {
    const all = texts(json);
    const live = chosen.flatMap((c) => all.flatMap((t) => liveUses(t, c.marker).map((u) => `${c.loc.template}: ${u}`)));
    expect(live).toEqual([]);
  });

  test("no ${ or %{ in the stack opens a payload: the file() call and the if directive appear only escaped", () => {
    const all = texts(json).join("\n");
    expect(all).not.toMatch(/(^|[^$])(\$\$)*\$\{file\(/);
    expect(all).not.toMatch(/(^|[^%])(%%)*%\{if true\}/);
    expect(all).not.toMatch(/(^|[^$])(\$\$)*\$\{terraform\.workspace\}/);
  });

  test("every live ${ or %{ in the stack is one the library generates without any payload (GEN-02)", () => {
    const baseline = new Set(texts(synthEnvironment(env)).flatMap(liveTemplates));
    const extra = [...new Set(texts(json).flatMap(liveTemplates))].filter((t) => !baseline.has(t));
    expect(extra).toEqual([]);
  });

  test("the escaped payloads do reach the stack (the test is not vacuous)", () => {
    const all = texts(json).join("\n");
    const reached = chosen.filter((c) => all.includes(c.marker));
    expect(reached.length).toBeGreaterThan(0);
    for (const l of refused) if (!outcome.has(l.template)) outcome.set(l.template, "refused");
    for (const c of chosen) if (outcome.get(c.loc.template) !== "reaches the stack") outcome.set(c.loc.template, all.includes(c.marker) ? "reaches the stack" : "accepted");
    expect(all).toMatch(/\$\$\{file\(\\*"INJ\d+Q/);
  });
});

describe("the fields named in the issue", () => {
  const rank = ["refused", "accepted", "reaches the stack"];
  const all = () => {
    const merged = new Map<string, string>();
    for (const [k, v] of outcomes.flatMap((o) => [...o.entries()])) if (rank.indexOf(v) > rank.indexOf(merged.get(k) ?? "")) merged.set(k, v);
    return merged;
  };

  test("tags (value and key) and a volume's junctionPath take a payload and hold it escaped (oidcProviderArn, nodeRoleArn and subPathPattern refuse it by pattern)", () => {
    const reached = all();
    for (const template of ["tags.<item>", "tags.<key>", "fsxOntap.svms.<item>.volumes.<item>.junctionPath"]) {
      expect([template, reached.get(template)]).toEqual([template, "reaches the stack"]);
    }
  });

  test("caCertificatePem and every other formatted field refuse the payloads (anchored patterns)", () => {
    const reached = all();
    expect(reached.get("hybrid.credentials.iamRolesAnywhere.caCertificatePem")).toBe("refused");
    // An adopted cluster's ARN lands in IAM policies: it must be exactly that cluster's ARN.
    expect(reached.get("cluster(mode=existing).arn")).toBe("refused");
    const pemThenPayload = inject(maximalHybrid, locations(EnvironmentSchema, maximalHybrid).find((l) => l.template.endsWith("caCertificatePem"))!, `${PEM}\${file("/etc/hostname")}`);
    expect(configErrors(() => parseEnvironment(pemThenPayload, "e"))).toEqual([expect.stringMatching(/^hybrid\.credentials\.iamRolesAnywhere\.caCertificatePem: must be one or more PEM certificates/)]);
    // The free-text fields: $schema (ignored), tags, the ARN tails, junction paths; subPathPattern takes ${...} by design.
    const accepted = [...reached].filter(([, v]) => v !== "refused").map(([k]) => k).sort();
    expect(accepted).toEqual([
      "$schema",
      "fsxOntap.svms.<item>.volumes.<item>.junctionPath",
      "tags.<item>",
      "tags.<key>",
    ]);
  });
});

describe("cdktf token syntax in a config file is refused", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokens-"));
  const fileWith = (name: string, env: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, stringify(env));
    return file;
  };

  test.each([
    ["a string token in a value", { tags: { owner: "${TfToken[TOKEN.1]}" } }, "tags.owner: contains cdktf token syntax (TfToken[...]), which a configuration value may not hold"],
    ["a list token", { tags: { owner: "#{TfToken[TOKEN.2]}" } }, "tags.owner: contains cdktf token syntax (TfToken[...]), which a configuration value may not hold"],
    ["a map token in a key", { tags: { "&{TfToken[TOKEN.3]}": "x" } }, "tags.&{TfToken[TOKEN.3]}: contains cdktf token syntax (TfToken[...] in a key), which a configuration value may not hold"],
    ["a token in a volume path", { fsxOntap: { deploymentType: "SINGLE_AZ_1", subnets: ["private-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { a: { volumes: { v: { junctionPath: "/x${TfToken[TOKEN.1]}", sizeGiB: 1 } } } } } }, "fsxOntap.svms.a.volumes.v.junctionPath: contains cdktf token syntax (TfToken[...]), which a configuration value may not hold"],
  ])("%s", (_name, p, message) => {
    const file = fileWith(`${_name.replace(/\W/g, "-")}.yaml`, patch(cloudEnvironment(), p));
    expect(configErrors(() => loadEnvironmentFile(file))).toEqual([message]);
  });

  test("a number that encodes a cdktf token is refused (every number field of the schema also has bounds that refuse one)", () => {
    const tokenNumber = Lazy.numberValue({ produce: () => 1 });
    expect(Token.isUnresolved(tokenNumber)).toBe(true);
    const issues = new Issues();
    expect(parseSection(z.strictObject({ size: z.number() }), { size: tokenNumber }, "x", issues)).toBeUndefined();
    expect(issues.errors.map(formatIssue)).toEqual(["x.size: contains cdktf token syntax (a number that encodes a token), which a configuration value may not hold"]);
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { nodegroups: { default: { rootVolumeGiB: tokenNumber } } } }), "e"))).toContainEqual(
      expect.stringMatching(/^cluster\.nodegroups\.default\.rootVolumeGiB: Too small/),
    );
  });
});

describe("the escaping choke point", () => {
  test("escapes interpolations and directives; Terraform reads the escaped text back as written", () => {
    expect(escapeTemplate('${file("/etc/hostname")} %{if true}x%{endif}')).toBe('$${file("/etc/hostname")} %%{if true}x%%{endif}');
    // `$${` read back by Terraform is `${`: `$$${x}` is `$` then a literal `${x}`.
    expect(escapeTemplate("$${x}")).toBe("$$${x}");
  });

  test("on the construct path only a complete cdktf token is kept", () => {
    const opts = { allowTokens: true };
    expect(escapeTemplate("${TfToken[TOKEN.12]}/${file(\"x\")}", opts)).toBe('${TfToken[TOKEN.12]}/$${file("x")}');
    // Token-looking text that is no token (cdktf would leave it in place for Terraform to evaluate) is escaped.
    expect(escapeTemplate('${TfToken[file("/etc/hostname")]}', opts)).toBe('$${TfToken[file("/etc/hostname")]}');
    expect(escapeTemplate("${TfToken[TOKEN.1]", opts)).toBe("$${TfToken[TOKEN.1]");
  });

  test("keys are escaped, a __proto__ key stays a key, null-prototype objects are walked", () => {
    const input = JSON.parse('{"__proto__": {"a": "${x}"}, "${k}": "v"}');
    const out = escapeConfigStrings(input) as Json;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "$${k}"]);
    expect(out["__proto__"]).toEqual({ a: "$${x}" });
    const bare = Object.assign(Object.create(null), { a: "${x}" });
    expect({ ...(escapeConfigStrings({ bare }) as Json).bare }).toEqual({ a: "$${x}" });
  });

  test("a spread copy of a loaded environment with a changed tag is validated and escaped again", () => {
    const loaded = parseEnvironment(cloudEnvironment({ name: "spread-env" }), "e").config;
    const tampered = { ...loaded, tags: { owner: '${file("/etc/hostname")}' } };
    const stack = new PlatformStack(Testing.app(), "spread-env", { environment: tampered, now: FIXED_NOW });
    stack.prepareStack();
    const text = Testing.synth(stack);
    expect(text).toContain('"owner": "$${file(\\"/etc/hostname\\")}"');
    expect(text).not.toMatch(/[^$]\$\{file\(/);
  });

  test("an unchanged spread copy keeps the marker (validated once)", () => {
    const loaded = parseEnvironment(cloudEnvironment({ name: "spread-env", tags: { a: "${x}" } }), "e").config;
    const stack = new PlatformStack(Testing.app(), "spread-env", { environment: { ...loaded }, now: FIXED_NOW });
    expect(stack.environment.tags).toEqual({ a: "$${x}" }); // not escaped twice
  });
});
