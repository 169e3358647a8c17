import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { ConfigValidationError, Issues, joinPath, ValidationIssue } from "../core/errors";
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
  const result = EnvironmentSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigValidationError(source, zodIssues(result.error, raw));
  }
  const issues = new Issues();
  validateEnvironment(result.data, issues);
  issues.throwIfAny(source);
  return { config: result.data, warnings: issues.warnings };
}

/** Reads a YAML or JSON file; a missing file or a syntax error is a ConfigValidationError naming the file. */
export function readEnvironmentFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigValidationError(file, [{ path: "", message: code === "ENOENT" ? "file not found" : `cannot be read (${code ?? String(e)})` }]);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigValidationError(
      file,
      doc.errors.map((err) => ({ path: err.linePos ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : "", message: `cannot be parsed as YAML/JSON: ${err.message.split("\n")[0]}` })),
    );
  }
  return doc.toJS();
}

export function loadEnvironmentFile(file: string): LoadedEnvironment {
  const parsed = parseEnvironment(readEnvironmentFile(file), file);
  return { file, ...parsed };
}

/**
 * Loads several environment files. Every file is checked even when an earlier one fails, then
 * environment names and state keys are checked for duplicates; all errors are thrown together.
 */
export function loadEnvironments(files: readonly string[]): LoadedEnvironment[] {
  const loaded: LoadedEnvironment[] = [];
  const errors: ValidationIssue[] = [];
  for (const file of files) {
    try {
      loaded.push(loadEnvironmentFile(file));
    } catch (e) {
      if (!(e instanceof ConfigValidationError)) throw e;
      errors.push(...e.issues.map((i) => ({ ...i, path: `${e.source}: ${i.path}` })));
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
  return loaded;
}

/** Environment files in a directory (*.yaml, *.yml, *.json), sorted. */
export function environmentFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

// --- zod issue translation -------------------------------------------------------------------

function zodIssues(error: z.ZodError, raw: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const p = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(EnvironmentSchema, issue.path, raw);
      for (const key of issue.keys) {
        const guess = known ? closest(key, known) : undefined;
        const message = guess ? `is not a known key; did you mean ${guess}?` : "is not a known key (a typo?)";
        out.push({ path: joinPath(p, key), message, value: valueAt(raw, [...issue.path, key]), allowed: known ? known.join(", ") : undefined });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      // A record key (an item name) was refused: show the key and the key rule.
      const key = issue.path[issue.path.length - 1];
      const inner = issue.issues.map((i) => i.message).join("; ");
      out.push({ path: p, message: `is not a valid name: ${inner}`, value: key });
      continue;
    }
    const value = valueAt(raw, issue.path);
    const message = value === undefined && issue.code === "invalid_type" ? `is required (${issue.message.replace(/^Invalid input: /, "")})` : issue.message;
    out.push(value === undefined ? { path: p, message } : { path: p, message, value });
  }
  return out;
}

/** The known key within two edits of `key` (case-insensitive), if exactly one is closest. */
function closest(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => [k, editDistance(key.toLowerCase(), k.toLowerCase())] as const).filter(([, d]) => d <= 2);
  const best = Math.min(...scored.map(([, d]) => d));
  const winners = scored.filter(([, d]) => d === best);
  return winners.length === 1 ? winners[0][0] : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, seg) => joinPath(acc, typeof seg === "number" ? seg : String(seg)), "");
}

function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const seg of segments) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
  in?: unknown;
  discriminator?: string;
}

const defOf = (schema: unknown): ZodDefLike => (schema as { _zod: { def: ZodDefLike } })._zod.def;

/** The keys a strict object accepts at `segments`, for "allowed:" hints on typos. */
function knownKeys(schema: unknown, segments: readonly PropertyKey[], raw: unknown): string[] | undefined {
  let cur: unknown = schema;
  let value: unknown = raw;
  const step = (s: unknown): unknown => {
    let node = s;
    for (let guard = 0; guard < 20; guard++) {
      const def = defOf(node);
      if (["optional", "default", "nullable", "prefault", "readonly", "catch"].includes(def.type)) node = def.innerType;
      else if (def.type === "pipe") node = def.in;
      else if (def.type === "union" && def.options) {
        const disc = def.discriminator;
        const match = def.options.find((o) => {
          const shape = defOf(o).shape;
          if (!shape || !disc || value === null || typeof value !== "object") return false;
          const lit = defOf(shape[disc]) as unknown as { values?: unknown[] };
          return lit.values?.includes((value as Record<string, unknown>)[disc]);
        });
        if (!match) return undefined;
        node = match;
      } else return node;
    }
    return node;
  };
  for (const seg of segments) {
    cur = step(cur);
    if (!cur) return undefined;
    const def = defOf(cur);
    if (def.type === "object" && def.shape) cur = def.shape[String(seg)];
    else if (def.type === "record") cur = def.valueType;
    else if (def.type === "array") cur = def.element;
    else return undefined;
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[seg] : undefined;
    if (!cur) return undefined;
  }
  cur = step(cur);
  const shape = cur ? defOf(cur).shape : undefined;
  return shape ? Object.keys(shape).filter((k) => k !== "$schema") : undefined;
}
