import { Construct } from "constructs";
import { TerraformOutput, TerraformOutputConfig, TerraformStack } from "cdktf";

/**
 * A stack output with a readable, stable name: the construct's path below the stack plus `name`
 * (e.g. `efs_file_system_id`, `hybrid_connectivity_vpn_tunnel_addresses`), instead of cdktf's
 * hashed default. Platform repos read these names through remote state, so they are a contract.
 */
export function namedOutput(scope: Construct, name: string, config: TerraformOutputConfig): TerraformOutput {
  const stack = TerraformStack.of(scope);
  const below = scope.node.scopes.slice(scope.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
  const output = new TerraformOutput(scope, name, config);
  output.overrideLogicalId([...below, name].join("_").replace(/[^A-Za-z0-9_]/g, "_"));
  return output;
}
