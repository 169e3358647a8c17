/**
 * Hostile or broken environment files (issue 10 item 11): each case is a one-line error naming the
 * file, exit 1 and nothing written — never a hang, a crash or a quadratic check.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { run } from "../main";
import { loadEnvironmentFile, MAX_FILE_BYTES } from "../modules/config/load";
import { cloudEnvironment, configErrors } from "./helpers";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};

/** Runs main on `file`; returns the exit code and stderr, and checks nothing was written. */
function runOn(file: string, outdir = path.join(tmp, `out-${path.basename(file)}`)): { code: number; stderr: string } {
  let stderr = "";
  const code = run({ config: file, outdir, stdout: () => undefined, stderr: (t) => (stderr += t) });
  expect(fs.existsSync(outdir)).toBe(false);
  return { code, stderr };
}

/** The error lines main printed (after the header). */
const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("  - "));

test("a YAML alias bomb is refused with the file name, not an uncaught ReferenceError", () => {
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
  const file = write("bomb.yaml", bomb.join("\n") + "\n");
  const { code, stderr } = runOn(file);
  expect(code).toBe(1);
  expect(errorLines(stderr)).toEqual([`  - ${file}: expands YAML aliases more than 100 times (an alias bomb?); write the values out instead`]);
});

test("a few aliases (normal use) still work", () => {
  const env = stringify(cloudEnvironment({ name: "alias-env" })) + "x-common: &common {team: a}\n";
  // x-common is an unknown key: the alias itself is not the error.
  const file = write("alias.yaml", env.replace("x-common: &common {team: a}\n", "tags: &t {team: a}\n"));
  expect(loadEnvironmentFile(file).config.tags).toEqual({ team: "a" });
});

test("a file with thousands of keys is checked in linear time and prints the first 100 errors, then a count", () => {
  // Not a timing assertion (the machine is shared): the quadratic duplicate check took 3.5 s for 10k
  // keys and 37 s for 40k; timings of the linear one are measured outside the suite.
  const file = write("many.yaml", Array.from({ length: 4000 }, (_, i) => `k${i}: ${i}`).join("\n") + "\n");
  const lines = configErrors(() => loadEnvironmentFile(file));
  expect(lines).toHaveLength(101);
  expect(lines[100]).toBe("  ... and 3907 more"); // 4000 unknown keys + 7 missing required ones, 100 printed
});

test("a repeated SVM name reports the field path, says it is defined twice, and keeps both lines (issue 9 item 13)", () => {
  const text = [
    "name: dup-env",
    "fsxOntap:",
    "  svms:",
    "    apps:",
    "      volumes: {}",
    "    apps:",
    "      volumes: {}",
    "cluster:",
    "  mode: create",
    "  nodegroups:",
    "    system: {}",
    "    system: {}",
  ].join("\n");
  const file = write("dup.yaml", text + "\n");
  expect(configErrors(() => loadEnvironmentFile(file))).toEqual([
    "fsxOntap.svms.apps: is defined twice (line 4 and line 6); keep one",
    "cluster.nodegroups.system: is defined twice (line 11 and line 12); keep one",
  ]);
  const { code, stderr } = runOn(file);
  expect(code).toBe(1);
  expect(errorLines(stderr)).toContain(`  - ${file}: fsxOntap.svms.apps: is defined twice (line 4 and line 6); keep one`);
});

test("an empty file says it is empty, naming the file", () => {
  const file = write("empty.yaml", "\n  \n");
  const { code, stderr } = runOn(file);
  expect(code).toBe(1);
  expect(errorLines(stderr)).toEqual([`  - ${file}: is empty; expected a mapping of environment settings (name, region, accountId, ...)`]);
});

test("a file holding only null or a list says what it holds", () => {
  expect(configErrors(() => loadEnvironmentFile(write("null.yaml", "~\n")))).toEqual(["(root): must be a mapping of environment settings (name, region, accountId, ...), not null"]);
  expect(configErrors(() => loadEnvironmentFile(write("list.yaml", "- a\n")))).toEqual(["(root): must be a mapping of environment settings (name, region, accountId, ...), not a list"]);
});

test("a missing path names the file once, without empty separators", () => {
  const file = path.join(tmp, "missing.yaml");
  const { code, stderr } = runOn(file);
  expect(code).toBe(1);
  expect(errorLines(stderr)).toEqual([`  - ${file}: file not found`]);
  expect(stderr).not.toMatch(/: :/);
});

test("/dev/zero (a device) is refused at once instead of being read forever", () => {
  const { code, stderr } = runOn("/dev/zero");
  expect(code).toBe(1);
  expect(errorLines(stderr)).toEqual(["  - /dev/zero: is not a regular file (a device); give the path of a .yaml, .yml or .json file"]);
});

test("a FIFO is refused at once instead of blocking", () => {
  const fifo = path.join(tmp, "pipe.yaml");
  execFileSync("mkfifo", [fifo]);
  const { code, stderr } = runOn(fifo);
  expect(code).toBe(1);
  expect(errorLines(stderr)).toEqual([`  - ${fifo}: is not a regular file (a FIFO); give the path of a .yaml, .yml or .json file`]);
});

test("a directory given as a file is refused", () => {
  expect(configErrors(() => loadEnvironmentFile(tmp))).toEqual(["(root): is not a regular file (a directory); give the path of a .yaml, .yml or .json file"]);
});

test("a file over the size cap is refused before it is read", () => {
  const file = write("huge.yaml", `name: a\n# ${"x".repeat(MAX_FILE_BYTES)}\n`);
  expect(configErrors(() => loadEnvironmentFile(file))).toEqual([`(root): is ${MAX_FILE_BYTES + 11} bytes, more than the 1048576 an environment file may have`]);
});

test("deep nesting is refused with a message, not a stack overflow", () => {
  const deep = write("deep.yaml", `name: ${"[".repeat(100)}${"]".repeat(100)}\n`);
  expect(configErrors(() => loadEnvironmentFile(deep))).toEqual([`name${"[0]".repeat(64)}: nests deeper than 64 levels`]);
  // Deeper still, the YAML parser itself gives up; that too is an error naming the file and the place.
  const deeper = write("deeper.yaml", `name: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
  expect(configErrors(() => loadEnvironmentFile(deeper))).toEqual([expect.stringMatching(/^line 1, column \d+: cannot be parsed as YAML\/JSON: Maximum call stack size exceeded/)]);
});

test("a __proto__ key is refused (it would replace the prototype of the parsed object)", () => {
  const file = write("proto.yaml", stringify(cloudEnvironment()) + "__proto__:\n  polluted: true\n");
  expect(configErrors(() => loadEnvironmentFile(file))).toEqual(["__proto__: is not a valid key (it would change the object's prototype)"]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test("a CDKTF outdir whose parent is missing is a one-line error, exit 1, nothing written", () => {
  const file = write("good.yaml", stringify(cloudEnvironment({ name: "outdir-env" })));
  const outdir = path.join(tmp, "no-such-parent", "out");
  let stderr = "";
  const code = run({ config: file, outdir, stdout: () => undefined, stderr: (t) => (stderr += t) });
  expect(code).toBe(1);
  expect(stderr.split("\n").filter((l) => !l.startsWith("warning: "))).toEqual([`Output directory ${outdir} cannot be created: its parent ${path.dirname(outdir)} does not exist; nothing was synthesized.`, ""]);
  expect(fs.existsSync(path.dirname(outdir))).toBe(false);
});

test("an outdir that is a file is a one-line error", () => {
  const file = write("good2.yaml", stringify(cloudEnvironment({ name: "outdir-env" })));
  const outdir = write("not-a-dir", "x");
  let stderr = "";
  expect(run({ config: file, outdir, stdout: () => undefined, stderr: (t) => (stderr += t) })).toBe(1);
  expect(stderr.split("\n").filter((l) => !l.startsWith("warning: "))).toEqual([`Output directory ${outdir} exists and is not a directory; nothing was synthesized.`, ""]);
});
