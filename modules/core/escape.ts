/**
 * Config is data, never code (GEN-02). Terraform evaluates `${...}` interpolations and `%{...}`
 * directives in every JSON string it reads, and cdktf writes plain strings as they are. So every
 * string that comes from an environment file or a construct prop is escaped here, once, right
 * after its schema accepted it: `${` becomes `$${` and `%{` becomes `%%{`, which Terraform reads
 * back as the literal text. Nothing else in the library escapes config strings.
 */
import { Token } from "cdktf";

export interface EscapeOptions {
  /** Keep cdktf tokens (`${TfToken[...]}`) of construct props intact. @default false */
  readonly allowTokens?: boolean;
}

/** Escapes one string for a Terraform JSON string. */
export function escapeTemplate(text: string, options: EscapeOptions = {}): string {
  const interpolation = options.allowTokens ? /\$\{(?!TfToken\[)/g : /\$\{/g;
  return text.replace(interpolation, "$$${").replace(/%\{/g, "%%{");
}

/** Deep copy of `value` with every string, and every object key, escaped. Arrays and plain objects only. */
export function escapeConfigStrings<T>(value: T, options: EscapeOptions = {}): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return options.allowTokens && Token.isUnresolved(v) && !/%\{|\$\{(?!TfToken\[)/.test(v) ? v : escapeTemplate(v, options);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<PropertyKey, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[escapeTemplate(k, options)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** Reverses `escapeTemplate`, for values that leave Terraform's reach (a rendered file encoded at synth). */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
