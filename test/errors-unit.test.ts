/** Unit tests for modules/core/errors.ts: secret detection, value formatting, issue collection. */
import { ConfigValidationError, formatIssue, formatValue, Issues, looksSecret, MAX_PRINTED_ISSUES } from "../modules/core/errors";

describe("looksSecret", () => {
  test("a bare 'pass' field, in any case, is a secret", () => {
    expect(looksSecret("pass")).toBe(true);
    expect(looksSecret("adminPass")).toBe(true);
  });

  test("a field that only starts with 'password' (passwordPolicy) is not a secret", () => {
    expect(looksSecret("passwordPolicy")).toBe(false);
    expect(looksSecret("passthrough")).toBe(false);
  });

  test("a compound key name must end in 'key': sshKeyPath is not a secret, sshKey is", () => {
    expect(looksSecret("sshKeyPath")).toBe(false);
    expect(looksSecret("apiKeyRotationDays")).toBe(false);
    expect(looksSecret("sshKey")).toBe(true);
  });

  test("a reference suffix only counts at the end: secretIdentifier and tokenReference stay secret", () => {
    expect(looksSecret("secretIdentifier")).toBe(true);
    expect(looksSecret("tokenReference")).toBe(true);
    expect(looksSecret("secretId")).toBe(false);
  });
});

describe("formatValue", () => {
  test("a secret-looking key holding an array is hidden inside an object", () => {
    expect(formatValue({ password: ["hunter2"] })).toBe('{"password":"(hidden)"}');
  });

  test("a secret-looking key holding null is hidden inside an object", () => {
    expect(formatValue({ password: null })).toBe('{"password":"(hidden)"}');
  });

  test("a secret-looking key holding a plain object is shown, with its own secret fields hidden", () => {
    expect(formatValue({ secrets: { region: "eu-west-1", token: "abc" } })).toBe('{"secrets":{"region":"eu-west-1","token":"(hidden)"}}');
  });

  test("a value JSON cannot serialise (a bigint) falls back to its string form", () => {
    expect(formatValue(BigInt(42))).toBe("42");
  });

  test("a value whose JSON text is exactly 120 characters is shown whole", () => {
    const value = "a".repeat(118);
    expect(formatValue(value)).toBe(
      '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
    );
  });

  test("a value whose JSON text is 121 characters is cut to 117 characters and '...'", () => {
    const value = "a".repeat(119);
    expect(formatValue(value)).toBe(
      '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...',
    );
  });
});

describe("formatIssue hides values of secret fields", () => {
  test("an index after a secret field is ignored even when an earlier index is in the path", () => {
    expect(formatIssue({ path: "users[0].pass[1]", message: "is too short", value: "hunter2" })).toBe("users[0].pass[1]: is too short; got (hidden)");
  });

  test("several trailing indexes after a secret field are all ignored", () => {
    expect(formatIssue({ path: "hybrid.password[0][1]", message: "is too short", value: "hunter2" })).toBe("hybrid.password[0][1]: is too short; got (hidden)");
  });

  test("a multi-digit trailing index after a secret field is ignored", () => {
    expect(formatIssue({ path: "hybrid.password[10]", message: "is too short", value: "hunter2" })).toBe("hybrid.password[10]: is too short; got (hidden)");
  });

  test("only the last field decides: a plain field under a secret-named section is shown", () => {
    expect(formatIssue({ path: "secrets.count", message: "must be positive", value: -2 })).toBe("secrets.count: must be positive; got -2");
  });
});

describe("ConfigValidationError", () => {
  test("is named ConfigValidationError", () => {
    const err = new ConfigValidationError("env.json", [{ path: "a", message: "is wrong" }]);
    expect(err.name).toBe("ConfigValidationError");
    expect(String(err)).toBe("ConfigValidationError: env.json: 1 error\n  - a: is wrong");
  });

  test("exactly MAX_PRINTED_ISSUES errors are all printed with no '... and N more' line", () => {
    expect(MAX_PRINTED_ISSUES).toBe(100);
    const issues = Array.from({ length: 100 }, (_, i) => ({ path: `p${i}`, message: "bad" }));
    const lines = new ConfigValidationError("env.json", issues).message.split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe("env.json: 100 errors");
    expect(lines[100]).toBe("  - p99: bad");
  });
});

describe("Issues", () => {
  test("warn with a third argument keeps that value, even undefined", () => {
    const issues = new Issues();
    issues.warn("a.b", "is odd", 5);
    issues.warn("a.c", "is missing", undefined);
    expect(issues.warnings).toStrictEqual([
      { path: "a.b", message: "is odd", value: 5 },
      { path: "a.c", message: "is missing", value: undefined },
    ]);
    expect(formatIssue(issues.warnings[1])).toBe("a.c: is missing; got nothing");
  });

  test("an issue without 'allowed' has no allowed key at all", () => {
    const issues = new Issues();
    issues.error("a", "is wrong");
    issues.warn("b", "is odd", 1, "");
    expect(Object.keys(issues.errors[0])).toEqual(["path", "message"]);
    expect(Object.keys(issues.warnings[0])).toEqual(["path", "message", "value"]);
  });
});
