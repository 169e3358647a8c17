/**
 * Config is data, never code (GEN-02). Terraform evaluates `${...}` interpolations and `%{...}`
 * directives in every JSON string it reads, and cdktf writes plain strings as they are. So every
 * string that comes from an environment file or a construct prop is escaped here, once, right
 * after its schema accepted it: `${` becomes `$${` and `%{` becomes `%%{`, which Terraform reads
 * back as the literal text. Nothing else in the library escapes config strings.
 */

export interface EscapeOptions {
  /** Keep cdktf tokens (`${TfToken[...]}`) of construct props intact. @default false */
  readonly allowTokens?: boolean;
}

/**
 * A cdktf string token exactly as cdktf encodes it (tokens/private/encoding: `${TfToken[` +
 * [a-zA-Z0-9:._-]+ + `]}`). Only a complete token is kept: `${TfToken[file("x")]}` is escaped.
 */
const TOKEN_INTERPOLATION = /\$\{(?!TfToken\[[a-zA-Z0-9:._-]+\]\})/g;

/** The token markers cdktf resolves in a string: string, list and map tokens. */
export const TOKEN_MARKER = /[$#&]\{TfToken\[/;

/** Escapes one string for a Terraform JSON string. */
export function escapeTemplate(text: string, options: EscapeOptions = {}): string {
  const interpolation = options.allowTokens ? TOKEN_INTERPOLATION : /\$\{/g;
  return text.replace(interpolation, "$$$${").replace(/%\{/g, "%%{");
}

/**
 * Deep copy of `value` with every string, and every object key, escaped. Plain objects (also
 * null-prototype ones) and arrays are copied; anything else (a construct, a ref, an IResolvable)
 * is kept as it is: it is code, not config.
 */
export function escapeConfigStrings<T>(value: T, options: EscapeOptions & { readonly source?: unknown; readonly alreadyEscaped?: (source: object) => boolean } = {}): T {
  // `source` is the value before parsing: where a part of it is already escaped (handed on from a
  // validated environment), the parsed part at the same place is kept as it is, not escaped twice.
  const walk = (v: unknown, src: unknown): unknown => {
    if (src !== null && typeof src === "object" && options.alreadyEscaped?.(src)) return v;
    if (typeof v === "string") return escapeTemplate(v, options);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, Array.isArray(src) ? src[i] : undefined));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      const from = isPlainObject(src) ? src : undefined;
      // defineProperty: a key named __proto__ stays a key instead of replacing the prototype.
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, escapeTemplate(k, options), { value: walk(x, from?.[k]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value, options.source) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Reverses `escapeTemplate`, for values that leave Terraform's reach (a rendered file encoded at synth). */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
