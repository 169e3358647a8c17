/** Unit tests for modules/core/validation.ts: the validated marker, validated parts, and spread copies. */
import { ValidationIssue } from "../modules/core/errors";
import { isValidated, markParsedPart, markValidated, validationWarnings } from "../modules/core/validation";

/** The marker key is a registered symbol, so copies of the library loaded twice share it. */
const MARKER = Symbol.for("@platform/eks-hybrid-storage/validated");

/** A class instance standing for code in construct props (a construct, a ref, a token). */
class KeyRef {
  constructor(readonly arn: string) {}
}

describe("isValidated on values that are not objects", () => {
  test("undefined, null, a string and a number are never validated", () => {
    expect(isValidated(undefined)).toBe(false);
    expect(isValidated(null)).toBe(false);
    expect(isValidated("efs")).toBe(false);
    expect(isValidated(42)).toBe(false);
  });

  test("validationWarnings of a value that is not validated is an empty list", () => {
    expect(validationWarnings({ name: "data" })).toEqual([]);
    expect(validationWarnings(undefined)).toEqual([]);
  });
});

describe("the marker", () => {
  test("markValidated puts the marker under the registered symbol @platform/eks-hybrid-storage/validated", () => {
    const warning: ValidationIssue = { path: "efs.throughputMode", message: "is slow" };
    const v = markValidated({ name: "data" }, [warning]);
    expect(Object.getOwnPropertySymbols(v)).toEqual([MARKER]);
    expect((v as unknown as Record<symbol, { warnings: unknown }>)[MARKER].warnings).toEqual([{ path: "efs.throughputMode", message: "is slow" }]);
  });

  test("a marker written under the registered symbol by another copy of the library is honoured", () => {
    const config: Record<PropertyKey, unknown> = { name: "data" };
    config[MARKER] = { warnings: [{ path: "efs", message: "from elsewhere" }], source: config };
    expect(isValidated(config)).toBe(true);
    expect(validationWarnings(config)).toEqual([{ path: "efs", message: "from elsewhere" }]);
  });

  test("a marker without a warnings list reports no warnings", () => {
    const config: Record<PropertyKey, unknown> = { name: "data" };
    config[MARKER] = { source: config };
    expect(isValidated(config)).toBe(true);
    expect(validationWarnings(config)).toEqual([]);
  });

  test("a null marker does not make an object validated", () => {
    expect(isValidated({ name: "data", [MARKER]: null })).toBe(false);
    expect(validationWarnings({ name: "data", [MARKER]: null })).toEqual([]);
  });

  test("the marker survives object spread, with its warnings", () => {
    const v = markValidated({ name: "data", sizeGiB: 10 }, [{ path: "efs.name", message: "is short" }]);
    const copy = { ...v };
    expect(isValidated(copy)).toBe(true);
    expect(validationWarnings(copy)).toEqual([{ path: "efs.name", message: "is short" }]);
  });

  test("an object validated twice keeps the warnings of the latest validation", () => {
    const v = markValidated({ name: "data" }, [{ path: "a", message: "first" }]);
    expect(() => markValidated(v, [{ path: "b", message: "second" }])).not.toThrow();
    expect(validationWarnings(v)).toEqual([{ path: "b", message: "second" }]);
  });

  test("the marker of a validated object cannot be replaced by assignment", () => {
    const v = markValidated({ name: "data" }, [{ path: "a", message: "kept" }]);
    expect(() => Object.assign(v, { [MARKER]: { warnings: [{ path: "x", message: "forged" }], source: v } })).toThrow(TypeError);
    expect(validationWarnings(v)).toEqual([{ path: "a", message: "kept" }]);
  });

  test("the validated object itself stays validated even when it holds NaN (NaN !== NaN)", () => {
    const v = markValidated({ name: "data", ratio: NaN });
    expect(isValidated(v)).toBe(true);
  });

  test("a function carrying the marker is not validated config", () => {
    const fn = markValidated(() => "code");
    expect(isValidated(fn)).toBe(false);
    expect(validationWarnings(fn)).toEqual([]);
  });
});

describe("validated parts", () => {
  test("markValidated accepts null and string leaves without throwing", () => {
    expect(() => markValidated({ name: "data", description: null, sizeGiB: 1 })).not.toThrow();
    expect(isValidated(markValidated({ kmsKeyArn: null, tags: { team: "storage" } }))).toBe(true);
  });

  test("markParsedPart accepts a null leaf without throwing and returns the value itself", () => {
    const value = { tags: { team: "storage" }, description: null };
    expect(markParsedPart(value)).toBe(value);
  });

  test("a copy with a new key holding a plain object from another validated value is still validated", () => {
    const env = markValidated({ tags: { team: "storage" } });
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, tags: env.tags })).toBe(true);
  });

  test("a copy with a new key holding an array from another validated value is still validated", () => {
    const env = markValidated({ subnets: ["private-a", "private-b"] });
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, subnets: env.subnets })).toBe(true);
  });

  test("a copy with a new key holding a part parsed by markParsedPart is still validated", () => {
    const tags = markParsedPart({ team: "storage" });
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, tags })).toBe(true);
  });

  test("a copy with a new key holding a new plain object is not validated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, tags: { team: "storage" } })).toBe(false);
  });
});

describe("spread copies with new keys", () => {
  test("a new key holding undefined keeps the copy validated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, kmsKeyArn: undefined })).toBe(true);
  });

  test("a new key holding a function keeps the copy validated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, onCreate: () => "code" })).toBe(true);
  });

  test("a new key holding a class instance (a construct, a ref) keeps the copy validated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, kmsKey: new KeyRef("arn:aws:kms:eu-west-1:111122223333:key/x") })).toBe(true);
  });

  test("a new key holding a string or a number makes the copy unvalidated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, description: "new" })).toBe(false);
    expect(isValidated({ ...section, sizeGiB: 10 })).toBe(false);
  });

  test("a new key holding null makes the copy unvalidated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, description: null })).toBe(false);
  });

  test("a new key holding a new array makes the copy unvalidated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, subnets: ["private-a"] })).toBe(false);
  });

  test("a new key holding a new null-prototype object makes the copy unvalidated", () => {
    const section = markValidated({ name: "data" });
    const tags = Object.assign(Object.create(null) as Record<string, string>, { team: "storage" });
    expect(isValidated({ ...section, tags })).toBe(false);
  });

  test("a replaced string value makes the copy unvalidated", () => {
    const section = markValidated({ name: "data" });
    expect(isValidated({ ...section, name: "other" })).toBe(false);
  });
});
