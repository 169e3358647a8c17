/** Helm values merging shared by the constructs that take user values over ours (Trident, Cilium, the local provisioner). */

export function isPlainValues(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Deep merge of `over` onto `base`: plain objects merge key by key, anything else (arrays, scalars)
 * from `over` replaces `base`. Pure; neither input is modified. `skipUndefined`: a key set to
 * undefined in `over` leaves ours in place (typed optional props); otherwise it replaces it.
 */
export function mergeHelmValues(base: Record<string, unknown>, over: Record<string, unknown> | undefined, options: { skipUndefined?: boolean } = {}): Record<string, unknown> {
  if (!over) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined && options.skipUndefined) continue;
    const b = out[k];
    out[k] = isPlainValues(b) && isPlainValues(v) ? mergeHelmValues(b, v, options) : v;
  }
  return out;
}
