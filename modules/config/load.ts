import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { ConfigValidationError, Issues, ValidationIssue } from "../core/errors";
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
