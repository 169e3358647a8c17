/**
 * Unit tests of modules/core/addons.ts pinned by mutation testing: resolveAddon's returns and issues
 * on each path, the wording of schema errors (key paths, types, allowed keys, anyOf/oneOf), the
 * de-duplication of ajv errors and the ordering of vendored versions. Expected values are literal.
 */
import { ADDON_SCHEMAS } from "../modules/core/addon-schemas";
import { configurationSchema, resolveAddon, validateAddonConfiguration, validateAgainstSchema, vendoredVersions } from "../modules/core/addons";
import { Issues } from "../modules/core/errors";

const COREDNS_SCHEMA = "(coredns v1.12.3-eksbuild.1 configuration schema)";
const COREDNS_KEYS =
  "affinity, annotationTopologyMode, autoScaling, computeType, corefile, nodeSelector, podAnnotations, podDisruptionBudget, podLabels, replicaCount, resources, tolerations, topologySpreadConstraints";

function resolve(check: Parameters<typeof resolveAddon>[2]) {
  const issues = new Issues();
  const resolved = resolveAddon(issues, "cluster.addons.coredns", check);
  return { resolved, errors: issues.errors, warnings: issues.warnings };
}

describe("resolveAddon", () => {
  test("a version pinned by the user is used without the unknown-Kubernetes-version warning", () => {
    expect(resolve({ addon: "coredns", version: "v1.12.3-eksbuild.1" })).toEqual({ resolved: { version: "v1.12.3-eksbuild.1" }, errors: [], warnings: [] });
    expect(resolve({ addon: "coredns", kubernetesVersion: "1.33", version: "v1.11.1-eksbuild.8" })).toEqual({ resolved: { version: "v1.11.1-eksbuild.8" }, errors: [], warnings: [] });
  });

  test("a configuration with an unknown version still returns its configuration_values (and no version)", () => {
    const { resolved, errors } = resolve({ addon: "coredns", configuration: { replicaCount: 2 } });
    expect(resolved).toEqual({ version: undefined, configurationValues: '{"replicaCount":2}' });
    expect(errors).toEqual([
      { path: "cluster.addons.coredns", message: "coredns is configured but its version is unknown, so the configuration cannot be checked; set cluster.addonVersions.coredns" },
    ]);
  });

  test("a pinned version without vendored schema and no Kubernetes version: error names no Kubernetes version, returns version and configuration_values", () => {
    const { resolved, errors, warnings } = resolve({ addon: "coredns", version: "v1.11.4-eksbuild.22", configuration: { replicaCount: 2 } });
    expect(resolved).toEqual({ version: "v1.11.4-eksbuild.22", configurationValues: '{"replicaCount":2}' });
    expect(errors).toEqual([
      {
        path: "cluster.addons.coredns",
        message:
          "no verified configuration schema for coredns v1.11.4-eksbuild.22; pin cluster.addonVersions.coredns to a version whose schema is vendored and that EKS offers for this Kubernetes version (aws eks describe-addon-versions --addon-name coredns), or vendor the schema of v1.11.4-eksbuild.22 (scripts/refresh-vendor.sh)",
        value: "v1.11.4-eksbuild.22",
        allowed: "v1.8.7-eksbuild.4, v1.10.1-eksbuild.11, v1.11.1-eksbuild.8, v1.12.3-eksbuild.1",
      },
    ]);
    expect(warnings).toEqual([]);
  });

  test("configuring an add-on with no vendored schema at all says the vendored versions are none", () => {
    const issues = new Issues();
    const resolved = resolveAddon(issues, "efs.addon", { addon: "aws-efs-csi-driver", kubernetesVersion: "1.33", versionPath: "efs.addonVersion", configuration: {} });
    expect(resolved).toEqual({ version: "v2.2.0-eksbuild.1", configurationValues: "{}" });
    expect(issues.errors).toEqual([
      {
        path: "efs.addon",
        message:
          "no verified configuration schema for aws-efs-csi-driver v2.2.0-eksbuild.1 on Kubernetes 1.33; pin efs.addonVersion to a version whose schema is vendored and that EKS offers for this Kubernetes version (aws eks describe-addon-versions --addon-name aws-efs-csi-driver), or vendor the schema of v2.2.0-eksbuild.1 (scripts/refresh-vendor.sh)",
        value: "v2.2.0-eksbuild.1",
        allowed: "none",
      },
    ]);
  });

  test("a configuration key that is not an identifier is reported as a bracketed key right after the construct path", () => {
    expect(resolve({ addon: "coredns", kubernetesVersion: "1.33", configuration: { "bad.key": 1 } }).errors).toEqual([
      { path: 'cluster.addons.coredns["bad.key"]', message: `unknown key ${COREDNS_SCHEMA}`, allowed: COREDNS_KEYS },
    ]);
  });

  test("a missing required key is an issue with its path and message only", () => {
    expect(resolve({ addon: "coredns", kubernetesVersion: "1.33", configuration: { autoScaling: { minReplicas: 2 } } }).errors).toEqual([
      { path: "cluster.addons.coredns.autoScaling.enabled", message: `is required ${COREDNS_SCHEMA}` },
    ]);
  });
});

describe("schema error wording", () => {
  test("an unknown key where the schema allows no keys says allowed: no keys", () => {
    expect(validateAgainstSchema({ type: "object", additionalProperties: false }, { extra: 1 })).toEqual(["extra: unknown key; allowed: no keys"]);
  });

  test("the keys allowed beside an unknown key are listed sorted", () => {
    expect(validateAgainstSchema({ type: "object", additionalProperties: false, properties: { zeta: {}, alpha: {}, mid: {} } }, { other: 1 })).toEqual([
      "other: unknown key; allowed: alpha, mid, zeta",
    ]);
  });

  test("an array where an object is expected is described as array", () => {
    expect(validateAgainstSchema({ type: "object" }, [1])).toEqual(["(root): must be object; got array"]);
  });

  test("a value refused by a list of types names each type joined with or", () => {
    expect(validateAgainstSchema({ type: ["string", "integer"] }, true)).toEqual(["(root): must be string or integer; got boolean"]);
  });

  test("a oneOf that more than one form matches says so, instead of matching none", () => {
    expect(validateAgainstSchema({ oneOf: [{ type: "number" }, { type: "integer" }] }, 1)).toEqual(["(root): matches more than one of the allowed forms (exactly one must match); got 1"]);
  });

  test("a failed oneOf says it matches none of the allowed forms, without its branches' errors", () => {
    expect(validateAgainstSchema({ oneOf: [{ type: "string" }, { type: "integer" }] }, true)).toEqual(["(root): matches none of the allowed forms; got true"]);
  });

  test("errors of anyOf branches numbered 10 and above are left out too", () => {
    const branches = Array.from({ length: 12 }, () => ({ type: "string" }));
    expect(validateAgainstSchema({ anyOf: branches }, true)).toEqual(["(root): matches none of the allowed forms; got true"]);
  });

  test("the same error reported twice is listed once", () => {
    expect(validateAgainstSchema({ allOf: [{ required: ["a"] }, { required: ["a"] }] }, {})).toEqual(["a: is required"]);
  });

  test("errors at the same path with the same message but different allowed values are all listed", () => {
    expect(validateAgainstSchema({ allOf: [{ enum: [1, 2] }, { enum: [3, 4] }] }, 5)).toEqual([
      "(root): must be one of the allowed values; got 5; allowed: 1, 2",
      "(root): must be one of the allowed values; got 5; allowed: 3, 4",
    ]);
  });
});

describe("key paths of schema errors", () => {
  test("~0 in a JSON pointer segment is shown as ~", () => {
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { nodeSelector: { "a~b": 1 } })).toEqual(['nodeSelector["a~b"]: must be string; got integer']);
  });

  test("a key ending in digits is a dotted key, not an index", () => {
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { nodeSelector: { zone1: 1 } })).toEqual(["nodeSelector.zone1: must be string; got integer"]);
  });

  test("a key starting with digits is a quoted key, not an index", () => {
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { nodeSelector: { "1a": 1 } })).toEqual(['nodeSelector["1a"]: must be string; got integer']);
  });

  test("an array index of two digits is shown as an index", () => {
    const tolerations: unknown[] = Array.from({ length: 10 }, () => ({}));
    tolerations.push("x");
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { tolerations })).toEqual(["tolerations[10]: must be object; got string"]);
  });
});

describe("vendored schema lookups", () => {
  test("configurationSchema of an add-on with no vendored schema is undefined", () => {
    expect(configurationSchema("no-such-addon", "v1.0.0-eksbuild.1")).toBeUndefined();
  });

  test("vendoredVersions puts a version without numbers first and a shorter version before its extensions", () => {
    const table = ADDON_SCHEMAS as Record<string, Record<string, object>>;
    table["test-only-addon"] = { "v1.2.1": {}, "v1.10": {}, "v1.2": {}, latest: {} };
    try {
      expect(vendoredVersions("test-only-addon")).toEqual(["latest", "v1.2", "v1.2.1", "v1.10"]);
    } finally {
      delete table["test-only-addon"];
    }
  });
});
