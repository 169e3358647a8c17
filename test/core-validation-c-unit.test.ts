/**
 * Unit tests for modules/core/validation.ts (part c): `closest` (the "did you mean" guess) and the
 * walk that finds the keys a strict object accepts for an unknown key's "allowed:" hint (knownKeys,
 * reached through zodIssues).
 */
import { z } from "zod";
import { closest, zodIssues } from "../modules/core/validation";

/** zodIssues under the prefix "sec" for `raw`, refused by `errorSchema` (default: `schema`), with hints from `schema`. */
function issuesFor(schema: z.ZodType, raw: unknown, errorSchema: z.ZodType = schema) {
  const result = errorSchema.safeParse(raw);
  if (result.success) throw new Error("expected the schema to refuse the input");
  return zodIssues(schema, result.error, raw, "sec");
}

const item = z.strictObject({ alpha: z.string(), beta: z.string().optional() });
/** `alpah` is a typo of `alpha`: the hint names alpha and lists alpha, beta. */
const typo = { alpha: "x", alpah: "y" };
const hinted = [{ path: "sec.alpah", message: "is not a known key; did you mean alpha?", allowed: "alpha, beta" }];
const unhinted = [{ path: "sec.alpah", message: "is not a known key (a typo?)" }];

const optA = z.strictObject({ kind: z.literal("a"), alpha: z.string() });
const optB = z.strictObject({ kind: z.literal("b"), bravo: z.string() });

describe("closest", () => {
  test("a known key more than two edits away is never suggested", () => {
    expect(closest("abcd", ["wxyz"])).toBeUndefined();
  });

  test("the nearest of several close keys wins: one edit beats two", () => {
    expect(closest("abcd", ["abyz", "abcx"])).toBe("abcx");
  });

  test("two keys equally close give no suggestion", () => {
    expect(closest("abcd", ["abcx", "abcy"])).toBeUndefined();
  });

  test("a key two characters shorter is still suggested when it is two edits away", () => {
    expect(closest("abcd", ["ab"])).toBe("ab");
  });
});

describe("zodIssues: allowed keys of a strict object behind wrappers", () => {
  test("a strict object behind .optional() lists its keys for an unknown key", () => {
    expect(issuesFor(item.optional(), typo)).toEqual(hinted);
  });

  test("a strict object behind .default() lists its keys for an unknown key", () => {
    expect(issuesFor(item.default({ alpha: "d" }), typo)).toEqual(hinted);
  });

  test("a strict object behind .nullable() lists its keys for an unknown key", () => {
    expect(issuesFor(item.nullable(), typo)).toEqual(hinted);
  });

  test("a strict object behind .prefault() lists its keys for an unknown key", () => {
    expect(issuesFor(item.prefault({ alpha: "d" }), typo)).toEqual(hinted);
  });

  test("a strict object behind .readonly() lists its keys for an unknown key", () => {
    expect(issuesFor(item.readonly(), typo)).toEqual(hinted);
  });

  test("a strict object behind .catch() lists its keys for an unknown key (error found by the bare object)", () => {
    // .catch() swallows its own errors, so the error comes from the object it wraps.
    expect(issuesFor(item.catch({ alpha: "c" }), typo, item)).toEqual(hinted);
  });

  test("a strict object piped into a transform lists its keys for an unknown key", () => {
    expect(issuesFor(item.transform((v) => v), typo)).toEqual(hinted);
  });

  test("wrappers are unwrapped 20 deep at most: 20 optionals still list the keys, 21 do not", () => {
    let schema: z.ZodType = item;
    for (let i = 0; i < 20; i++) schema = schema.optional();
    expect(issuesFor(schema, typo)).toEqual(hinted);
    expect(issuesFor(schema.optional(), typo)).toEqual(unhinted);
  });
});

describe("zodIssues: allowed keys along the issue path", () => {
  test("an unknown key in an array item lists the item's keys", () => {
    const schema = z.strictObject({ items: z.array(item) });
    expect(issuesFor(schema, { items: [{ alpha: "a" }, typo] })).toEqual([
      { path: "sec.items[1].alpah", message: "is not a known key; did you mean alpha?", allowed: "alpha, beta" },
    ]);
  });

  test("an unknown key under a catchall (a key the shape does not name) has no allowed list", () => {
    const schema = z.object({ known: z.string() }).catchall(item);
    expect(issuesFor(schema, { known: "k", other: typo })).toEqual([{ path: "sec.other.alpah", message: "is not a known key (a typo?)" }]);
  });

  test("an unknown key under a prefault-filled object, missing from the input, still lists the keys", () => {
    const schema = z.strictObject({ cfg: z.strictObject({ inner: item }).prefault({ inner: typo }) });
    expect(issuesFor(schema, {})).toEqual([
      { path: "sec.cfg.inner.alpah", message: "is not a known key; did you mean alpha?", allowed: "alpha, beta" },
    ]);
  });

  test("an unknown key below an input null replaced before a pipe still lists the keys", () => {
    const inner = z.strictObject({ inner: item });
    const fallback = { inner: typo };
    const schema = z
      .object({ cfg: inner.nullable() })
      .transform((v) => ({ cfg: v.cfg ?? fallback }))
      .pipe(z.object({ cfg: inner }));
    expect(issuesFor(schema, { cfg: null })).toEqual([
      { path: "sec.cfg.inner.alpah", message: "is not a known key; did you mean alpha?", allowed: "alpha, beta" },
    ]);
  });
});

describe("zodIssues: allowed keys through unions", () => {
  test("a plain union (no discriminator) gives no allowed list for an unknown key", () => {
    expect(issuesFor(z.union([item, z.string()]), typo)).toEqual(unhinted);
  });

  test("an unknown key nested under a plain union branch gives no allowed list", () => {
    const schema = z.union([z.object({ inner: item }), z.string()]);
    expect(issuesFor(schema, { inner: typo })).toEqual([{ path: "sec.inner.alpah", message: "is not a known key (a typo?)" }]);
  });

  test("a discriminated union lists the keys of the branch the input's discriminator picks, past an enum-keyed branch", () => {
    const byEnum = z.strictObject({ kind: z.enum(["c", "d"]), charlie: z.string() });
    const schema = z.discriminatedUnion("kind", [byEnum, optB]);
    expect(issuesFor(schema, { kind: "b", bravo: "x", brovo: "y" })).toEqual([
      { path: "sec.brovo", message: "is not a known key; did you mean bravo?", allowed: "kind, bravo" },
    ]);
  });

  test("a discriminated union lists the keys of the picked branch, past a nested-union branch", () => {
    const nested = z.discriminatedUnion("kind", [optA]);
    const schema = z.discriminatedUnion("kind", [nested, optB]);
    expect(issuesFor(schema, { kind: "b", bravo: "x", brovo: "y" })).toEqual([
      { path: "sec.brovo", message: "is not a known key; did you mean bravo?", allowed: "kind, bravo" },
    ]);
  });

  test("a discriminated union filled by prefault (no input value to pick a branch) gives no allowed list", () => {
    const fallback = { kind: "a" as const, alpha: "x", alhpa: "y" };
    const schema = z.strictObject({ cfg: z.discriminatedUnion("kind", [optA, optB]).prefault(fallback) });
    expect(issuesFor(schema, {})).toEqual([{ path: "sec.cfg.alhpa", message: "is not a known key (a typo?)" }]);
  });

  test("a discriminated union whose input was null (replaced before a pipe) gives no allowed list", () => {
    const union = z.discriminatedUnion("kind", [optA, optB]);
    const fallback = { kind: "b" as const, bravo: "x", brovo: "y" };
    const schema = z
      .object({ cfg: union.nullable() })
      .transform((v) => ({ cfg: v.cfg ?? fallback }))
      .pipe(z.object({ cfg: union }));
    expect(issuesFor(schema, { cfg: null })).toEqual([{ path: "sec.cfg.brovo", message: "is not a known key (a typo?)" }]);
  });
});
