/**
 * The one validation path both front doors share: an environment file (YAML path) and construct
 * props (TypeScript path). A section is parsed by its zod schema (types, unknown keys, defaults),
 * every config-sourced string is escaped for Terraform (the single choke point, GEN-02), and the
 * capability's validator adds the rules that span fields. Errors come back all at once, formatted
 * the same way on both paths: `<path>: <problem>; got <value>; allowed: <...>`.
 */
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import { Issues, joinPath, looksSecret, ValidationIssue } from "./errors";
import { escapeConfigStrings, TOKEN_MARKER } from "./escape";

/** Marks a parsed section (or environment) as validated, so a construct given it does not validate it twice. */
const VALIDATED = Symbol.for("@platform/eks-hybrid-storage/validated");

/** Every object and array inside a validated value (a spread copy holds them by reference). */
const validatedParts = new WeakSet<object>();

interface Marker {
  readonly warnings: readonly ValidationIssue[];
  /** The object that was validated: a copy is validated only while it holds the same values. */
  readonly source: object;
}

/**
 * Marks `config` as parsed, escaped and validated, with the warnings found (the marker is an
 * enumerable symbol property, so it survives object spread into construct props).
 */
export function markValidated<T extends object>(config: T, warnings: readonly ValidationIssue[] = []): T {
  const marker: Marker = { warnings, source: config };
  Object.defineProperty(config, VALIDATED, { value: marker, enumerable: true, configurable: true, writable: false });
  return markParsedPart(config);
}

/**
 * Records `value` (already parsed and escaped by this construct) as a validated part, so a child
 * construct handed it (e.g. tags passed on to nodegroups) does not parse and escape it again.
 */
export function markParsedPart<T extends object>(value: T): T {
  const add = (v: unknown) => {
    if (v === null || typeof v !== "object" || validatedParts.has(v)) return;
    validatedParts.add(v);
    for (const x of Object.values(v)) add(x);
  };
  add(value);
  return value;
}

/**
 * True when `config` is a validated value, or a spread copy of one that changed nothing config-like:
 * every key holds the validated value, a validated part, or code (a construct, a ref, a token).
 * A copy with a new or replaced string, number or plain object (`{ ...validated, tags: {...} }`) is
 * validated again, so config never reaches Terraform unescaped through the marker.
 */
export function isValidated(config: unknown): boolean {
  if (typeof config !== "object" || config === null) return false;
  const marker = (config as Record<symbol, Marker | undefined>)[VALIDATED];
  if (typeof marker !== "object" || marker === null) return false;
  if (marker.source === config) return true;
  const source = marker.source as Record<string, unknown>;
  return Object.entries(config).every(([k, v]) => (k in source && source[k] === v) || v === undefined || isCode(v) || (typeof v === "object" && v !== null && validatedParts.has(v)));
}

/** A value that is code rather than config: a function, a class instance (construct, ref, token). */
function isCode(v: unknown): boolean {
  if (typeof v === "function") return true;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto !== Object.prototype && proto !== null;
}

/** The warnings found when `config` was validated. */
export function validationWarnings(config: unknown): readonly ValidationIssue[] {
  return isValidated(config) ? ((config as Record<symbol, Marker>)[VALIDATED].warnings ?? []) : [];
}

export interface ParseOptions {
  /**
   * Construct props may hold cdktf tokens (a KMS key ARN of a key made in the same stack): their
   * format checks are skipped and the token survives escaping. Config files may not. @default false
   */
  readonly allowTokens?: boolean;
}

/**
 * Parses `input` with `schema`, reporting problems under `path` (e.g. `efs`). Returns the parsed,
 * defaulted and escaped value, or undefined when the schema refused it (the issues say why).
 */
export function parseSection<S extends z.ZodType>(schema: S, input: unknown, path: string, issues: Issues, options: ParseOptions = {}): z.output<S> | undefined {
  const result = schema.safeParse(input);
  if (!result.success) {
    const found = zodIssues(schema, result.error, input, path, options);
    // Token-valued fields are skipped by the schema's own checks (core/schema `pattern`); anything
    // left is a real problem, and if only token issues remained we still refuse rather than guess.
    issues.errors.push(...(found.length > 0 ? found : [{ path, message: "holds a cdktf token where a literal value is required (a number or an enum)" }]));
    return undefined;
  }
  if (!options.allowTokens && !refuseTokens(input, path, issues)) return undefined;
  // Parts of a validated environment handed on to a construct (its tags, say) were escaped already:
  // escaping them again would be lossy ($${ -> $$${). The result is itself marked as parsed.
  const escaped = escapeConfigStrings(result.data, { allowTokens: !!options.allowTokens, source: input, alreadyEscaped: (v) => validatedParts.has(v) });
  return (escaped !== null && typeof escaped === "object" ? markParsedPart(escaped as object) : escaped) as z.output<S>;
}

/**
 * A config file cannot reference cdktf tokens: `${TfToken[...]}` (or a list / map token, or a
 * number that encodes one) in a file would be resolved by cdktf, not kept as text, even escaped.
 * Returns false when one was found (in a value or a key).
 */
function refuseTokens(value: unknown, path: string, issues: Issues): boolean {
  let clean = true;
  const refuse = (p: string, what: string) => {
    clean = false;
    issues.error(p, `contains cdktf token syntax (${what}), which a configuration value may not hold`);
  };
  const walk = (v: unknown, p: string) => {
    if (typeof v === "string") {
      if (TOKEN_MARKER.test(v)) refuse(p, "TfToken[...]");
    } else if (typeof v === "number") {
      if (Token.isUnresolved(v)) refuse(p, "a number that encodes a token");
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, joinPath(p, i)));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (TOKEN_MARKER.test(k)) refuse(joinPath(p, k), "TfToken[...] in a key");
        walk(x, joinPath(p, k));
      }
  };
  walk(value, path);
  return clean;
}

/** Throws every error at once, prefixed by the construct path; warnings become cdktf annotations. */
export function reportTo(scope: Construct, issues: Issues): void {
  for (const w of issues.warnings) Annotations.of(scope).addWarning(formatWarning(w));
  issues.throwIfAny(scope.node.path);
}

function formatWarning(w: ValidationIssue): string {
  return `${w.path}: ${w.message}`;
}

// --- zod issue translation ---------------------------------------------------------------------

export { looksSecret } from "./errors";

/** The value to show for the field at `segments`: hidden when the field looks secret. */
function shown(raw: unknown, segments: readonly PropertyKey[]): unknown {
  const last = segments[segments.length - 1];
  if (typeof last === "string" && looksSecret(last)) return "(hidden)";
  return valueAt(raw, segments);
}

export function zodIssues(schema: z.ZodType, error: z.ZodError, raw: unknown, prefix = "", options: ParseOptions = {}): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const pathOf = (segments: readonly PropertyKey[]) => segments.reduce<string>((acc, seg) => joinPath(acc, typeof seg === "number" ? seg : String(seg)), prefix);
  for (const issue of error.issues) {
    const p = pathOf(issue.path);
    const value = valueAt(raw, issue.path);
    if (options.allowTokens && isTokenValue(value)) continue;
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path, raw);
      // Dozens of unknown keys in one object are no typos (a hostile or wrong file): no guesses, linear time.
      const suggest = issue.keys.length <= 20;
      const allowed = known?.join(", ");
      for (const key of issue.keys) {
        const guess = known && suggest ? closest(key, known) : undefined;
        const message = guess ? `is not a known key; did you mean ${guess}?` : "is not a known key (a typo?)";
        // The value under an unknown key is never echoed: it may be a secret put in the wrong place.
        out.push({ path: joinPath(p, key), message, allowed });
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
    const parent = valueAt(raw, issue.path.slice(0, -1));
    const key = issue.path[issue.path.length - 1];
    const absent = typeof key === "string" && parent !== null && typeof parent === "object" && !Array.isArray(parent) && !(key in parent);
    if (value === undefined && (issue.code === "invalid_type" || absent)) {
      // The schema's own message may start with the field's path (a discriminator's message does).
      const detail = issue.message.replace(/^Invalid input: /, "").replace(/, received undefined$/, "").replace(new RegExp(`^${escapeRegExp(p)} `), "");
      let message = `is required (${detail})`;
      if (typeof key === "string" && parent && typeof parent === "object" && !Array.isArray(parent)) {
        // A misspelt required key shows up twice (missing + unknown): say how the two relate.
        const near = closest(key, Object.keys(parent));
        if (near) message += `; ${near} is written instead (misspelt?)`;
      }
      out.push({ path: p, message });
      continue;
    }
    const display = shown(raw, issue.path);
    out.push(display === undefined ? { path: p, message: issue.message } : { path: p, message: issue.message, value: display });
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isTokenValue(v: unknown): boolean {
  return (typeof v === "string" || typeof v === "number") && Token.isUnresolved(v);
}

/** The known key within two edits of `key` (case-insensitive), if exactly one is closest. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => [k, editDistance(key.toLowerCase(), k.toLowerCase())] as const).filter(([k, d]) => d <= 2 && k !== key);
  if (scored.length === 0) return undefined;
  const best = Math.min(...scored.map(([, d]) => d));
  const winners = scored.filter(([, d]) => d === best);
  return winners.length === 1 ? winners[0][0] : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
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
