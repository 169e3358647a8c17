/** Unit tests for modules/core/outputs.ts: readable output names and the duplicate-name check. */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { duplicateOutputs, namedOutput } from "../modules/core/outputs";

function outputNames(stack: TerraformStack): string[] {
  return Object.keys(JSON.parse(Testing.synth(stack)).output);
}

describe("namedOutput", () => {
  test("the output name is the construct path below the stack plus the name, with every other character turned into '_'", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    namedOutput(new Construct(new Construct(stack, "hybrid"), "on-prem"), "tunnel-addresses", { value: "a" });
    namedOutput(stack, "cluster.name", { value: "b" });
    expect(outputNames(stack).sort()).toEqual(["cluster_name", "hybrid_on_prem_tunnel_addresses"]);
  });

  test("a stack with a name used twice fails validation with exactly one message, however many named outputs it has", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    namedOutput(stack, "x", { value: "ours" });
    namedOutput(stack, "y", { value: "other" });
    new TerraformOutput(new Construct(stack, "Default"), "x", { value: "user's" });
    expect(stack.node.validate()).toEqual([
      "output name x is used by stack/x and stack/Default/x; rename one of them (outputs of this library are named after their construct path)",
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(
      "[stack] output name x is used by stack/x and stack/Default/x; rename one of them (outputs of this library are named after their construct path)",
    );
  });

  test("a stack whose named outputs all differ passes validation", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    namedOutput(new Construct(stack, "efs"), "file_system_id", { value: "fs" });
    namedOutput(stack, "y", { value: "other" });
    expect(stack.node.validate()).toEqual([]);
  });
});

describe("duplicateOutputs", () => {
  test("reports each name used by more than one output, with both construct paths, and not the unique names", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new TerraformOutput(stack, "x", { value: "one" });
    new TerraformOutput(new Construct(stack, "Default"), "x", { value: "two" });
    new TerraformOutput(stack, "z", { value: "three" });
    expect(duplicateOutputs(stack)).toEqual([
      "output name x is used by stack/x and stack/Default/x; rename one of them (outputs of this library are named after their construct path)",
    ]);
  });

  test("a stack without outputs has no duplicates", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new Construct(stack, "x");
    expect(duplicateOutputs(stack)).toEqual([]);
  });
});

test("a library output and a user's own output that synthesize to one name fail validation", () => {
  const stack = new TerraformStack(Testing.app(), "stack");
  namedOutput(new Construct(stack, "efs"), "file_system_id", { value: "ours" });
  new TerraformOutput(stack, "efs_file_system_id", { value: "the user's" });
  expect(duplicateOutputs(stack)).toEqual([
    "output name efs_file_system_id is used by stack/efs/file_system_id and stack/efs_file_system_id; rename one of them (outputs of this library are named after their construct path)",
  ]);
});
