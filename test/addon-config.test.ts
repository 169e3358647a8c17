/**
 * Issue 9 item 7: add-on configuration keys must exist in the schema of the pinned add-on version,
 * and add-on versions are pinned per Kubernetes version in one table (modules/core/addons.ts).
 * Expected messages are written out literally.
 */
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { environmentFiles } from "../main";
import { CORE_ADDONS, CreatedClusterSchema } from "../modules/cluster/config";
import { loadEnvironments } from "../modules/config/load";
import { Issues, formatIssue } from "../modules/core/errors";
import {
  ADDON_NAMES,
  ADDON_VERSIONS,
  CONFIGURED_ADDONS,
  KUBERNETES_VERSIONS,
  addonVersion,
  configuredAddonVersions,
  configurationSchema,
  resolveAddon,
  validateAddonConfiguration,
  validateAgainstSchema,
} from "../modules/core/addons";
import { PlatformStack } from "../modules/platform/platform-stack";
import { readVendoredSchemas, renderModule, renderValidatorsModule } from "../scripts/write-addon-schemas";
import { cloudEnvironment, configErrors, existingVpcEnvironment, FIXED_NOW, Json, patch, synthEnvironment } from "./helpers";
import { parseEnvironment } from "../modules/config/load";

const root = path.join(__dirname, "..");

/** The hybrid placement the cluster engineer gives CoreDNS (keys every vendored coredns >= v1.10.1 has). */
const COREDNS_HYBRID_PLACEMENT = {
  replicaCount: 2,
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] }] }] } } },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
};

describe("validateAddonConfiguration (ajv against the vendored schema)", () => {
  test("accepts what the hybrid layout sends the pod identity agent", () => {
    expect(validateAddonConfiguration("eks-pod-identity-agent", "v1.3.10-eksbuild.3", { daemonsets: { hybrid: { create: true } } })).toEqual([]);
  });

  test("refuses an unknown nested key, naming its path and the keys allowed there", () => {
    // aws-efs-csi-driver v1.7.0-eksbuild.1 let the controller take tolerations only
    // (kubernetes-sigs/aws-efs-csi-driver#1181; vendor/addons/aws-efs-csi-driver.keys.md).
    const efsLike = {
      $schema: "http://json-schema.org/draft-06/schema#",
      type: "object",
      additionalProperties: false,
      properties: { controller: { type: "object", additionalProperties: false, properties: { tolerations: { type: "array" } } } },
    };
    expect(validateAgainstSchema(efsLike, { controller: { tolerations: [] } })).toEqual([]);
    expect(validateAgainstSchema(efsLike, { controller: { nodeSelector: { "platform.eks-hybrid-storage/location": "cloud" } } })).toEqual([
      "controller.nodeSelector: unknown key; allowed: tolerations",
    ]);
  });

  test("refuses a key the pinned version does not have (coredns v1.8.7 predates affinity)", () => {
    expect(validateAddonConfiguration("coredns", "v1.8.7-eksbuild.4", COREDNS_HYBRID_PLACEMENT)).toEqual([
      "affinity: unknown key; allowed: computeType, corefile, nodeSelector, replicaCount, resources",
      "topologySpreadConstraints: unknown key; allowed: computeType, corefile, nodeSelector, replicaCount, resources",
    ]);
  });

  test("accepts the CoreDNS hybrid placement on every coredns version the table pins with a schema", () => {
    for (const v of ["v1.11.1-eksbuild.8", "v1.12.3-eksbuild.1"]) expect(validateAddonConfiguration("coredns", v, COREDNS_HYBRID_PLACEMENT)).toEqual([]);
  });

  test("refuses wrong types, reporting every problem at once", () => {
    expect(validateAddonConfiguration("eks-pod-identity-agent", "v1.3.10-eksbuild.3", { daemonsets: { hybrid: { create: "true" }, windows: {} } })).toEqual([
      "daemonsets.windows: unknown key; allowed: hybrid, hybrid-bottlerocket",
      "daemonsets.hybrid.create: must be boolean; got string",
    ]);
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { replicaCount: 1.5, nodeSelector: { "kubernetes.io/os": 1 }, tolerations: ["x"] })).toEqual([
      'nodeSelector["kubernetes.io/os"]: must be string; got integer',
      "replicaCount: must be integer; got number",
      "tolerations[0]: must be object; got string",
    ]);
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", null)).toEqual(["(root): must be object; got null"]);
  });

  test("enums, required keys and anyOf forms", () => {
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { annotationTopologyMode: "auto", autoScaling: { minReplicas: 2 }, podDisruptionBudget: { maxUnavailable: "1" } })).toEqual([
      'annotationTopologyMode: must be one of the allowed values; got "auto"; allowed: "Disabled", "Auto"',
      "autoScaling.enabled: is required",
      'podDisruptionBudget.maxUnavailable: matches none of the allowed forms; got "1"',
    ]);
    expect(validateAddonConfiguration("coredns", "v1.12.3-eksbuild.1", { podDisruptionBudget: { maxUnavailable: "50%" } })).toEqual([]);
  });

  test("vpc-cni string flags are checked by their declared format", () => {
    expect(validateAddonConfiguration("vpc-cni", "v1.15.1-eksbuild.1", { env: { ENABLE_PREFIX_DELEGATION: "true", WARM_IP_TARGET: "5" } })).toEqual([]);
    expect(validateAddonConfiguration("vpc-cni", "v1.15.1-eksbuild.1", { env: { ENABLE_PREFIX_DELEGATION: "yes", WARM_IP_TARGET: 5 } })).toEqual([
      'env.ENABLE_PREFIX_DELEGATION: must match format "boolean"; got "yes"',
      "env.WARM_IP_TARGET: must be string; got integer",
    ]);
  });

  test("a version without vendored schema is an error, not a pass", () => {
    expect(validateAddonConfiguration("coredns", "v1.11.4-eksbuild.22", {})).toEqual([
      "(root): no verified configuration schema for coredns v1.11.4-eksbuild.22; vendored: v1.8.7-eksbuild.4, v1.10.1-eksbuild.11, v1.11.1-eksbuild.8, v1.12.3-eksbuild.1",
    ]);
    expect(validateAddonConfiguration("aws-efs-csi-driver", "v2.2.0-eksbuild.1", {})).toEqual([
      "(root): no verified configuration schema for aws-efs-csi-driver v2.2.0-eksbuild.1; vendored: none",
    ]);
  });
});

describe("resolveAddon (what a construct calls per add-on)", () => {
  const run = (check: Parameters<typeof resolveAddon>[2]) => {
    const issues = new Issues();
    const resolved = resolveAddon(issues, "cluster.addons.coredns", check);
    return { resolved, errors: issues.errors.map(formatIssue), warnings: issues.warnings.map(formatIssue) };
  };

  test("pins the table's version and renders the configuration", () => {
    expect(run({ addon: "coredns", kubernetesVersion: "1.33", configuration: { replicaCount: 3 } })).toEqual({
      resolved: { version: "v1.12.3-eksbuild.1", configurationValues: '{"replicaCount":3}' },
      errors: [],
      warnings: [],
    });
    expect(run({ addon: "vpc-cni", kubernetesVersion: "1.34" }).resolved).toEqual({ version: "v1.20.4-eksbuild.2" });
  });

  test("configuration errors carry the construct path and the schema version", () => {
    expect(run({ addon: "coredns", kubernetesVersion: "1.33", configuration: { replicaCount: 1.5, replicas: 2 } }).errors).toEqual([
      "cluster.addons.coredns.replicas: unknown key (coredns v1.12.3-eksbuild.1 configuration schema); allowed: affinity, annotationTopologyMode, autoScaling, computeType, corefile, nodeSelector, podAnnotations, podDisruptionBudget, podLabels, replicaCount, resources, tolerations, topologySpreadConstraints",
      "cluster.addons.coredns.replicaCount: must be integer (coredns v1.12.3-eksbuild.1 configuration schema); got 1.5",
    ]);
  });

  test("configuring coredns on Kubernetes 1.32 (no verified schema) fails at synth and says what to do", () => {
    expect(run({ addon: "coredns", kubernetesVersion: "1.32", configuration: COREDNS_HYBRID_PLACEMENT }).errors).toEqual([
      'cluster.addons.coredns: no verified configuration schema for coredns v1.11.4-eksbuild.22 on Kubernetes 1.32; pin cluster.addonVersions.coredns to a version whose schema is vendored and that EKS offers for this Kubernetes version (aws eks describe-addon-versions --addon-name coredns), or vendor the schema of v1.11.4-eksbuild.22 (scripts/refresh-vendor.sh); got "v1.11.4-eksbuild.22"; allowed: v1.8.7-eksbuild.4, v1.10.1-eksbuild.11, v1.11.1-eksbuild.8, v1.12.3-eksbuild.1',
    ]);
    // Not configured there: pinned, no error.
    expect(run({ addon: "coredns", kubernetesVersion: "1.32" })).toEqual({ resolved: { version: "v1.11.4-eksbuild.22" }, errors: [], warnings: [] });
    // A user pin overrides the table and its schema is the one checked.
    expect(run({ addon: "coredns", kubernetesVersion: "1.32", version: "v1.11.1-eksbuild.8", configuration: COREDNS_HYBRID_PLACEMENT }).errors).toEqual([]);
  });

  test("a Kubernetes version outside the table is refused; an unknown one warns", () => {
    expect(run({ addon: "coredns", kubernetesVersion: "1.28" }).errors).toEqual([
      'cluster.addons.coredns: no coredns version is pinned for Kubernetes 1.28; set cluster.addonVersions.coredns or use a Kubernetes version of the table; got "1.28"; allowed: 1.29, 1.30, 1.31, 1.32, 1.33, 1.34',
    ]);
    expect(run({ addon: "coredns" })).toEqual({
      resolved: { version: undefined },
      errors: [],
      warnings: ["cluster.addons.coredns: coredns version is left to EKS's default because the cluster's Kubernetes version is unknown; set cluster.addonVersions.coredns (or the cluster version) to pin it"],
    });
    expect(run({ addon: "coredns", configuration: {} }).errors).toEqual([
      "cluster.addons.coredns: coredns is configured but its version is unknown, so the configuration cannot be checked; set cluster.addonVersions.coredns",
    ]);
  });

  test("addonVersion looks the table up and refuses versions outside it", () => {
    expect(addonVersion("kube-proxy", "1.31")).toBe("v1.31.13-eksbuild.2");
    expect(() => addonVersion("kube-proxy", "1.35")).toThrow("no add-on versions pinned for Kubernetes 1.35; allowed: 1.29, 1.30, 1.31, 1.32, 1.33, 1.34 (modules/core/addons.ts ADDON_VERSIONS)");
  });
});

// ---------------------------------------------------------------------------------------------

const environments = loadEnvironments(environmentFiles(undefined));
const synthesized = environments.map((env) => {
  const stack = new PlatformStack(Testing.app(), env.config.name, { environment: env.config, now: FIXED_NOW });
  const json = JSON.parse(Testing.synth(stack));
  const addons = Object.values((json.resource?.aws_eks_addon ?? {}) as Record<string, { addon_name: string; addon_version?: string; configuration_values?: string }>);
  const cluster = env.config.cluster;
  return { name: env.config.name, kubernetesVersion: cluster.mode === "create" ? cluster.version : undefined, addons };
});

/** The version EKS gets: addon_version when the construct sets it, else the table's pin (today's code may leave it unset). */
function pinned(env: (typeof synthesized)[number], a: { addon_name: string; addon_version?: string }): string {
  return a.addon_version ?? addonVersion(a.addon_name as (typeof ADDON_NAMES)[number], env.kubernetesVersion!);
}

describe("every bundled environment", () => {
  test.each(synthesized.map((s) => [s.name, s] as const))("%s: every configuration_values is valid for the add-on version pinned", (_name, env) => {
    for (const a of env.addons.filter((x) => x.configuration_values !== undefined && configurationSchema(x.addon_name, pinned(env, x)) !== undefined)) {
      expect({ addon: a.addon_name, errors: validateAddonConfiguration(a.addon_name, pinned(env, a), JSON.parse(a.configuration_values!)) }).toEqual({ addon: a.addon_name, errors: [] });
    }
  });

  test("no add-on is configured without a vendored schema for its pinned version", () => {
    const unverified = synthesized.flatMap((s) => s.addons.filter((a) => a.configuration_values !== undefined && !configurationSchema(a.addon_name, pinned(s, a))).map((a) => `${s.name}:${a.addon_name}@${pinned(s, a)}`));
    // The EFS add-on gets no configuration_values: no full public schema exists (vendor/addons/aws-efs-csi-driver.keys.md).
    expect(unverified).toEqual([]);
  });

  test("the checks above are not vacuous: a hybrid environment configures the pod identity agent", () => {
    const configured = synthesized.flatMap((s) => s.addons.filter((a) => a.configuration_values !== undefined).map((a) => `${s.name}:${a.addon_name}`));
    expect(configured).toContain("factory-hybrid:eks-pod-identity-agent");
  });

  test("every add-on the stacks create has a row in the table", () => {
    const created = new Set([...CORE_ADDONS, ...synthesized.flatMap((s) => s.addons.map((a) => a.addon_name))]);
    expect([...created].filter((a) => !(ADDON_NAMES as readonly string[]).includes(a))).toEqual([]);
    expect(created).toEqual(new Set(ADDON_NAMES)); // the bundled environments create all six
  });
});

describe("the version table", () => {
  test("pins every add-on for every Kubernetes version, as EKS add-on versions", () => {
    for (const k of KUBERNETES_VERSIONS) {
      expect(Object.keys(ADDON_VERSIONS[k]).sort()).toEqual([...ADDON_NAMES].sort());
      for (const v of Object.values(ADDON_VERSIONS[k])) expect(v).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
      // kube-proxy is built per Kubernetes minor.
      expect(ADDON_VERSIONS[k]["kube-proxy"]).toMatch(new RegExp(`^v${k.replace(".", "\\.")}\\.\\d+-eksbuild\\.\\d+$`));
    }
  });

  test("a configured add-on is pinned to a version with vendored schema, except the documented gap", () => {
    const missing = KUBERNETES_VERSIONS.flatMap((k) => CONFIGURED_ADDONS.filter((a) => !configurationSchema(a, ADDON_VERSIONS[k][a])).map((a) => `${a}@${k}`));
    expect(missing).toEqual(["coredns@1.32"]);
  });

  test("covers the cluster schema's default Kubernetes version", () => {
    expect(KUBERNETES_VERSIONS).toContain(CreatedClusterSchema.parse({ mode: "create" }).version);
  });

  // Flips to passing when cluster/config.ts accepts only KUBERNETES_VERSIONS (today: any /^1\.\d{2}$/);
  // then change test.failing to test.
  test.failing("covers every Kubernetes version the cluster schema accepts", () => {
    const accepted = Array.from({ length: 90 }, (_, i) => `1.${i + 10}`).filter((v) => CreatedClusterSchema.shape.version.safeParse(v).success);
    expect(accepted.filter((v) => !(KUBERNETES_VERSIONS as readonly string[]).includes(v))).toEqual([]);
  });

  test("scripts/refresh-vendor.sh re-fetches exactly the configured add-ons' pinned versions", () => {
    expect(configuredAddonVersions()).toEqual([
      ["coredns", "v1.11.1-eksbuild.8"],
      ["eks-pod-identity-agent", "v1.3.10-eksbuild.3"],
      ["coredns", "v1.11.4-eksbuild.22"],
      ["coredns", "v1.12.3-eksbuild.1"],
    ]);
    expect(fs.readFileSync(path.join(root, "scripts", "refresh-vendor.sh"), "utf8")).toContain("configuredAddonVersions()");
  });
});

describe("vendored schemas", () => {
  test("modules/core/addon-schemas.ts is generated from vendor/addons (run scripts/write-addon-schemas.ts when this fails)", () => {
    expect(fs.readFileSync(path.join(root, "modules", "core", "addon-schemas.ts"), "utf8")).toBe(renderModule(readVendoredSchemas(root)));
  });

  test("modules/core/addon-validators.ts is ajv's standalone code of the same schemas (run scripts/write-addon-schemas.ts when this fails)", () => {
    expect(fs.readFileSync(path.join(root, "modules", "core", "addon-validators.ts"), "utf8")).toBe(renderValidatorsModule(readVendoredSchemas(root)));
  });

  test("a precompiled validator reports what ajv compiling the schema at runtime reports", () => {
    const bad = { replicaCount: "three", nodeSelector: { "kubernetes.io/os": 1 }, unknownKey: true, tolerations: [{ effect: 3 }] };
    for (const [addon, byVersion] of Object.entries(readVendoredSchemas(root))) {
      for (const [version, schema] of Object.entries(byVersion)) {
        const runtime = validateAgainstSchema(schema as object, bad);
        expect(runtime.length).toBeGreaterThan(0);
        expect(validateAddonConfiguration(addon, version, bad)).toEqual(runtime);
      }
    }
  });

  test("vendor/README.md names the source of every vendored schema", () => {
    const readme = fs.readFileSync(path.join(root, "vendor", "README.md"), "utf8");
    const files = Object.entries(readVendoredSchemas(root)).flatMap(([addon, byVersion]) => Object.keys(byVersion).map((v) => `addons/${addon}/${v}.schema.json`));
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.filter((f) => !readme.includes(`| ${f} |`))).toEqual([]);
  });
});

describe("the table is wired into the constructs (issue 9.7)", () => {
  test("a created 1.33 cluster pins every core add-on to the table's version", () => {
    const json = synthEnvironment(cloudEnvironment());
    const versions = Object.fromEntries(Object.values(json.resource.aws_eks_addon as Record<string, Json>).map((a) => [a.addon_name, a.addon_version]));
    expect(versions).toEqual({
      "vpc-cni": "v1.20.1-eksbuild.3",
      "kube-proxy": "v1.33.5-eksbuild.2",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
      coredns: "v1.12.3-eksbuild.1",
    });
  });

  test("a Kubernetes version outside the table is refused at validation, naming the field", () => {
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { version: "1.28" } }), "env.yaml"))).toEqual([
      'cluster.version: is a Kubernetes version this library has no add-on versions for (core/addons.ts); got "1.28"; allowed: 1.29, 1.30, 1.31, 1.32, 1.33, 1.34',
    ]);
  });

  test("an adopted cluster with its version pins the EFS add-on; without it, a warning and EKS's default", () => {
    const env = existingVpcEnvironment({
      cluster: { mode: "existing", name: "prod", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", version: "1.32" },
      efs: { clientPrincipalArns: ["arn:aws:iam::111122223333:role/nodes"] },
    });
    const efsAddon = (j: Json) => Object.values(j.resource.aws_eks_addon as Record<string, Json>).find((a) => a.addon_name === "aws-efs-csi-driver")!;
    expect(efsAddon(synthEnvironment(env)).addon_version).toBe("v2.2.0-eksbuild.1");
    const unknown = patch(env, { cluster: { version: undefined } });
    expect(efsAddon(synthEnvironment(unknown)).addon_version).toBeUndefined();
  });
});
