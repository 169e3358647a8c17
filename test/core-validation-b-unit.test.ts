/** Unit tests for modules/core/validation.ts: zod issue translation, token handling, token refusal. */
import { Token } from "cdktf";
import { z } from "zod";
import { Issues, ValidationIssue } from "../modules/core/errors";
import { parseSection, zodIssues } from "../modules/core/validation";

/** zodIssues of what `schema` says about `input` (the input must be refused). */
function translate(schema: z.ZodType, input: unknown, prefix?: string, options?: { allowTokens?: boolean }): ValidationIssue[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the schema to refuse the input");
  return prefix === undefined ? zodIssues(schema, result.error, input) : zodIssues(schema, result.error, input, prefix, options);
}

/** zodIssues of hand-made zod issues (paths a schema does not produce on its own), under the prefix "cfg". */
function translateIssues(raw: unknown, ...issues: z.core.$ZodIssue[]): ValidationIssue[] {
  return zodIssues(z.any(), new z.ZodError(issues), raw, "cfg");
}

/** A missing-string issue at `path`, worded as zod words it. */
function missingString(path: PropertyKey[]): z.core.$ZodIssue {
  return { code: "invalid_type", expected: "string", path, message: "Invalid input: expected string, received undefined" };
}

const stringToken = () => Token.asString({ resolve: () => "a" });
const numberToken = () => Token.asNumber({ resolve: () => 1 });

describe("parseSection", () => {
  test("a section refused only for token values (with tokens allowed) is still refused, with one error at the section path", () => {
    const issues = new Issues();
    const parsed = parseSection(z.object({ mode: z.enum(["a", "b"]) }), { mode: stringToken() }, "efs", issues, { allowTokens: true });
    expect(parsed).toBeUndefined();
    expect(issues.errors).toEqual([{ path: "efs", message: "holds a cdktf token where a literal value is required (a number or an enum)" }]);
  });

  test("a token inside a list of a config file is refused at the item's indexed path", () => {
    const issues = new Issues();
    const parsed = parseSection(z.object({ names: z.array(z.string()) }), { names: ["ok", stringToken()] }, "cfg", issues);
    expect(parsed).toBeUndefined();
    expect(issues.errors).toEqual([{ path: "cfg.names[1]", message: "contains cdktf token syntax (TfToken[...]), which a configuration value may not hold" }]);
  });

  test("a null value in a config file is accepted when the schema allows it (no token search fails on it)", () => {
    const issues = new Issues();
    const parsed = parseSection(z.object({ description: z.string().nullable() }), { description: null }, "cfg", issues);
    expect(parsed).toEqual({ description: null });
    expect(issues.errors).toEqual([]);
  });

  test("a function value is code, not config: its properties are not searched for tokens", () => {
    const issues = new Issues();
    const hook = Object.assign(() => 1, { arn: "${TfToken[TOKEN.1]}" });
    const parsed = parseSection(z.object({ hook: z.any() }), { hook }, "cfg", issues);
    expect(issues.errors).toEqual([]);
    expect(parsed).toEqual({ hook });
    expect((parsed as { hook: unknown }).hook).toBe(hook);
  });
});

describe("zodIssues", () => {
  test("without a prefix, paths start at the first field", () => {
    expect(translate(z.object({ n: z.number() }), { n: "x" })).toEqual([{ path: "n", message: "Invalid input: expected number, received string", value: "x" }]);
  });

  test("the value of a secret-looking field is shown as (hidden)", () => {
    expect(translate(z.object({ password: z.string().min(8) }), { password: "abc" }, "s")).toEqual([
      { path: "s.password", message: "Too small: expected string to have >=8 characters", value: "(hidden)" },
    ]);
  });

  test("a refusal of an undefined value that is not a missing field keeps the schema's message and shows no value", () => {
    const out = translate(z.any().refine(() => false, "bad"), undefined, "s");
    expect(out).toEqual([{ path: "s", message: "bad" }]);
    expect("value" in out[0]).toBe(false);
  });

  describe("unknown keys", () => {
    const schema = z.strictObject({ name: z.string(), size: z.number() });
    const withUnknown = (count: number) => {
      const input: Record<string, unknown> = { name: "x", size: 1, nmae: "y" };
      for (let i = 1; i < count; i++) input[`extra${String(i).padStart(2, "0")}`] = i;
      return input;
    };

    test("with 20 unknown keys, a misspelt one gets a guess", () => {
      const out = translate(schema, withUnknown(20), "cfg");
      expect(out).toHaveLength(20);
      expect(out).toContainEqual({ path: "cfg.nmae", message: "is not a known key; did you mean name?", allowed: "name, size" });
      expect(out).toContainEqual({ path: "cfg.extra19", message: "is not a known key (a typo?)", allowed: "name, size" });
    });

    test("with 21 unknown keys, no key gets a guess", () => {
      const out = translate(schema, withUnknown(21), "cfg");
      expect(out).toHaveLength(21);
      expect(out.filter((i) => i.path === "cfg.nmae")).toEqual([{ path: "cfg.nmae", message: "is not a known key (a typo?)", allowed: "name, size" }]);
      expect(out.filter((i) => i.message !== "is not a known key (a typo?)")).toEqual([]);
    });

    test("where the known keys cannot be found (a lazy schema), an unknown key gets no guess and no allowed list", () => {
      const out = translate(z.lazy(() => z.strictObject({ name: z.string() })), { name: "x", nmae: 1 }, "s");
      expect(out).toEqual([{ path: "s.nmae", message: "is not a known key (a typo?)" }]);
      expect(out[0].allowed).toBeUndefined();
    });
  });

  test("a refused record key lists every problem of the key, separated by '; '", () => {
    expect(translate(z.record(z.string().min(3).regex(/^[a-z]+$/), z.number()), { A1: 1 }, "s")).toEqual([
      { path: "s.A1", message: "is not a valid name: Too small: expected string to have >=3 characters; Invalid string: must match pattern /^[a-z]+$/", value: "A1" },
    ]);
  });

  describe("missing fields", () => {
    test("'Invalid input: ' is removed only at the start of a missing field's message", () => {
      expect(translate(z.object({ a: z.string({ error: "Field a: Invalid input: must be text" }) }), {}, "s")).toEqual([
        { path: "s.a", message: "is required (Field a: Invalid input: must be text)" },
      ]);
    });

    test("', received undefined' is removed only at the end of a missing field's message", () => {
      expect(translate(z.object({ a: z.string({ error: "expected text, received undefined here" }) }), {}, "s")).toEqual([
        { path: "s.a", message: "is required (expected text, received undefined here)" },
      ]);
    });

    test("a missing field next to a misspelt key names the misspelt key", () => {
      expect(translate(z.object({ name: z.string() }), { nmae: "x" }, "s")).toEqual([{ path: "s.name", message: "is required (expected string); nmae is written instead (misspelt?)" }]);
    });

    test("a missing numbered field in an object gets no misspelling guess", () => {
      expect(translateIssues({ items: { "1": "x" } }, missingString(["items", 0]))).toEqual([{ path: "cfg.items[0]", message: "is required (expected string)" }]);
    });

    test("a missing field under a null parent gets no misspelling guess", () => {
      expect(translateIssues({ a: null }, missingString(["a", "b"]))).toEqual([{ path: "cfg.a.b", message: "is required (expected string)" }]);
    });

    test("a missing field under a string parent gets no misspelling guess (string indexes are no keys)", () => {
      expect(translateIssues({ s: "x" }, missingString(["s", "x"]))).toEqual([{ path: "cfg.s.x", message: "is required (expected string)" }]);
    });

    test("a missing named field under a list parent gets no misspelling guess (list indexes are no keys)", () => {
      expect(translateIssues({ list: ["q"] }, missingString(["list", "x"]))).toEqual([{ path: "cfg.list.x", message: "is required (expected string)" }]);
    });
  });

  describe("token values (tokens allowed)", () => {
    const schema = z.object({ mode: z.enum(["a", "b"]), n: z.number().min(1) });

    test("a string token refused by an enum is skipped; other problems are still reported", () => {
      expect(translate(schema, { mode: stringToken(), n: 0 }, "s", { allowTokens: true })).toEqual([{ path: "s.n", message: "Too small: expected number to be >=1", value: 0 }]);
    });

    test("a number token refused by a minimum is skipped; other problems are still reported", () => {
      expect(translate(schema, { mode: "c", n: numberToken() }, "s", { allowTokens: true })).toEqual([{ path: "s.mode", message: 'Invalid option: expected one of "a"|"b"', value: "c" }]);
    });

    test("a list token (neither a string nor a number) refused by the schema is reported", () => {
      const list = Token.asList({ resolve: () => ["a"] });
      expect(translate(z.array(z.string()).min(2), list, "s", { allowTokens: true })).toEqual([{ path: "s", message: "Too small: expected array to have >=2 items", value: list }]);
    });

    test("without tokens allowed, a string token refused by an enum is reported", () => {
      const token = stringToken();
      expect(translate(schema, { mode: token, n: 1 }, "s")).toEqual([{ path: "s.mode", message: 'Invalid option: expected one of "a"|"b"', value: token }]);
    });
  });
});
