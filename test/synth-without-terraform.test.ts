/**
 * Synthesizing needs Node only, no terraform binary (CI jobs that synthesize and plan in separate
 * steps; platform repos' Testing.synth with validations). cdktf's `moveFromId` marks a stack as
 * having resource moves, and its synthesizer then adds a validation that runs `terraform version`
 * on every synth; so the library writes its `moved` blocks itself (moveFromFsxOntapAddresses).
 */
import { Testing } from "cdktf";
import { environmentFiles } from "../main";
import { loadEnvironments } from "../modules/config/load";
import { PlatformStack } from "../modules/platform/platform-stack";
import { FIXED_NOW } from "./helpers";

const stacks = loadEnvironments(environmentFiles(undefined)).map((env) => new PlatformStack(Testing.app(), env.config.name, { environment: env.config, now: FIXED_NOW }));

test.each(stacks.map((s) => [s.node.id, s] as const))("%s: no cdktf resource move, so synth never runs `terraform version`", (_id, stack) => {
  expect(stack.hasResourceMove()).toBe(false);
});

test("the Trident split still moves its resources from their pre-split addresses", () => {
  const analytics = stacks.find((s) => s.node.id === "analytics-cloud")!;
  const json = JSON.parse(Testing.synth(analytics));
  expect(json.moved).toContainEqual({ from: "aws_iam_role.fsx-ontap_trident-role_0C7A819F", to: "aws_iam_role.trident_role_C0457E3C" });
  expect(json.moved).toContainEqual({ from: "helm_release.fsx-ontap_trident-operator_ABF29155", to: "helm_release.trident_operator_938BD56A" });
});
