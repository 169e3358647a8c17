/**
 * Retiring a stateful item (issue 10 item 10b): `retired:` renders Terraform `removed` blocks with
 * destroy = false for the addresses the library created, so the plan forgets the item instead of
 * deleting it. Also: YAML-path warnings surface as cdktf annotations.
 */
import { Testing } from "cdktf";
import { EnvironmentInput } from "../modules/config/environment";
import { parseEnvironment } from "../modules/config/load";
import { PlatformStack } from "../modules/platform/platform-stack";
import { resourceAddress, retiredAddresses } from "../modules/platform/retired";
import { buildStack, cloudEnvironment, configErrors, FIXED_NOW, Json, patch, synthEnvironment } from "./helpers";

const withStorage: EnvironmentInput = cloudEnvironment({
  efs: { accessPoints: { app: { uid: 1000, gid: 1000, path: "/app" } } },
  fsxOntap: {
    deploymentType: "SINGLE_AZ_1",
    subnets: ["private-a"],
    storageCapacityGiB: 1024,
    throughputMibps: 128,
    svms: { apps: { volumes: { data: { junctionPath: "/data", sizeGiB: 100 }, logs: { junctionPath: "/logs", sizeGiB: 10 } } }, other: {} },
  },
});

/** Every resource address of a synthesized stack. */
const addressesOf = (json: Json) => Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as Json).map((n) => `${type}.${n}`));
const removedOf = (json: Json) => (json.removed ?? []) as { from: string; lifecycle: { destroy: boolean } }[];

describe("addresses", () => {
  const before = new Set(addressesOf(synthEnvironment(withStorage)));

  test("are cdktf's own: the EFS file system's address is the one in the environments snapshot", () => {
    expect(resourceAddress("aws_efs_file_system", ["efs", "file-system"])).toBe("aws_efs_file_system.efs_file-system_44A43371");
    expect(resourceAddress("aws_fsx_ontap_volume", ["fsx-ontap", "volume-analytics-warehouse"])).toBe("aws_fsx_ontap_volume.fsx-ontap_volume-analytics-warehouse_8F19F86C");
  });

  test.each(["efs", "efs.accessPoints.app", "fsxOntap", "fsxOntap.svms.apps", "fsxOntap.svms.apps.volumes.data"])("%s maps only to addresses the library really created", (entry) => {
    const mapped = retiredAddresses(entry, parseEnvironment(withStorage, "e").config)!;
    // Mount targets are mapped for every private subnet; the rest must all exist.
    const expected = mapped.filter((a) => !a.startsWith("aws_efs_mount_target.") || /private-a|private-b/.test(a));
    expect(expected.filter((a) => !before.has(a))).toEqual([]);
  });

  test("retiring efs covers the file system, its mount targets, key, alias, security group and policies", () => {
    const mapped = retiredAddresses("efs", parseEnvironment(withStorage, "e").config)!;
    const efsStateful = [...before].filter((a) => /^aws_(efs_file_system|efs_mount_target|efs_backup_policy|efs_file_system_policy|kms_key|kms_alias|security_group)\.efs_/.test(a));
    expect(efsStateful.length).toBe(8);
    expect(efsStateful.filter((a) => !mapped.includes(a))).toEqual([]);
  });
});

describe("removed blocks", () => {
  test("retiring EFS and one SVM with its volumes renders removed blocks with destroy = false, and nothing of them is created", () => {
    const env = structuredClone({ ...withStorage, retired: ["efs", "fsxOntap.svms.apps", "fsxOntap.svms.apps.volumes.data", "fsxOntap.svms.apps.volumes.logs"] }) as Json;
    delete env.efs;
    delete env.fsxOntap.svms.apps;
    const json = synthEnvironment(env as EnvironmentInput);
    const removed = removedOf(json);
    expect(removed).toContainEqual({ from: "aws_efs_file_system.efs_file-system_44A43371", lifecycle: { destroy: false } });
    expect(removed.map((r) => r.from)).toEqual(
      expect.arrayContaining([
        resourceAddress("aws_fsx_ontap_storage_virtual_machine", ["fsx-ontap", "svm-apps"]),
        resourceAddress("aws_fsx_ontap_volume", ["fsx-ontap", "volume-apps-data"]),
        resourceAddress("aws_fsx_ontap_volume", ["fsx-ontap", "volume-apps-logs"]),
        resourceAddress("aws_kms_key", ["efs", "key"]),
      ]),
    );
    expect(removed.every((r) => r.lifecycle.destroy === false)).toBe(true);
    const created = new Set(addressesOf(json));
    expect(removed.filter((r) => created.has(r.from))).toEqual([]);
    // The other SVM stays.
    expect(created.has(resourceAddress("aws_fsx_ontap_storage_virtual_machine", ["fsx-ontap", "svm-other"]))).toBe(true);
  });

  test("a resource address is rendered as given", () => {
    const json = synthEnvironment(cloudEnvironment({ retired: ["aws_s3_bucket.old-logs_1A2B3C4D"] }));
    expect(removedOf(json)).toEqual([{ from: "aws_s3_bucket.old-logs_1A2B3C4D", lifecycle: { destroy: false } }]);
  });

  test("no retired entry, no removed block", () => {
    expect(synthEnvironment(cloudEnvironment()).removed).toBeUndefined();
  });
});

describe("validation", () => {
  const errors = (env: unknown) => configErrors(() => parseEnvironment(env, "e"));

  test("an item still configured cannot be retired", () => {
    expect(errors(patch(withStorage, { retired: ["efs", "fsxOntap.svms.apps.volumes.data"] }))).toEqual([
      'retired[0]: is still configured: delete efs from the environment in the same change, or drop this entry; got "efs"',
      'retired[1]: is still configured: delete fsxOntap.svms.apps.volumes.data from the environment in the same change, or drop this entry; got "fsxOntap.svms.apps.volumes.data"',
    ]);
  });

  test("an unknown entry names the allowed forms", () => {
    expect(errors(cloudEnvironment({ retired: ["cluster", "fsxOntap.volumes.x"] }))).toEqual([
      expect.stringMatching(/^retired\[0\]: must be efs, efs\.accessPoints\.<name>, fsxOntap, fsxOntap\.svms\.<svm>, fsxOntap\.svms\.<svm>\.volumes\.<volume>, or a resource address .*; got "cluster"$/),
      expect.stringMatching(/^retired\[1\]: must be efs, .*; got "fsxOntap\.volumes\.x"$/),
    ]);
  });

  test("a repeated entry is an error", () => {
    expect(errors(cloudEnvironment({ retired: ["efs", "efs"] }))).toEqual(['retired[1]: repeats retired[0]; got "efs"']);
  });

  test("a resource address the stack still creates fails the synth, naming the entry", () => {
    // The cluster's address, from test/__snapshots__/environments.test.ts.snap.
    const env = cloudEnvironment({ retired: ["aws_eks_cluster.cluster_A4C38409"] });
    expect(configErrors(() => buildStack(env))).toEqual([
      'retired[0]: names aws_eks_cluster.cluster_A4C38409, which this environment still creates; Terraform refuses to remove a resource that is still configured; got "aws_eks_cluster.cluster_A4C38409"',
    ]);
  });

  test("retiring an SVM without its volumes, or FSx without its SVMs, warns (the plan would destroy them)", () => {
    const { warnings } = parseEnvironment(cloudEnvironment({ retired: ["fsxOntap"] }), "e");
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^retires fsxOntap but no SVM: list each as fsxOntap\.svms\.<svm>/));
    const svm = parseEnvironment(cloudEnvironment({ retired: ["fsxOntap", "fsxOntap.svms.apps"] }), "e").warnings;
    expect(svm.map((w) => w.message)).toContainEqual(expect.stringMatching(/^retires fsxOntap\.svms\.apps but none of its volumes/));
    expect(svm.map((w) => w.message)).not.toContainEqual(expect.stringMatching(/no SVM/));
  });
});

describe("warnings of the YAML path are cdktf annotations (cdktf synth shows them)", () => {
  test("a validated environment's warnings are on the stack as warnings", () => {
    const loaded = parseEnvironment(cloudEnvironment({ retired: ["fsxOntap"] }), "e");
    const stack = new PlatformStack(Testing.app(), "warn-env", { environment: loaded.config, now: FIXED_NOW });
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringMatching(/^retired: retires fsxOntap but no SVM/));
    expect(warnings.length).toBe(loaded.warnings.length);
  });

  test("an inline environment's warnings too", () => {
    const stack = buildStack(cloudEnvironment({ retired: ["fsxOntap"] }));
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data))).toContainEqual(expect.stringMatching(/^retired: retires fsxOntap but no SVM/));
  });
});

describe("main", () => {
  test("a retired address the stack still creates exits 1 with the error, and writes nothing", () => {
    const fs = require("fs") as typeof import("fs");
    const os = require("os") as typeof import("os");
    const path = require("path") as typeof import("path");
    const { stringify } = require("yaml") as typeof import("yaml");
    const { run } = require("../main") as typeof import("../main");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retired-main-"));
    const file = path.join(dir, "env.yaml");
    fs.writeFileSync(file, stringify(cloudEnvironment({ retired: ["aws_eks_cluster.cluster_A4C38409"] })));
    const outdir = path.join(dir, "out");
    let stderr = "";
    expect(run({ config: file, outdir, stdout: () => undefined, stderr: (t) => (stderr += t) })).toBe(1);
    expect(stderr).toContain("retired[0]: names aws_eks_cluster.cluster_A4C38409, which this environment still creates");
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
