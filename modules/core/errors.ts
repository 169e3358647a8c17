/**
 * Validation that reports every problem at once.
 *
 * Each problem names the field (a dotted path such as `hybrid.remoteNodeCidrs[1]`), the value
 * received and what is allowed, so a user can fix a config file without reading our code.
 */

export interface ValidationIssue {
  /** Dotted path of the offending field, relative to the environment file's root. */
  readonly path: string;
  /** What is wrong, in the user's terms. */
  readonly message: string;
  /** The value received, when there is one to show. */
  readonly value?: unknown;
  /** What would be accepted. */
  readonly allowed?: string;
}

/**
 * Field names that hold secrets: password, secret, token, PSK / pre-shared key, and compound keys
 * (apiKey, privateKey, accessKey, secretKey...). A bare `key` (an S3 object key, a taint or tag key)
 * is not a secret, nor is a reference to one (a name ending in Arn, Id, Version, Name or Ref, such
 * as secretsKmsKeyArn or passwordVersion).
 */
const SECRET_FIELD = /pass(word|wd|phrase)?$|secret|token|psk|pre[-_]?shared|(api|private|access|secret|ssh|signing|auth)[-_]?key$/i;
const REFERENCE_FIELD = /(Arn|Arns|Id|Ids|Version|Name|Names|Ref|Refs)$/;

/** True when a field name looks like it holds a secret: its value is never echoed in a message. */
export function looksSecret(field: string): boolean {
  return SECRET_FIELD.test(field) && !REFERENCE_FIELD.test(field);
}

/** The last field name of a dotted path (`a.b[2]` -> `b`). */
function lastField(path: string): string {
  return path.replace(/(\[\d+\])+$/, "").split(/[.:]\s*/).pop() ?? "";
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  try {
    // Secret-looking fields inside an object shown whole (a union branch, an item) stay hidden too.
    const text = JSON.stringify(value, (k, v) => (k && looksSecret(k) && !isPlainObject(v) ? "(hidden)" : v));
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

export function formatIssue(issue: ValidationIssue): string {
  let text = `${issue.path || "(root)"}: ${issue.message}`;
  // A validator may pass the value of a secret field; it is never printed (CI logs keep it).
  // A section named like a secret (hybrid.credentials) is shown with its secret-looking fields hidden.
  if ("value" in issue) text += `; got ${looksSecret(lastField(issue.path)) && !isPlainObject(issue.value) ? "(hidden)" : formatValue(issue.value)}`;
  if (issue.allowed) text += `; allowed: ${issue.allowed}`;
  return text;
}

/** Errors printed in a ConfigValidationError message; the rest are counted. */
export const MAX_PRINTED_ISSUES = 100;

/** Thrown when a config or construct props hold one or more errors. Lists all of them. */
export class ConfigValidationError extends Error {
  public readonly issues: readonly ValidationIssue[];
  public readonly source: string;

  constructor(source: string, issues: readonly ValidationIssue[]) {
    // A hostile file can hold thousands of errors; the first ones are enough to act on (all stay in `issues`).
    const lines = issues.slice(0, MAX_PRINTED_ISSUES).map((i) => `  - ${formatIssue(i)}`);
    if (issues.length > MAX_PRINTED_ISSUES) lines.push(`  ... and ${issues.length - MAX_PRINTED_ISSUES} more`);
    super(`${source}: ${issues.length} error${issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.name = "ConfigValidationError";
    this.issues = issues;
    this.source = source;
  }
}

/**
 * Collects errors and warnings under a path prefix. Validators take one and add to it; the caller
 * decides when to throw, so all problems surface together.
 */
export class Issues {
  public readonly errors: ValidationIssue[] = [];
  public readonly warnings: ValidationIssue[] = [];

  /** Adds an error. `value` is shown as received; pass `allowed` to say what would be accepted. */
  error(path: string, message: string, value?: unknown, allowed?: string): void {
    this.errors.push(makeIssue(path, message, value, allowed, arguments.length >= 3));
  }

  warn(path: string, message: string, value?: unknown, allowed?: string): void {
    this.warnings.push(makeIssue(path, message, value, allowed, arguments.length >= 3));
  }

  throwIfAny(source: string): void {
    if (this.errors.length > 0) throw new ConfigValidationError(source, this.errors);
  }
}

function makeIssue(path: string, message: string, value: unknown, allowed: string | undefined, hasValue: boolean): ValidationIssue {
  const issue: { path: string; message: string; value?: unknown; allowed?: string } = { path, message };
  if (hasValue) issue.value = value;
  if (allowed) issue.allowed = allowed;
  return issue;
}

/** Joins a parent path and a child key the way the issues print them. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}
