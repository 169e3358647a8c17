import { Construct } from "constructs";
import { TerraformOutput, TerraformOutputConfig, TerraformStack } from "cdktf";

const guarded = new WeakSet<TerraformStack>();

/**
 * A stack output with a readable, stable name: the construct's path below the stack plus `name`
 * (e.g. `efs_file_system_id`, `hybrid_connectivity_vpn_tunnel_addresses`), instead of cdktf's
 * hashed default. Platform repos read these names through remote state, so they are a contract.
 * Two outputs with one name (ours, or a user's own output) fail synth instead of one silently
 * replacing the other.
 */
export function namedOutput(scope: Construct, name: string, config: TerraformOutputConfig): TerraformOutput {
  const stack = TerraformStack.of(scope);
  const below = scope.node.scopes.slice(scope.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
  const output = new TerraformOutput(scope, name, config);
  output.overrideLogicalId([...below, name].join("_").replace(/[^A-Za-z0-9_]/g, "_"));
  if (!guarded.has(stack)) {
    guarded.add(stack);
    stack.node.addValidation({ validate: () => duplicateOutputs(stack) });
  }
  return output;
}

/** Output names used more than once in `stack`, as validation messages. */
export function duplicateOutputs(stack: TerraformStack): string[] {
  const byName = new Map<string, string[]>();
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformOutput)) continue;
    // friendlyUniqueId is the name Terraform sees (the override namedOutput sets); getLogicalId would
    // give the hashed default and miss exactly the collisions this check is for.
    const id = c.friendlyUniqueId;
    byName.set(id, [...(byName.get(id) ?? []), c.node.path]);
  }
  return [...byName.entries()]
    .filter(([, paths]) => paths.length > 1)
    .map(([id, paths]) => `output name ${id} is used by ${paths.join(" and ")}; rename one of them (outputs of this library are named after their construct path)`);
}
