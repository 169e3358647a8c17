/**
 * npm run plan:offline — synthesizes every environment and runs `terraform init` (from a local
 * provider mirror) and `terraform plan` (mock credentials, skip_* settings) on the AWS part of each
 * stack, so the AWS provider's own validations check what we generate. See offline-variant.ts for
 * exactly what the offline copy changes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { buildApp, environmentFiles, projectRoot } from "../main";
import { loadEnvironments } from "../modules/config/load";
import { ConfigValidationError } from "../modules/core/errors";
import { offlineVariant, ProviderSchema } from "./offline-variant";
import { findAwsProviderMirror } from "./terraform-mirror";

interface StackResult {
  stack: string;
  ok: boolean;
  summary: string;
  omitted: number;
  detail?: string;
  seconds: number;
}

function terraform(args: string[], cwd: string): { status: number; out: string } {
  const r = spawnSync("terraform", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      TF_CLI_CONFIG_FILE: path.join(cwd, "..", "terraformrc"),
      AWS_ACCESS_KEY_ID: "mock-access-key",
      AWS_SECRET_ACCESS_KEY: "mock-secret-key",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

/** Resource schemas of the mirror's provider, read once via `terraform providers schema -json`. */
function providerSchema(work: string, version: string): { resources: ProviderSchema } | { error: string } {
  const dir = path.join(work, "_schema");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version } } } }));
  const init = terraform(["init", "-input=false", "-no-color"], dir);
  if (init.status !== 0) return { error: init.out };
  const out = terraform(["providers", "schema", "-json"], dir);
  if (out.status !== 0) return { error: out.out };
  const parsed = JSON.parse(out.out);
  const aws = Object.entries(parsed.provider_schemas ?? {}).find(([k]) => k.endsWith("hashicorp/aws"))?.[1] as { resource_schemas: ProviderSchema } | undefined;
  return aws ? { resources: aws.resource_schemas } : { error: "no hashicorp/aws schema in the output" };
}

function main(): number {
  const which = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (which.error) {
    process.stderr.write("plan:offline needs the terraform binary (>= 1.10) on PATH; it was not found.\n");
    return 2;
  }
  const mirror = findAwsProviderMirror();
  if ("error" in mirror) {
    process.stderr.write(`plan:offline: ${mirror.error}\n`);
    return 2;
  }
  process.stdout.write(`AWS provider ${mirror.awsVersion} from ${mirror.dir} (found by ${mirror.foundBy}); pinned for this check only.\n`);
  process.stdout.write("kubernetes_* and helm_* blocks are left out: no provider binaries for them offline.\n");

  let environments;
  try {
    environments = loadEnvironments(environmentFiles());
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const work = path.join(projectRoot, ".plan-offline");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  // A CLI config of our own: the user's may point at network mirrors or credentials helpers.
  fs.writeFileSync(path.join(work, "terraformrc"), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.dir)}\n  }\n}\n`);

  const schema = providerSchema(work, mirror.awsVersion);
  if ("error" in schema) {
    process.stderr.write(`plan:offline: could not read the provider schema:\n${schema.error}\n`);
    return 2;
  }

  const app = new App({ outdir: path.join(work, "cdktf.out") });
  buildApp(app, environments);
  app.synth();

  const stacksDir = path.join(work, "cdktf.out", "stacks");
  const results: StackResult[] = [];
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const started = Date.now();
    const synthesized = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8"));
    const { json, omitted, unsupported } = offlineVariant(synthesized, mirror.awsVersion, schema.resources);
    for (const u of unsupported) process.stdout.write(`note ${stack}: ${u} is not in aws ${mirror.awsVersion}; left out of this check\n`);
    const dir = path.join(work, stack);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(json, null, 2));
    const init = terraform(["init", "-input=false", "-no-color", "-backend=true"], dir);
    if (init.status !== 0) {
      results.push({ stack, ok: false, summary: "terraform init failed", omitted: omitted.length, detail: init.out, seconds: (Date.now() - started) / 1000 });
      continue;
    }
    const plan = terraform(["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false"], dir);
    const line = plan.out.match(/Plan: \d+ to add, \d+ to change, \d+ to destroy\./)?.[0] ?? (plan.out.includes("No changes.") ? "No changes." : "no plan summary");
    results.push({ stack, ok: plan.status === 0, summary: line, omitted: omitted.length, detail: plan.status === 0 ? undefined : plan.out, seconds: (Date.now() - started) / 1000 });
  }

  for (const r of results) {
    process.stdout.write(`${r.ok ? "ok  " : "FAIL"} ${r.stack}: ${r.summary} (${r.omitted} kubernetes/helm blocks left out; ${r.seconds.toFixed(1)} s)\n`);
    if (r.detail) process.stdout.write(`${r.detail.split("\n").map((l) => `     ${l}`).join("\n")}\n`);
  }
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
