/**
 * npm run guard -- plan.json [--allow <address>]... [--allow-file <file>]
 *
 * Reads the JSON of a saved plan (`terraform show -json plan.tfplan > plan.json`) and fails when
 * the plan deletes or replaces a stateful resource — the cluster, KMS keys, EFS file systems and
 * mount targets, FSx file systems, SVMs and volumes, S3 buckets (the state bucket) — unless each
 * such address is allowed explicitly (issue 10 item 10a). `prevent_destroy` only stops
 * `terraform destroy` and plans that touch the protected address; deleting an `efs:` section or
 * renaming an SVM key removes the resource block itself, which this catches.
 *
 * Allowed addresses: `--allow <address>` (repeatable), `--allow-file <file>` (one per line, `#`
 * comments), and $GUARD_ALLOW (whitespace- or comma-separated). Exit codes: 0 clean (or every
 * destructive change allowed), 1 destructive changes found, 2 usage or input error.
 */
import * as fs from "fs";

/** Resource types whose deletion loses data or breaks what holds data (README "Guarding plans in CI"). */
export const STATEFUL_TYPES: readonly string[] = [
  "aws_eks_cluster",
  "aws_kms_key",
  "aws_efs_file_system",
  "aws_efs_mount_target",
  "aws_fsx_ontap_file_system",
  "aws_fsx_ontap_storage_virtual_machine",
  "aws_fsx_ontap_volume",
  "aws_s3_bucket",
];

/** The part of `terraform show -json` output the guard reads (format_version 1.x). */
export interface PlanJson {
  readonly format_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly change: { readonly actions: readonly string[] };
  readonly action_reason?: string;
}

export interface Finding {
  readonly address: string;
  readonly type: string;
  /** "delete" or "replace" */
  readonly action: "delete" | "replace";
  /** The plan's action order: delete-then-create or create-then-delete. */
  readonly actions: readonly string[];
  readonly reason?: string;
}

export interface GuardResult {
  /** Destructive changes of stateful resources that are not allowed. */
  readonly blocked: Finding[];
  /** Destructive changes that were allowed explicitly. */
  readonly allowed: Finding[];
  /** Allowed addresses that the plan does not delete or replace (stale entries). */
  readonly unusedAllows: string[];
  readonly changesChecked: number;
}

/** What a change does to the existing object: delete, replace (either order), or nothing destructive. */
export function destructiveAction(actions: readonly string[]): "delete" | "replace" | undefined {
  if (actions.length === 1 && actions[0] === "delete") return "delete";
  if (actions.length === 2 && actions.includes("delete") && actions.includes("create")) return "replace";
  return undefined;
}

/** Checks a parsed plan. Throws when the JSON is not a plan. */
export function guardPlan(plan: unknown, allow: Iterable<string>): GuardResult {
  if (!plan || typeof plan !== "object" || Array.isArray(plan) || typeof (plan as PlanJson).format_version !== "string") {
    throw new Error("not the JSON of a plan: expected an object with format_version (terraform show -json <planfile>)");
  }
  const p = plan as PlanJson & { planned_values?: unknown };
  if (p.resource_changes === undefined && p.planned_values === undefined) {
    throw new Error("not the JSON of a plan: no resource_changes or planned_values (is this state JSON? run terraform show -json on the saved plan file)");
  }
  if (p.resource_changes !== undefined && !Array.isArray(p.resource_changes)) throw new Error("resource_changes is not a list");
  const allowSet = new Set(allow);
  const blocked: Finding[] = [];
  const allowed: Finding[] = [];
  const changes = p.resource_changes ?? [];
  for (const rc of changes) {
    if (rc.mode === "data" || !STATEFUL_TYPES.includes(rc.type)) continue;
    const action = destructiveAction(rc.change?.actions ?? []);
    if (!action) continue;
    const finding: Finding = { address: rc.address, type: rc.type, action, actions: [...rc.change.actions], ...(rc.action_reason ? { reason: rc.action_reason } : {}) };
    (allowSet.has(rc.address) ? allowed : blocked).push(finding);
  }
  const hit = new Set(allowed.map((f) => f.address));
  return { blocked, allowed, unusedAllows: [...allowSet].filter((a) => !hit.has(a)).sort(), changesChecked: changes.length };
}

function describe(f: Finding): string {
  const how = f.action === "delete" ? "delete" : `replace (${f.actions.join(" then ")})`;
  return `${f.address}: ${how}${f.reason ? `; ${f.reason}` : ""}`;
}

/** The report lines and exit code for a result. */
export function formatResult(r: GuardResult): { text: string; exitCode: 0 | 1 } {
  const lines: string[] = [];
  if (r.blocked.length > 0) {
    lines.push(`guard: the plan deletes or replaces ${r.blocked.length} stateful resource${r.blocked.length === 1 ? "" : "s"} (data would be lost):`);
    for (const f of r.blocked) lines.push(`  - ${describe(f)}`);
    lines.push("Check each one; if it is intended, allow it explicitly: --allow <address> (or --allow-file, or GUARD_ALLOW).");
  }
  if (r.allowed.length > 0) {
    lines.push(`guard: allowed explicitly (${r.allowed.length}):`);
    for (const f of r.allowed) lines.push(`  - ${describe(f)}`);
  }
  for (const a of r.unusedAllows) lines.push(`guard: warning: --allow ${a} matches no delete or replace in this plan (stale allow entry?)`);
  if (r.blocked.length === 0) lines.push(`guard: no stateful resource is deleted or replaced without an explicit allow (${r.changesChecked} resource changes checked)`);
  return { text: `${lines.join("\n")}\n`, exitCode: r.blocked.length > 0 ? 1 : 0 };
}

export interface GuardArgs {
  readonly planFile: string;
  readonly allow: string[];
}

/** Parses argv (after the script name) and $GUARD_ALLOW; throws with a usage message on bad input. */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>, readFile: (p: string) => string = (p) => fs.readFileSync(p, "utf8")): GuardArgs {
  const allow: string[] = [];
  let planFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--allow" || a === "--allow-file") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      if (a === "--allow") allow.push(v);
      else allow.push(...readFile(v).split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean));
    } else if (a.startsWith("--allow=")) allow.push(a.slice("--allow=".length));
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else if (planFile === undefined) planFile = a;
    else throw new Error(`one plan file only; got ${planFile} and ${a}`);
  }
  if (!planFile) throw new Error("no plan file given");
  allow.push(...(env.GUARD_ALLOW ?? "").split(/[\s,]+/).filter(Boolean));
  return { planFile, allow };
}

const USAGE = "usage: npm run guard -- <plan.json | -> [--allow <address>]... [--allow-file <file>]   (plan.json from: terraform show -json plan.tfplan)";

/** Runs the guard; returns the exit code. */
export function runGuard(argv: readonly string[], env: Record<string, string | undefined>, io: { stdout: (s: string) => void; stderr: (s: string) => void; readFile?: (p: string) => string }): number {
  const readFile = io.readFile ?? ((p: string) => fs.readFileSync(p === "-" ? 0 : p, "utf8"));
  let args: GuardArgs;
  let plan: unknown;
  try {
    args = parseArgs(argv, env, readFile);
  } catch (e) {
    io.stderr(`guard: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    plan = JSON.parse(readFile(args.planFile));
  } catch (e) {
    io.stderr(`guard: cannot read ${args.planFile} as JSON: ${(e as Error).message}\n`);
    return 2;
  }
  let result: GuardResult;
  try {
    result = guardPlan(plan, args.allow);
  } catch (e) {
    io.stderr(`guard: ${args.planFile}: ${(e as Error).message}\n`);
    return 2;
  }
  const { text, exitCode } = formatResult(result);
  (exitCode === 0 ? io.stdout : io.stderr)(text);
  return exitCode;
}

if (require.main === module) {
  process.exitCode = runGuard(process.argv.slice(2), process.env, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
}
