import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/**
 * Makes the stack require Terraform >= `min` (e.g. write-only arguments need 1.11). An existing
 * `terraform.required_version` is kept when it already says `>= X` with X >= min, otherwise the
 * constraint is appended (Terraform ANDs comma-separated constraints).
 */
export function requireTerraformVersion(scope: Construct, min: string): void {
  const stack = TerraformStack.of(scope);
  const current = (stack as unknown as { rawOverrides?: { terraform?: { required_version?: unknown } } }).rawOverrides?.terraform?.required_version;
  const wanted = `>= ${min}`;
  if (typeof current !== "string" || current.trim() === "") {
    stack.addOverride("terraform.required_version", wanted);
    return;
  }
  const floors = [...current.matchAll(/>=\s*(\d+(?:\.\d+)*)/g)].map((m) => m[1]);
  if (floors.some((f) => compareVersions(f, min) >= 0)) return;
  stack.addOverride("terraform.required_version", `${current}, ${wanted}`);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
