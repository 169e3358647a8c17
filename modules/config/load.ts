import * as fs from "fs";
import * as path from "path";
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { cidr, overlaps } from "../core/cidr";
import { ConfigValidationError, Issues, joinPath, ValidationIssue } from "../core/errors";
import { markValidated, parseSection } from "../core/validation";
import { stateKeyOf } from "../state/config";
import { EnvironmentConfig, EnvironmentSchema } from "./environment";
import { validateEnvironment } from "./validate";

export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
  readonly warnings: readonly ValidationIssue[];
}

/**
 * Checks a parsed environment object: the schema first (types, unknown keys), then the rules that
 * span fields (CIDR overlaps, subnet references, layout rules). Throws one error listing every problem.
 */
export function parseEnvironment(raw: unknown, source: string): { config: EnvironmentConfig; warnings: ValidationIssue[] } {
  const issues = new Issues();
  const config = parseSection(EnvironmentSchema, raw, "", issues);
  if (!config) throw new ConfigValidationError(source, issues.errors);
  validateEnvironment(config, issues);
  issues.throwIfAny(source);
  // Each section is marked, so the construct it is handed to does not validate it a second time.
  for (const section of [config.network, config.cluster, config.hybrid, config.efs, config.fsxOntap, config.instanceStore]) if (section) markValidated(section);
  return { config: markValidated(config, issues.warnings), warnings: issues.warnings };
}

/** Environment files are a few kilobytes; anything this big is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases expanded when the file is turned into data: a handful is normal, a "billion laughs" file has thousands. */
export const MAX_ALIASES = 100;
/** Nesting deeper than this is no environment (the deepest real path has about 8 levels). */
export const MAX_DEPTH = 64;

/**
 * Reads a YAML or JSON file. Every failure is a ConfigValidationError naming the file, never a hang
 * or a crash: only regular files up to MAX_FILE_BYTES are read (a FIFO or /dev/zero would block or
 * never end), aliases are capped (alias bombs), duplicate keys are found in linear time and reported
 * with their field path and both lines.
 */
export function readEnvironmentFile(file: string): unknown {
  const fail = (message: string, where = ""): never => {
    throw new ConfigValidationError(file, [{ path: where, message }]);
  };
  // One open file descriptor for the checks and the read, so the file cannot be swapped in between;
  // O_NONBLOCK keeps a FIFO from blocking the open itself.
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === "ENOENT" || code === "ENOTDIR" ? "file not found" : `cannot be read (${code ?? String(e)})`);
  }
  let text: string;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) fail(`is not a regular file (${kindOf(stat)}); give the path of a .yaml, .yml or .json file`);
    if (stat.size > MAX_FILE_BYTES) fail(`is ${stat.size} bytes, more than the ${MAX_FILE_BYTES} an environment file may have`);
    // Read at most one byte more than the cap: a file that grew after fstat is still refused.
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_FILE_BYTES) fail(`is more than the ${MAX_FILE_BYTES} bytes an environment file may have`);
    text = buffer.subarray(0, length).toString("utf8");
  } catch (e) {
    if (e instanceof ConfigValidationError) throw e;
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    fs.closeSync(fd);
  }
  if (text.trim() === "") fail("is empty; expected a mapping of environment settings (name, region, accountId, ...)");
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys is checked below in linear time (the library's check is quadratic) and with the field path.
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  } catch (e) {
    return fail(`cannot be parsed as YAML/JSON: ${firstLine(e)}`);
  }
  if (doc.errors.length > 0) {
    throw new ConfigValidationError(
      file,
      doc.errors.map((err) => ({ path: err.linePos ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : "", message: `cannot be parsed as YAML/JSON: ${firstLine(err)}` })),
    );
  }
  const structural = structureIssues(doc.contents, lineCounter);
  if (structural.length > 0) throw new ConfigValidationError(file, structural);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const message = firstLine(e);
    return fail(
      /alias count/i.test(message)
        ? `expands YAML aliases more than ${MAX_ALIASES} times (an alias bomb?); write the values out instead`
        : `cannot be parsed as YAML/JSON: ${message}`,
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    fail(`must be a mapping of environment settings (name, region, accountId, ...), not ${data === null ? "null" : Array.isArray(data) ? "a list" : `a ${typeof data}`}`);
  }
  return data;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/**
 * Duplicate keys (with the field path, both lines, in linear time), keys that could reach an
 * object's prototype, and nesting depth. Walks the document before it becomes data.
 */
function structureIssues(root: unknown, lines: LineCounter): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  const stack: [unknown, string, number][] = [[root, "", 0]];
  while (stack.length > 0) {
    const [node, at, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) {
      found.push({ path: at, message: `nests deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    if (isMap(node)) {
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : pair.key === null ? "" : String(pair.key);
        const where = joinPath(at, key);
        if (seen.has(key)) {
          const first = seen.get(key);
          const second = lineOf(pair.key);
          found.push({ path: where, message: `is defined twice (line ${first ?? "?"} and line ${second ?? "?"}); keep one` });
        } else seen.set(key, lineOf(pair.key));
        if (key === "__proto__") found.push({ path: where, message: "is not a valid key (it would change the object's prototype)" });
        stack.push([pair.value, where, depth + 1]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push([item, joinPath(at, i), depth + 1]));
    }
  }
  return found.reverse();
}

export function loadEnvironmentFile(file: string): LoadedEnvironment {
  const parsed = parseEnvironment(readEnvironmentFile(file), file);
  return { file, ...parsed };
}

/**
 * Loads several environment files. Every file is checked even when an earlier one fails, then
 * environment names and state keys are checked for duplicates; all errors are thrown together.
 * Routed pod networks of hybrid environments that overlap are warned about (HYB-NET-04).
 */
export function loadEnvironments(files: readonly string[]): LoadedEnvironment[] {
  const loaded: LoadedEnvironment[] = [];
  const errors: ValidationIssue[] = [];
  for (const file of files) {
    try {
      loaded.push(loadEnvironmentFile(file));
    } catch (e) {
      if (!(e instanceof ConfigValidationError)) throw e;
      errors.push(...e.issues.map((i) => ({ ...i, path: i.path ? `${e.source}: ${i.path}` : e.source })));
    }
  }
  const names = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const env of loaded) {
    const name = env.config.name;
    if (names.has(name)) errors.push({ path: `${env.file}: name`, message: `is already used by ${names.get(name)}; environment names must be unique`, value: name });
    else names.set(name, env.file);
    const key = `s3://${env.config.state.bucket}/${stateKeyOf(env.config.state, name)}`;
    if (keys.has(key)) errors.push({ path: `${env.file}: state`, message: `shares its state object with ${keys.get(key)}; each environment needs its own key`, value: key });
    else keys.set(key, env.file);
  }
  if (errors.length > 0) throw new ConfigValidationError(`${files.length} environment file${files.length === 1 ? "" : "s"}`, errors);
  warnSharedPodNetworks(loaded);
  return loaded;
}

/**
 * HYB-NET-04: pod CIDRs must be unique per cluster, so that the on-prem router can route each to
 * its cluster's hybrid nodes. Only routed pod networks count (with podCidrsRoutable false pods leave
 * as their node's address). A warning, not an error: two environments may sit behind different
 * routers. Added to the later file's warnings (printed by main.ts, annotated on its stack).
 */
function warnSharedPodNetworks(loaded: readonly LoadedEnvironment[]): void {
  const routed = loaded.filter((e) => e.config.layout === "hybrid" && e.config.hybrid?.podCidrsRoutable);
  routed.forEach((env, i) => {
    for (const other of routed.slice(0, i)) {
      const shared = env.config.hybrid!.remotePodCidrs.filter((a) => other.config.hybrid!.remotePodCidrs.some((b) => overlaps(cidr(a), cidr(b))));
      if (shared.length > 0) {
        // The same array the environment's validation marker holds, so its stack annotates this too.
        (env.warnings as ValidationIssue[]).push({
          path: "hybrid.remotePodCidrs",
          message: `overlaps the routed pod networks of ${other.file} (${other.config.name}); an on-prem router cannot route one pod range to the hybrid nodes of two clusters (HYB-NET-04)`,
          value: shared,
          allowed: "pod CIDRs unique to each cluster, or podCidrsRoutable: false",
        });
      }
    }
  });
}

/** Environment files in a directory (*.yaml, *.yml, *.json), sorted. */
export function environmentFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
