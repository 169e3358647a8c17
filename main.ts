/**
 * The app: one stack per environment file, plus the bootstrap stack of each state bucket.
 *
 *   PLATFORM_CONFIG=<file or directory> node dist/main.js   # that environment (or directory of them)
 *   node dist/main.js                                        # the bundled examples in environments/
 *
 * Every file is validated before anything is constructed: on any error all of them are printed,
 * the process exits 1 and no stack is written.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { StateBucketStack } from "./bootstrap/state-bucket-stack";
import { bootstrapAccessOf } from "./modules/state/config";
import { environmentFilesIn, LoadedEnvironment, loadEnvironments } from "./modules/config/load";
import { ConfigValidationError, formatIssue } from "./modules/core/errors";
import { PlatformStack } from "./modules/platform/platform-stack";
import { formatSummary, resourcesPerModule } from "./modules/platform/summary";

/** The repository root, whether running from sources or from dist/. */
export const projectRoot = fs.existsSync(path.join(__dirname, "environments")) ? __dirname : path.resolve(__dirname, "..");

export function environmentFiles(config = process.env.PLATFORM_CONFIG): string[] {
  // Paths inside the working directory are shown relative to it, in messages too.
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  };
  if (!config) return environmentFilesIn(path.join(projectRoot, "environments")).map(shown);
  const resolved = path.resolve(config);
  return fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? environmentFilesIn(resolved).map(shown) : [shown(resolved)];
}

export interface BuiltApp {
  readonly app: App;
  readonly summaries: string[];
}

/** Builds every stack of the given environments into `app` (validated already). */
export function buildApp(app: App, environments: readonly LoadedEnvironment[]): BuiltApp {
  const summaries: string[] = [];
  const buckets = new Map<string, LoadedEnvironment>();
  for (const env of environments) {
    // Data from files only: no stack here refers to another, so cdktf's preparing pass is skipped.
    const stack = new PlatformStack(app, env.config.name, { environment: env.config, crossStackReferences: false });
    summaries.push(formatSummary(stack.node.id, env.config.layout, resourcesPerModule(stack)));
    if (!buckets.has(env.config.state.bucket)) buckets.set(env.config.state.bucket, env);
  }
  for (const [bucket, env] of buckets) {
    // Key policy principals, access logging and the key ARN come from every file that shares the bucket.
    const access = bootstrapAccessOf(environments.filter((e) => e.config.state.bucket === bucket).map((e) => e.config.state));
    if (access.conflicts.length > 0) throw new Error(`bootstrap-${bucket}: ${access.conflicts.join("; ")}`);
    const stack = new StateBucketStack(app, `bootstrap-${bucket}`, {
      bucket,
      region: env.config.state.region ?? env.config.region,
      accountId: env.config.accountId,
      tags: env.config.tags,
      // BOOTSTRAP_STATE=s3 once the bucket exists: then `terraform init -migrate-state` moves the local state in.
      stateInBucket: process.env.BOOTSTRAP_STATE === "s3",
      kmsKeyArn: access.kmsKeyArn,
      accessPrincipalArns: access.accessPrincipalArns,
      accessLogging: access.accessLogging,
      crossStackReferences: false,
    });
    summaries.push(formatSummary(stack.node.id, "bootstrap", resourcesPerModule(stack)));
  }
  return { app, summaries };
}

export interface RunOptions {
  /** Environment file or directory. @default $PLATFORM_CONFIG, else the bundled environments */
  readonly config?: string;
  /** @default - cdktf's default ($CDKTF_OUTDIR or cdktf.out) */
  readonly outdir?: string;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

/** Validates, builds and synthesizes; returns the exit code. Nothing is constructed or written on error. */
export function run(options: RunOptions = {}): number {
  const out = options.stdout ?? ((t: string) => process.stdout.write(t));
  const err = options.stderr ?? ((t: string) => process.stderr.write(t));
  let environments: LoadedEnvironment[];
  const config = options.config ?? process.env.PLATFORM_CONFIG;
  const files = environmentFiles(config);
  if (files.length === 0) {
    err(`No environment files (*.yaml, *.yml, *.json) in ${config ?? path.join(projectRoot, "environments")}; nothing was synthesized.\n`);
    return 1;
  }
  try {
    environments = loadEnvironments(files);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      err(`Invalid environment configuration; nothing was synthesized.\n${e.message}\n`);
      return 1;
    }
    throw e;
  }
  for (const env of environments) {
    for (const w of env.warnings) err(`warning: ${env.file}: ${formatIssue(w)}\n`);
  }
  // Checked before anything is written: cdktf creates only the last directory and throws a raw stack trace.
  const outdir = options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const outdirProblem = outdirIssue(outdir);
  if (outdirProblem) {
    err(`Output directory ${outdir} ${outdirProblem}; nothing was synthesized.\n`);
    return 1;
  }
  let built: BuiltApp;
  const existed = fs.existsSync(outdir);
  try {
    built = buildApp(new App({ outdir }), environments);
    built.app.synth();
  } catch (e) {
    // cdktf creates the output directory in App's constructor: remove it again if it is ours and still empty.
    if (!existed && onlyEmptyDirectories(outdir)) fs.rmSync(outdir, { recursive: true });
    if (e instanceof ConfigValidationError) {
      // Errors only found while building (a retired address the stack still creates).
      err(`Invalid environment configuration; nothing was synthesized.\n${e.message}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    err(`Output directory ${outdir} cannot be written (${code}: ${(e as Error).message.split("\n")[0]}); the synthesis stopped.\n`);
    return 1;
  }
  const { app, summaries } = built;
  out(`Synthesized ${summaries.length} stacks into ${app.outdir}\n${summaries.map((s) => `  ${s}`).join("\n")}\n`);
  return 0;
}

/** True when `dir` exists and holds nothing but empty directories (what cdktf creates before synth). */
function onlyEmptyDirectories(dir: string): boolean {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return false;
  return fs.readdirSync(dir).every((e) => onlyEmptyDirectories(path.join(dir, e)));
}

/** Why `outdir` cannot hold the synthesized stacks, or undefined when it can. */
function outdirIssue(outdir: string): string | undefined {
  const resolved = path.resolve(outdir);
  if (fs.existsSync(resolved)) return fs.statSync(resolved).isDirectory() ? undefined : "exists and is not a directory";
  const parent = path.dirname(resolved);
  if (!fs.existsSync(parent)) return `cannot be created: its parent ${parent} does not exist`;
  if (!fs.statSync(parent).isDirectory()) return `cannot be created: its parent ${parent} is not a directory`;
  return undefined;
}

if (require.main === module) process.exitCode = run();
