/**
 * npm run bench — prints synth cost figures; it asserts nothing (timed tests are flaky).
 *  1. floor: a Node process that only loads cdktf;
 *  2. app synth of every bundled environment through the app command (`node scripts/app.js`, nothing
 *     changed: the esbuild bundle with its code cache), the same without the bundle (APP_BUNDLE=0) and
 *     straight from dist (`node dist/main.js`), as ratios to the floor (time, CPU and RSS);
 *  3. the cdktf CLI: its own cost (an app that only copies already synthesized stacks), `cdktf synth` with the
 *     app command of cdktf.json, and the app command's overhead above the start-up; the former
 *     app command (`npx tsc ... && node dist/main.js`) for comparison (BENCH_OLD_APP=0 skips it);
 *  4. synth of one environment as it grows to 1, 10 and 50 nodegroups.
 * Each figure is the median of BENCH_RUNS runs (default 5) after one warm-up run, with the range
 * (min–max); RSS is the process's own peak (getrusage).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { projectRoot } from "../main";
import { readEnvironmentFile } from "../modules/config/load";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const reporter = path.join(__dirname, "rss-reporter.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));

interface Figure {
  seconds: number;
  rssMiB?: number;
  /** CPU seconds (user + system) of the measured Node process */
  cpuSeconds?: number;
  /** min and max seconds over the runs */
  range?: [number, number];
}

function measure(command: string, args: string[], env: Record<string, string> = {}, withRss = true): Figure {
  const rssFile = path.join(tmp, "rss");
  fs.rmSync(rssFile, { force: true });
  const nodeOptions = withRss ? `-r ${reporter}` : "";
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${nodeOptions}`.trim(), ...env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  const [maxRss, cpu] = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8").split(" ").map(Number) : [];
  return { seconds, rssMiB: maxRss !== undefined ? maxRss / 1024 : undefined, cpuSeconds: cpu !== undefined ? cpu / 1e6 : undefined };
}

function median(figures: Figure[]): Figure {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rss = figures.map((f) => f.rssMiB).filter((x): x is number => x !== undefined);
  const cpu = figures.map((f) => f.cpuSeconds).filter((x): x is number => x !== undefined);
  const secs = figures.map((f) => f.seconds);
  return { seconds: mid([...secs]), rssMiB: rss.length ? mid(rss) : undefined, cpuSeconds: cpu.length ? mid(cpu) : undefined, range: [Math.min(...secs), Math.max(...secs)] };
}

/** One warm-up run (disk cache, compile cache), then the median of `runs`. */
function repeat(runs: number, fn: () => Figure): Figure {
  fn();
  return median(Array.from({ length: runs }, fn));
}

const fmt = (f: Figure) =>
  `${f.seconds.toFixed(2)} s${f.range ? ` (${f.range[0].toFixed(2)}–${f.range[1].toFixed(2)})` : ""}${f.cpuSeconds !== undefined ? `, ${f.cpuSeconds.toFixed(2)} s CPU` : ""}${f.rssMiB !== undefined ? `, ${f.rssMiB.toFixed(0)} MiB peak RSS` : ""}`;
const ratio = (a: Figure, b: Figure) =>
  `${(a.seconds / b.seconds).toFixed(2)}x floor time, ${((a.cpuSeconds ?? 0) / (b.cpuSeconds ?? 1)).toFixed(2)}x floor CPU, ${((a.rssMiB ?? 0) / (b.rssMiB ?? 1)).toFixed(2)}x floor RSS`;

function countResources(outdir: string): number {
  let n = 0;
  for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const byName of Object.values(json.resource ?? {})) n += Object.keys(byName as object).length;
  }
  return n;
}

function main(): void {
  process.stdout.write(`Benchmark on ${os.cpus().length} cores, Node ${process.version}, ${RUNS} runs each (median)\n\n`);

  const floor = repeat(RUNS, () => measure("node", ["-e", "require('cdktf')"]));
  process.stdout.write(`floor (node + require('cdktf'))            ${fmt(floor)}\n`);

  const appOut = path.join(tmp, "app.out");
  const appCommand = JSON.parse(fs.readFileSync(path.join(projectRoot, "cdktf.json"), "utf8")).app as string;
  const app = repeat(RUNS, () => measure("sh", ["-c", appCommand], { CDKTF_OUTDIR: appOut }));
  process.stdout.write(`app synth, all bundled environments        ${fmt(app)}  (${ratio(app, floor)}; ${countResources(appOut)} resources)\n`);
  process.stdout.write(`  = the app command of cdktf.json, nothing changed: ${appCommand}\n`);
  const unbundled = repeat(RUNS, () => measure("sh", ["-c", appCommand], { CDKTF_OUTDIR: appOut, APP_BUNDLE: "0" }));
  process.stdout.write(`  APP_BUNDLE=0 (dist/main.js, code cache)   ${fmt(unbundled)}  (${ratio(unbundled, floor)})\n`);
  const direct = repeat(RUNS, () => measure("node", ["dist/main.js"], { CDKTF_OUTDIR: appOut }));
  process.stdout.write(`  node dist/main.js (no compile cache)       ${fmt(direct)}  (${ratio(direct, floor)})\n`);

  const cliOut = path.join(tmp, "cli.out");
  const cliBin = path.join(projectRoot, "node_modules", ".bin", "cdktf");
  if (fs.existsSync(cliBin)) {
    process.stdout.write("\ncdktf CLI (wall time; the CLI adds NODE_OPTIONS=--max-old-space-size=4096)\n");
    // The CLI's own cost: an app that only copies the stacks synthesized above into its outdir, so
    // the CLI reads and reports the same 5 stacks (an empty app would skip that part of its work).
    const replayApp = path.join(tmp, "replay-app.js");
    fs.writeFileSync(replayApp, `require("fs").cpSync(${JSON.stringify(appOut)}, process.env.CDKTF_OUTDIR, { recursive: true });`);
    const cliRuns = Math.min(RUNS, 3);
    const startup = repeat(cliRuns, () => measure(cliBin, ["synth", "--app", `node ${replayApp}`, "--output", cliOut], {}, false));
    process.stdout.write(`  CLI alone (app replays the stacks)       ${fmt(startup)}\n`);
    const cli = repeat(cliRuns, () => measure(cliBin, ["synth", "--output", cliOut], {}, false));
    process.stdout.write(`  cdktf synth (app command of cdktf.json)  ${fmt(cli)}\n`);
    process.stdout.write(`  app command above the CLI start-up       ${(cli.seconds - startup.seconds).toFixed(2)} s, nothing changed (target <= 1.5 s)\n`);
    if (process.env.BENCH_OLD_APP !== "0") {
      const old = repeat(cliRuns, () => measure(cliBin, ["synth", "--app", "npx tsc -p tsconfig.build.json && node dist/main.js", "--output", cliOut], {}, false));
      process.stdout.write(`  former app (npx tsc ... && node dist/main.js): ${fmt(old)}, ${(old.seconds - startup.seconds).toFixed(2)} s above the start-up\n`);
    }
  } else {
    process.stdout.write("cdktf CLI                                  skipped: cdktf-cli is not installed\n");
  }

  process.stdout.write("\ngrowth: one environment with N nodegroups\n");
  const base = readEnvironmentFile(path.join(projectRoot, "environments", "cloud-only.yaml")) as Record<string, any>;
  const rows: [number, Figure, number][] = [];
  for (const n of [1, 10, 50]) {
    const env = JSON.parse(JSON.stringify(base));
    env.name = `growth-${n}`;
    env.cluster.nodegroups = Object.fromEntries(Array.from({ length: n }, (_, i) => [`ng-${String(i).padStart(2, "0")}`, { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3 }]));
    const file = path.join(tmp, `growth-${n}.yaml`);
    fs.writeFileSync(file, stringify(env));
    const out = path.join(tmp, `growth-${n}.out`);
    const fig = repeat(RUNS, () => measure("node", ["dist/main.js"], { PLATFORM_CONFIG: file, CDKTF_OUTDIR: out }));
    rows.push([n, fig, countResources(out)]);
  }
  for (const [n, fig, resources] of rows) process.stdout.write(`  ${String(n).padStart(2)} nodegroups: ${fmt(fig)}  (${resources} resources)\n`);
  const [[n1, f1], , [n50, f50]] = rows;
  const perNodegroupMs = ((f50.seconds - f1.seconds) / (n50 - n1)) * 1000;
  process.stdout.write(`  marginal cost: ${perNodegroupMs.toFixed(1)} ms and ${(((f50.rssMiB ?? 0) - (f1.rssMiB ?? 0)) / (n50 - n1)).toFixed(2)} MiB per nodegroup\n`);
  process.stdout.write(`\ntargets: app synth <= 2.5x floor time (${(app.seconds / floor.seconds).toFixed(2)}x; CPU ${((app.cpuSeconds ?? 0) / (floor.cpuSeconds ?? 1)).toFixed(2)}x) and <= 250 MiB peak (${(app.rssMiB ?? 0).toFixed(0)} MiB)\n`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main();
