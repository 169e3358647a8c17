import { IConstruct } from "constructs";
import { TerraformResource, TerraformStack } from "cdktf";

/** Resources per top-level module of a stack (resources directly in the stack count as "stack"). */
export function resourcesPerModule(stack: TerraformStack): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (node: IConstruct, top: string | undefined) => {
    for (const child of node.node.children) {
      const module = top ?? (child instanceof TerraformResource ? "stack" : child.node.id);
      if (child instanceof TerraformResource) counts[module] = (counts[module] ?? 0) + 1;
      visit(child, module);
    }
  };
  visit(stack, undefined);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function formatSummary(stackId: string, label: string, counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts).map(([m, n]) => `${m} ${n}`);
  return `${stackId} (${label}): ${total} resources — ${parts.join(", ")}`;
}
