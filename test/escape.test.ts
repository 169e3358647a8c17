/**
 * The escaping choke point (core/escape.ts, GEN-02), unit by unit: expected values written out.
 * Mutation testing flagged these branches as untested by the suites that synthesize whole stacks.
 */
import { Token } from "cdktf";
import { escapeConfigStrings, escapeTemplate, TOKEN_MARKER, unescapeTemplate } from "../modules/core/escape";
import { Issues } from "../modules/core/errors";
import { parseSection } from "../modules/core/validation";
import { z } from "zod";

describe("escapeTemplate", () => {
  test("interpolations and directives become literals", () => {
    expect(escapeTemplate('a ${file("x")} %{if true}b%{endif}')).toBe('a $${file("x")} %%{if true}b%%{endif}');
  });

  test("construct props: a complete cdktf token is kept, anything else that starts like one is escaped", () => {
    const token = Token.asString({ resolve: () => "x" }) as string; // "${TfToken[TOKEN.<n>]}"
    expect(token).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(escapeTemplate(`arn:${token}`, { allowTokens: true })).toBe(`arn:${token}`);
    expect(escapeTemplate("${TfToken[TOKEN.12]}", { allowTokens: true })).toBe("${TfToken[TOKEN.12]}");
    expect(escapeTemplate('${TfToken[file("x")]}', { allowTokens: true })).toBe('$${TfToken[file("x")]}');
    expect(escapeTemplate("${TfToken[]}", { allowTokens: true })).toBe("$${TfToken[]}");
    expect(escapeTemplate("${aws_s3_bucket.b.arn}", { allowTokens: true })).toBe("$${aws_s3_bucket.b.arn}");
  });

  test("files: even token syntax is escaped", () => {
    expect(escapeTemplate("${TfToken[TOKEN.12]}")).toBe("$${TfToken[TOKEN.12]}");
  });

  test("unescapeTemplate reverses it", () => {
    expect(unescapeTemplate('$${file("x")} %%{if}')).toBe('${file("x")} %{if}');
  });
});

describe("TOKEN_MARKER", () => {
  test("string, list and map token markers, nothing else", () => {
    expect(["${TfToken[TOKEN.1]}", "#{TfToken[TOKEN.1]}", "&{TfToken[TOKEN.1]}"].map((t) => TOKEN_MARKER.test(t))).toEqual([true, true, true]);
    expect(["x{TfToken[TOKEN.1]}", "${TfToken", "TfToken[TOKEN.1]"].map((t) => TOKEN_MARKER.test(t))).toEqual([false, false, false]);
  });

  test("a config file holding token syntax is refused, naming the field", () => {
    const issues = new Issues();
    expect(parseSection(z.object({ owner: z.string() }), { owner: "${TfToken[TOKEN.1]}" }, "tags", issues)).toBeUndefined();
    expect(issues.errors.map((e) => e.path)).toEqual(["tags.owner"]);
  });
});

describe("escapeConfigStrings", () => {
  test("walks arrays, plain and null-prototype objects, and escapes keys; the copy is an ordinary object", () => {
    const bare = Object.create(null) as Record<string, string>;
    bare["${k}"] = "${v}";
    const out = escapeConfigStrings({ list: ["${a}", 1, true], nested: { "%{d}": "x" }, bare });
    expect(out).toEqual({ list: ["$${a}", 1, true], nested: { "%%{d}": "x" }, bare: { "$${k}": "$${v}" } });
    expect(JSON.stringify(out.nested)).toBe('{"%%{d}":"x"}');
    (out.nested as Record<string, string>)["%%{d}"] = "changed";
    expect(out.nested).toEqual({ "%%{d}": "changed" });
    delete (out.nested as Record<string, string>)["%%{d}"];
    expect(out.nested).toEqual({});
  });

  test("a key named __proto__ stays a key", () => {
    const input = JSON.parse('{"__proto__": "${x}"}');
    const out = escapeConfigStrings(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  test("class instances (constructs, refs, resolvables) are code: kept as they are", () => {
    class Ref {
      constructor(public readonly arn: string) {}
    }
    const ref = new Ref("${x}");
    expect(escapeConfigStrings({ ref }).ref).toBe(ref);
  });

  test("parts of the source already escaped are kept once; the rest is escaped, index by index", () => {
    const trusted = { owner: "$${team}" };
    const source = { tags: trusted, list: [trusted, { owner: "${raw}" }], other: "${raw}" };
    const parsed = { tags: { owner: "$${team}" }, list: [{ owner: "$${team}" }, { owner: "${raw}" }], other: "${raw}" };
    const out = escapeConfigStrings(parsed, { source, alreadyEscaped: (v) => v === trusted });
    expect(out).toEqual({ tags: { owner: "$${team}" }, list: [{ owner: "$${team}" }, { owner: "$${raw}" }], other: "$${raw}" });
    expect(escapeConfigStrings({ a: "${x}" }, { source: { a: "${x}" } })).toEqual({ a: "$${x}" });
    expect(escapeConfigStrings(parsed, { source: null, alreadyEscaped: () => true })).toEqual({ tags: { owner: "$$${team}" }, list: [{ owner: "$$${team}" }, { owner: "$${raw}" }], other: "$${raw}" });
  });
});
