/** modules/core/instance-arch.ts: which instance types are Graviton (arm64), from the family name. */
import { isArmAmiType, isArmInstanceType } from "../modules/core/instance-arch";

test("a1, the first Graviton family, is arm64 although it has no 'g' after its digit", () => {
  expect(isArmInstanceType("a1.large")).toBe(true);
  expect(isArmInstanceType("a1.metal")).toBe(true);
});

test("Graviton families with a multi-digit generation or letters before the 'g' are arm64", () => {
  // \d+ : generation numbers of two digits; [a-z]* before g: letters only, so "x2idn" is not mistaken
  expect(isArmInstanceType("m12g.large")).toBe(true);
  expect(isArmInstanceType("is4gen.xlarge")).toBe(true);
  expect(isArmInstanceType("c6gn.2xlarge")).toBe(true);
  expect(isArmInstanceType("x2gd.xlarge")).toBe(true);
});

test("x86 families, including ones with a digit or symbol where Graviton has letters, are not arm64", () => {
  expect(isArmInstanceType("m6i.large")).toBe(false);
  expect(isArmInstanceType("i4i.xlarge")).toBe(false);
  expect(isArmInstanceType("x2idn.16xlarge")).toBe(false);
  // a non-letter between the generation and the g is no Graviton family
  expect(isArmInstanceType("m6-g.large")).toBe(false);
  expect(isArmInstanceType("m61g.large")).toBe(true);
});

test("AMI types name their architecture", () => {
  expect(isArmAmiType("AL2023_ARM_64_STANDARD")).toBe(true);
  expect(isArmAmiType("AL2023_x86_64_STANDARD")).toBe(false);
});
