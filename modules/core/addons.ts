/**
 * EKS add-on versions, pinned per Kubernetes version in one table, and the configuration schema of
 * each pinned version for the add-ons this library configures.
 *
 * Why: EKS validates `configuration_values` against the JSON schema of the exact add-on version
 * (`aws eks describe-addon-configuration`); every object in it has `additionalProperties: false`,
 * so an unknown key fails CreateAddon/UpdateAddon well into an apply, and the schema changes from
 * version to version. Leaving the version to EKS's default means the schema we checked against is
 * not the one EKS uses. So: a version is pinned for every add-on and Kubernetes version, and a
 * configuration is validated at synth against the vendored schema of the version pinned (a JSON
 * Schema validator, ajv; vendor/README.md says where each schema came from).
 *
 * The schemas are inlined in ./addon-schemas.ts (generated from vendor/addons by
 * scripts/write-addon-schemas.ts): nothing is read from disk at runtime, so the same code works
 * from sources, from dist/ and from the packed npm package.
 */
import type { default as Ajv, ErrorObject, ValidateFunction } from "ajv";
import { Issues } from "./errors";
import { ADDON_SCHEMAS } from "./addon-schemas";
import { ADDON_VALIDATORS } from "./addon-validators";

/** Kubernetes minor versions the table covers (EKS standard or extended support in 2025-2026). */
export const KUBERNETES_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** Every EKS add-on this library creates (cluster: the first four; efs; fsx-ontap). */
export const ADDON_NAMES = ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "aws-efs-csi-driver", "snapshot-controller"] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

/**
 * Add-ons this library sends `configuration_values` to. Their pinned versions must have a vendored
 * schema; scripts/refresh-vendor.sh re-fetches exactly these (configuredAddonVersions()).
 * aws-efs-csi-driver is not here: no full public schema exists (vendor/addons/aws-efs-csi-driver.keys.md),
 * so the EFS add-on gets no configuration.
 */
export const CONFIGURED_ADDONS: readonly AddonName[] = ["coredns", "eks-pod-identity-agent"];

/*
 * Sources of the rows (retrieved 2026-11-30; "AWS docs" = github.com/awsdocs/amazon-eks-user-guide
 * latest/ug/networking/*.adoc, the source of docs.aws.amazon.com/eks/latest/userguide/):
 *
 * vpc-cni      1.29-1.33: v1.20.1-eksbuild.3, "latest available version ... for each Kubernetes version"
 *              in AWS docs managing-vpc-cni.adoc @ 057948d9301426e6165db5fddb5617a971d08b6c.
 *              1.34: v1.20.4-eksbuild.2, the version the EKS console offered on a 1.34 cluster
 *              (public runbook, 2026-01-25) and pinned next to kube-proxy v1.34.0-eksbuild.2 in
 *              public CDK code; AWS docs had no 1.34 row in the copies found.
 * kube-proxy   one build per Kubernetes minor, from the "kube-proxy versions" table of
 *              docs.amazonaws.cn/eks/latest/userguide/managing-kube-proxy.html (its 1.34 and 1.33
 *              rows equal docs.aws.amazon.com's): 1.34 v1.34.1-eksbuild.2, 1.33 v1.33.5-eksbuild.2,
 *              1.32 v1.32.9-eksbuild.2, 1.31 v1.31.13-eksbuild.2, 1.30 v1.30.14-eksbuild.8,
 *              1.29 v1.29.15-eksbuild.16.
 * coredns      CONFIGURED: only versions with a vendored schema, where EKS offers them.
 *              1.33: v1.12.3-eksbuild.1, the latest for 1.33 in AWS docs managing-coredns.adoc @
 *              057948d9 and in a DescribeAddonVersions capture (github.com/radkawar/stackd
 *              testdata/aws/eks/addons_coredns_native_versions.json, compatibilities clusterVersion 1.33).
 *              1.34: v1.12.3-eksbuild.1, observed on 1.34 clusters (console offer in the 2026-01-25
 *              runbook above; public Terraform/Terragrunt pins next to kube-proxy v1.34.x). AWS docs
 *              list v1.12.4-eksbuild.1 and later there, with no public schema.
 *              1.29-1.31: v1.11.1-eksbuild.8 (schema vendored, copy possibly shortened): AWS docs
 *              listed v1.11.1-eksbuild.9 as latest for 1.29/1.30; .8 was EKS's default in Sept 2024
 *              (awslabs cdk-eks-blueprints user comment) and is pinned publicly with kube-proxy
 *              v1.29.x, v1.30.x and v1.31.0-eksbuild.5. AWS docs' latest for these is
 *              v1.11.4-eksbuild.22, whose schema is not public.
 *              1.32: GAP. No vendored-schema version is known to be offered for 1.32; pinned to AWS
 *              docs' latest (v1.11.4-eksbuild.22) and configuring coredns there is a synth error
 *              until its schema is vendored (scripts/refresh-vendor.sh) or a verified version is pinned.
 * eks-pod-identity-agent  CONFIGURED: v1.3.10-eksbuild.3 for all (schema vendored from a
 *              DescribeAddonConfiguration capture, github.com/radkawar/stackd, 2026-09-27). A
 *              DaemonSet add-on published for every supported Kubernetes version; public pins on
 *              1.32/1.33, 1.35 and 1.36 clusters. `daemonsets.hybrid.create` exists from
 *              v1.3.3-eksbuild.1 (AWS docs hybrid-nodes-add-ons.adoc).
 * aws-efs-csi-driver  v2.2.0-eksbuild.1 for all: offered by the EKS console on a 1.34 cluster
 *              (runbook above) and pinned publicly next to kube-proxy v1.34.1-eksbuild.2. Not configured.
 * snapshot-controller  v8.1.0-eksbuild.2 for all: AWS docs hybrid-nodes-add-ons.adoc names it as the
 *              first version that prefers EC2 nodes over hybrid nodes (soft anti-affinity). Not configured.
 *
 * Verify a row before relying on it: aws eks describe-addon-versions --addon-name X --kubernetes-version 1.xx
 */
export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, Readonly<Record<AddonName, string>>>> = {
  "1.29": { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.29.15-eksbuild.16", coredns: "v1.11.1-eksbuild.8", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
  "1.30": { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.30.14-eksbuild.8", coredns: "v1.11.1-eksbuild.8", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
  "1.31": { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.31.13-eksbuild.2", coredns: "v1.11.1-eksbuild.8", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
  "1.32": { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.32.9-eksbuild.2", coredns: "v1.11.4-eksbuild.22", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
  "1.33": { "vpc-cni": "v1.20.1-eksbuild.3", "kube-proxy": "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
  "1.34": { "vpc-cni": "v1.20.4-eksbuild.2", "kube-proxy": "v1.34.1-eksbuild.2", coredns: "v1.12.3-eksbuild.1", "eks-pod-identity-agent": "v1.3.10-eksbuild.3", "aws-efs-csi-driver": "v2.2.0-eksbuild.1", "snapshot-controller": "v8.1.0-eksbuild.2" },
};

export function isKubernetesVersion(version: string | undefined): version is KubernetesVersion {
  return (KUBERNETES_VERSIONS as readonly string[]).includes(version ?? "");
}

/** The version pinned for `addon` on `kubernetesVersion`. Throws for a Kubernetes version outside the table. */
export function addonVersion(addon: AddonName, kubernetesVersion: string): string {
  if (!isKubernetesVersion(kubernetesVersion)) {
    throw new Error(`no add-on versions pinned for Kubernetes ${kubernetesVersion}; allowed: ${KUBERNETES_VERSIONS.join(", ")} (modules/core/addons.ts ADDON_VERSIONS)`);
  }
  return ADDON_VERSIONS[kubernetesVersion][addon];
}

/** The vendored configuration schema of `addon` at `version`, or undefined when none is vendored. */
export function configurationSchema(addon: string, version: string): object | undefined {
  return ADDON_SCHEMAS[addon]?.[version];
}

/** Versions of `addon` whose configuration schema is vendored, oldest first. */
export function vendoredVersions(addon: string): string[] {
  return Object.keys(ADDON_SCHEMAS[addon] ?? {}).sort(compareVersions);
}

/** Every distinct [add-on, version] the table pins for a configured add-on (scripts/refresh-vendor.sh). */
export function configuredAddonVersions(): [AddonName, string][] {
  const seen = new Set<string>();
  const out: [AddonName, string][] = [];
  for (const k of KUBERNETES_VERSIONS) {
    for (const addon of CONFIGURED_ADDONS) {
      const v = ADDON_VERSIONS[k][addon];
      if (!seen.has(`${addon} ${v}`)) {
        seen.add(`${addon} ${v}`);
        out.push([addon, v]);
      }
    }
  }
  return out;
}

/**
 * Validates an add-on configuration (the object that becomes `configuration_values`) against the
 * vendored schema of `addon` at `version`. Returns readable errors, each starting with the key path
 * inside the configuration (`controller.nodeSelector: unknown key; allowed: tolerations`), or one
 * error when no schema is vendored for that version. Empty means valid.
 */
export function validateAddonConfiguration(addon: string, version: string, configuration: unknown): string[] {
  const validate = validatorFor(addon, version);
  if (!validate) {
    const known = vendoredVersions(addon);
    return [`(root): no verified configuration schema for ${addon} ${version}; vendored: ${known.length > 0 ? known.join(", ") : "none"}`];
  }
  return validate(configuration) ? [] : describeErrors(validate.errors ?? []);
}

/** The same check against a schema given inline (an add-on schema as DescribeAddonConfiguration returns it). */
export function validateAgainstSchema(schema: object, configuration: unknown): string[] {
  const validate = compiler().compile(withoutMetaSchema(schema));
  return validate(configuration) ? [] : describeErrors(validate.errors ?? []);
}

export interface AddonCheck {
  readonly addon: AddonName;
  /** Cluster Kubernetes minor version. @default - unknown (an existing cluster adopted without its version) */
  readonly kubernetesVersion?: string;
  /** A version the user pinned, overriding the table. @default - the table's */
  readonly version?: string;
  /** Where the user sets that override, named in messages. @default "cluster.addonVersions.<addon>" */
  readonly versionPath?: string;
  /** The configuration sent as `configuration_values`. @default - none */
  readonly configuration?: object;
}

export interface ResolvedAddon {
  /** `addon_version` to set; undefined only when the Kubernetes version is unknown and nothing is pinned. */
  readonly version?: string;
  /** `configuration_values` to set (compact JSON), when a configuration was given. */
  readonly configurationValues?: string;
}

/**
 * The one call a construct makes per add-on: picks the version (override, else the table), checks
 * the configuration against that version's vendored schema and reports problems on `issues` under
 * `path` (e.g. `cluster.addons.coredns`). Errors: Kubernetes version outside the table with no
 * override; configuration for a version without vendored schema; configuration the schema refuses
 * (one error per key path). Warning: version left to EKS's default (Kubernetes version unknown).
 */
export function resolveAddon(issues: Issues, path: string, check: AddonCheck): ResolvedAddon {
  const { addon, kubernetesVersion } = check;
  const versionPath = check.versionPath ?? `cluster.addonVersions.${addon}`;
  let version = check.version;
  if (version === undefined && kubernetesVersion !== undefined) {
    if (isKubernetesVersion(kubernetesVersion)) version = ADDON_VERSIONS[kubernetesVersion][addon];
    else issues.error(path, `no ${addon} version is pinned for Kubernetes ${kubernetesVersion}; set ${versionPath} or use a Kubernetes version of the table`, kubernetesVersion, KUBERNETES_VERSIONS.join(", "));
  } else if (version === undefined) {
    issues.warn(path, `${addon} version is left to EKS's default because the cluster's Kubernetes version is unknown; set ${versionPath} (or the cluster version) to pin it`);
  }
  if (check.configuration === undefined) return { version };
  const configurationValues = JSON.stringify(check.configuration);
  if (version === undefined) {
    issues.error(path, `${addon} is configured but its version is unknown, so the configuration cannot be checked; set ${versionPath}`);
    return { version, configurationValues };
  }
  const validate = validatorFor(addon, version);
  if (!validate) {
    const where = kubernetesVersion ? ` on Kubernetes ${kubernetesVersion}` : "";
    issues.error(path, `no verified configuration schema for ${addon} ${version}${where}; pin ${versionPath} to a version whose schema is vendored and that EKS offers for this Kubernetes version (aws eks describe-addon-versions --addon-name ${addon}), or vendor the schema of ${version} (scripts/refresh-vendor.sh)`, version, vendoredVersions(addon).join(", ") || "none");
    return { version, configurationValues };
  }
  if (!validate(check.configuration)) {
    for (const e of structuredErrors(validate.errors ?? [])) {
      const at = !e.path ? path : e.path.startsWith("[") ? `${path}${e.path}` : `${path}.${e.path}`;
      const message = `${e.message} (${addon} ${version} configuration schema)`;
      // The value of an unknown key is never echoed (it may be anything, a secret included).
      if ("value" in e) issues.error(at, message, e.value, e.allowed);
      else issues.errors.push(e.allowed ? { path: at, message, allowed: e.allowed } : { path: at, message });
    }
  }
  return { version, configurationValues };
}

// ---------------------------------------------------------------------------------------------

let ajv: Ajv | undefined;

/**
 * The validator of a vendored schema: precompiled by ajv into ./addon-validators.ts when the
 * schemas were vendored (scripts/write-addon-schemas.ts), so a synth loads neither ajv nor compiles
 * a schema (that was about a tenth of the bundled environments' synth).
 */
function validatorFor(addon: string, version: string): ValidateFunction | undefined {
  return (ADDON_VALIDATORS as Record<string, Record<string, ValidateFunction> | undefined>)[addon]?.[version];
}

/**
 * The ajv instance every vendored schema is compiled with, here (validateAgainstSchema) and by the
 * generator of ./addon-validators.ts (`code` options). Loaded on first use.
 */
export function addonSchemaCompiler(options: { code?: object } = {}): Ajv {
  // The schemas declare draft-06; ajv 8 speaks draft-07 and refuses unknown meta-schemas, so
  // `$schema` is dropped (draft-06 is a subset of 07 for every keyword these schemas use).
  // strict: false tolerates the odd keyword (one coredns copy lists properties beside
  // `properties`); allErrors reports every problem at once; verbose keeps the offending value.
  const AjvClass = (require("ajv") as { default: typeof Ajv }).default;
  return new AjvClass({ strict: false, allErrors: true, verbose: true, ...options })
    // vpc-cni declares `format: "boolean" | "integer"` on string values ("true", "8").
    .addFormat("boolean", /^(true|false)$/)
    .addFormat("integer", /^-?\d+$/);
}

function compiler(): Ajv {
  return (ajv ??= addonSchemaCompiler());
}

/** A vendored schema as it is compiled: without `$schema` (see addonSchemaCompiler). */
export function withoutMetaSchema(schema: object): object {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}

interface StructuredError {
  readonly path: string;
  /** The problem, without the value. */
  readonly message: string;
  /** The offending value, when it may be shown. */
  readonly value?: unknown;
  /** How the value is described in a plain message ("string", "\"x\""). */
  readonly got?: string;
  readonly allowed?: string;
}

/** ajv errors as `<key path>: <problem>` lines, without the noise of failed anyOf branches. */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  return structuredErrors(errors).map((e) => `${e.path || "(root)"}: ${e.message}${e.got ? `; got ${e.got}` : ""}${e.allowed ? `; allowed: ${e.allowed}` : ""}`);
}

function structuredErrors(errors: readonly ErrorObject[]): StructuredError[] {
  const out: StructuredError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath)) continue; // the anyOf error itself says it
    const s = structured(e);
    const key = `${s.path}|${s.message}|${s.allowed ?? ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

function structured(e: ErrorObject): StructuredError {
  const at = keyPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const shown = { value: e.data, got: JSON.stringify(e.data) };
  switch (e.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).sort();
      return { path: join(at, String(p.additionalProperty)), message: "unknown key", allowed: allowed.length > 0 ? allowed.join(", ") : "no keys" };
    }
    case "required":
      return { path: join(at, String(p.missingProperty)), message: "is required" };
    case "type":
      return { path: at, message: `must be ${String(p.type).split(",").join(" or ")}`, value: e.data, got: jsonType(e.data) };
    case "enum":
      return { path: at, message: "must be one of the allowed values", ...shown, allowed: (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ") };
    case "anyOf":
      return { path: at, message: "matches none of the allowed forms", ...shown };
    case "oneOf":
      // ajv names the branches that passed when more than one did (params.passingSchemas).
      return { path: at, message: p.passingSchemas ? "matches more than one of the allowed forms (exactly one must match)" : "matches none of the allowed forms", ...shown };
    default:
      return { path: at, message: e.message ?? e.keyword, ...shown };
  }
}

/** JSON pointer (/a/b/0/c.d) to the dotted path the issues use (a.b[0]["c.d"]). */
function keyPath(pointer: string): string {
  if (!pointer) return "";
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => join(acc, seg), "");
}

function join(parent: string, seg: string): string {
  if (/^\d+$/.test(seg) && parent) return `${parent}[${seg}]`;
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) return parent ? `${parent}.${seg}` : seg;
  return `${parent}[${JSON.stringify(seg)}]`;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Orders v1.9.3-eksbuild.2 before v1.10.1-eksbuild.11 (numeric, part by part). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.match(/\d+/g)?.map(Number) ?? [];
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
