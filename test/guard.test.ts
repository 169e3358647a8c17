import * as fs from "fs";
import * as path from "path";
import { destructiveAction, guardPlan, runGuard, STATEFUL_TYPES } from "../scripts/guard";

const fixture = (name: string) => path.join(__dirname, "fixtures", "plans", name);
const run = (argv: string[], env: Record<string, string> = {}) => {
  let stdout = "";
  let stderr = "";
  const code = runGuard(argv, env, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
};

describe("guard: stateful deletes and replacements in a plan", () => {
  test("a clean plan passes (updates, no-ops, a replaced nodegroup, data sources)", () => {
    const r = run([fixture("clean.json")]);
    expect(r).toEqual({ code: 0, stdout: "guard: no stateful resource is deleted or replaced without an explicit allow (5 resource changes checked)\n", stderr: "" });
  });

  test("deleting the efs: section lists the file system, mount targets and key, not the security group or chart", () => {
    const r = run([fixture("efs-section-removed.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "guard: the plan deletes or replaces 4 stateful resources (data would be lost):",
        "  - aws_efs_file_system.efs_file-system_44A43371: delete; delete_because_no_resource_config",
        "  - aws_efs_mount_target.efs_mount-target-private-a_FB71C3B3: delete; delete_because_no_resource_config",
        "  - aws_efs_mount_target.efs_mount-target-private-b_C8351AD2: delete; delete_because_no_resource_config",
        "  - aws_kms_key.efs_key_C94CD0AC: delete; delete_because_no_resource_config",
        "Check each one; if it is intended, allow it explicitly: --allow <address> (or --allow-file, or GUARD_ALLOW).",
        "",
      ].join("\n"),
    );
  });

  test("a renamed SVM key, a volume replaced in a module, the cluster replaced create-before-destroy", () => {
    const r = run([fixture("svm-renamed.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  - aws_fsx_ontap_storage_virtual_machine.fsx-ontap_svm-analytics_B41AAF62: delete; delete_because_no_resource_config\n");
    expect(r.stderr).toContain("  - aws_fsx_ontap_volume.fsx-ontap_volume-analytics-warehouse_8F19F86C: delete; delete_because_no_resource_config\n");
    expect(r.stderr).toContain("  - module.storage.aws_fsx_ontap_volume.fsx-ontap_volume-factory-recipes_8244BD74: replace (delete then create); replace_because_cannot_update\n");
    expect(r.stderr).toContain("  - aws_eks_cluster.cluster_A4C38409: replace (create then delete); replace_by_request\n");
    expect(r.stderr).not.toContain("svm-insights"); // a create is not destructive
    expect(r.stderr).toMatch(/^guard: the plan deletes or replaces 4 stateful resources/);
  });

  test("the state bucket deleted", () => {
    const r = run([fixture("state-bucket-deleted.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  - aws_s3_bucket.state-bucket: delete; delete_because_no_resource_config\n");
  });

  test("every address allowed explicitly (flags, a file, the environment) passes and is still listed", () => {
    const allowFile = path.join(fs.mkdtempSync(path.join(require("os").tmpdir(), "guard-")), "allow.txt");
    fs.writeFileSync(allowFile, "# reviewed in CHANGE-123\naws_efs_mount_target.efs_mount-target-private-a_FB71C3B3\n\naws_efs_mount_target.efs_mount-target-private-b_C8351AD2  # both AZs\n");
    const r = run(
      [fixture("efs-section-removed.json"), "--allow", "aws_efs_file_system.efs_file-system_44A43371", "--allow-file", allowFile],
      { GUARD_ALLOW: "aws_kms_key.efs_key_C94CD0AC" },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "guard: allowed explicitly (4):",
        "  - aws_efs_file_system.efs_file-system_44A43371: delete; delete_because_no_resource_config",
        "  - aws_efs_mount_target.efs_mount-target-private-a_FB71C3B3: delete; delete_because_no_resource_config",
        "  - aws_efs_mount_target.efs_mount-target-private-b_C8351AD2: delete; delete_because_no_resource_config",
        "  - aws_kms_key.efs_key_C94CD0AC: delete; delete_because_no_resource_config",
        "guard: no stateful resource is deleted or replaced without an explicit allow (6 resource changes checked)",
        "",
      ].join("\n"),
    );
  });

  test("allowing some addresses is not enough; stale allow entries are reported", () => {
    const r = run([fixture("efs-section-removed.json"), "--allow=aws_efs_file_system.efs_file-system_44A43371", "--allow", "aws_s3_bucket.gone"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^guard: the plan deletes or replaces 3 stateful resources/);
    expect(r.stderr).toContain("guard: allowed explicitly (1):\n  - aws_efs_file_system.efs_file-system_44A43371: delete");
    expect(r.stderr).toContain("guard: warning: --allow aws_s3_bucket.gone matches no delete or replace in this plan (stale allow entry?)\n");
  });

  test("an allow entry must match the address exactly (no prefix or type match)", () => {
    expect(guardPlan(JSON.parse(fs.readFileSync(fixture("state-bucket-deleted.json"), "utf8")), ["aws_s3_bucket", "aws_s3_bucket.state"]).blocked.map((f) => f.address)).toEqual(["aws_s3_bucket.state-bucket"]);
  });

  test("input errors exit 2 with the reason", () => {
    expect(run([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^guard: no plan file given\nusage: npm run guard -- /) });
    expect(run([fixture("clean.json"), "--allow"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^guard: --allow needs a value/) });
    expect(run([fixture("clean.json"), "--force"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^guard: unknown option --force/) });
    expect(run([fixture("state-not-plan.json")])).toMatchObject({ code: 2, stderr: expect.stringContaining("not the JSON of a plan: no resource_changes or planned_values (is this state JSON?") });
    expect(run([fixture("missing.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^guard: cannot read .*missing\.json as JSON: ENOENT/) });
    expect(() => guardPlan([], [])).toThrow("not the JSON of a plan: expected an object with format_version");
  });

  test("which action lists are destructive", () => {
    expect(destructiveAction(["delete"])).toBe("delete");
    expect(destructiveAction(["delete", "create"])).toBe("replace");
    expect(destructiveAction(["create", "delete"])).toBe("replace");
    for (const safe of [["no-op"], ["create"], ["update"], ["read"], ["forget"], []]) expect(destructiveAction(safe)).toBeUndefined();
  });

  test("the stateful types are the data-holding resources the library creates", () => {
    expect([...STATEFUL_TYPES].sort()).toEqual([
      "aws_efs_file_system",
      "aws_efs_mount_target",
      "aws_eks_cluster",
      "aws_fsx_ontap_file_system",
      "aws_fsx_ontap_storage_virtual_machine",
      "aws_fsx_ontap_volume",
      "aws_kms_key",
      "aws_s3_bucket",
    ]);
  });

  test("npm run guard builds and runs the compiled script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
    expect(pkg.scripts.guard).toBe("npm run build --silent && node dist/scripts/guard.js");
  });
});
