/** modules/core/schema.ts: the shared zod building blocks and their messages. */
import { ipv4Cidr, pattern, routeTableId } from "../modules/core/schema";

test("pattern refuses a regular expression not anchored at both ends (a partial match would let anything through)", () => {
  expect(() => pattern(/abc$/, "x")).toThrow("pattern /abc$/ must be anchored");
  expect(() => pattern(/^abc/, "x")).toThrow("pattern /^abc/ must be anchored");
  expect(() => pattern(/abc/, "x")).toThrow("pattern /abc/ must be anchored");
  expect(pattern(/^abc$/, "must be abc").safeParse("abc").success).toBe(true);
  expect(pattern(/^abc$/, "must be abc").safeParse("xabc").error?.issues[0].message).toBe("must be abc");
});

test("ipv4Cidr reports a custom issue that says what is wrong and what is expected", () => {
  const issue = ipv4Cidr.safeParse("10.0.0.0/33").error?.issues[0];
  expect(issue?.code).toBe("custom");
  expect(issue?.message).toMatch(/; expected an IPv4 network such as 10\.0\.0\.0\/16$/);
});

test("routeTableId names an example route table id", () => {
  expect(routeTableId.safeParse("rtb-123").error?.issues[0].message).toBe("must be an id such as rtb-0123456789abcdef0");
  expect(routeTableId.safeParse("rtb-0123456789abcdef0").success).toBe(true);
});
