/**
 * Retiring a stateful item: dropping it from an environment without deleting it (issue 10 item
 * 10b). Deleting a section from the file makes Terraform destroy what it created, and
 * `prevent_destroy` no longer applies once the resource block is gone. A `retired:` entry instead
 * renders a Terraform `removed` block with `destroy = false` (Terraform >= 1.7; stacks require
 * 1.11): the plan says "will no longer be managed by Terraform, but will not be destroyed", the
 * object stays in AWS with its data, and the state forgets it.
 *
 * Entries are config paths (efs, efs.accessPoints.<name>, fsxOntap, fsxOntap.svms.<svm>,
 * fsxOntap.svms.<svm>.volumes.<volume>) or Terraform resource addresses (`<type>.<name>`, as
 * `terraform state list` prints them). Addresses are deterministic: cdktf derives each from the
 * construct path (test/__snapshots__/environments.test.ts.snap lists them).
 */
import { TerraformResource, TerraformStack } from "cdktf";
// cdktf's own logical-id function (cdktf is pinned); test/retired.test.ts checks it against real addresses.
import { makeUniqueId } from "cdktf/lib/private/unique";
import { ConfigValidationError, Issues, joinPath, ValidationIssue } from "../core/errors";
import type { EnvironmentConfig } from "../config/environment";

/** A Terraform resource address without module path or instance key, as the library creates them. */
export const RESOURCE_ADDRESS = /^(aws|kubernetes|helm)_[a-z0-9_]+\.[A-Za-z0-9_-]+$/;

/** The config-path forms `retired` accepts, for messages. */
export const RETIRED_FORMS = "efs, efs.accessPoints.<name>, fsxOntap, fsxOntap.svms.<svm>, fsxOntap.svms.<svm>.volumes.<volume>, or a resource address such as aws_efs_file_system.efs_file-system_44A43371";

/** A Terraform address of the resource of `type` at construct path `components` (below the stack). */
export function resourceAddress(type: string, components: readonly string[]): string {
  return `${type}.${makeUniqueId([...components])}`;
}

interface Retirement {
  readonly entry: string;
  readonly addresses: string[];
}

/**
 * The addresses a config path stands for: every resource of the item whose deletion would lose
 * data or fail while the retired item lives on (an encryption key, a security group still attached
 * to the item's network interfaces, its backup and access policies, the vsadmin secret).
 * Undefined when `entry` is not a retirable path.
 */
export function retiredAddresses(entry: string, env: Pick<EnvironmentConfig, "network">): string[] | undefined {
  if (RESOURCE_ADDRESS.test(entry)) return [entry];
  const parts = entry.split(".");
  if (entry === "efs") {
    // Mount targets are named by subnet: every private subnet the file system could have used
    // (a removed block for an address not in the state changes nothing).
    const subnets = env.network.mode === "existing" ? Object.keys(env.network.subnets) : Object.keys(env.network.privateSubnets);
    return [
      resourceAddress("aws_efs_file_system", ["efs", "file-system"]),
      ...subnets.map((s) => resourceAddress("aws_efs_mount_target", ["efs", `mount-target-${s}`])),
      resourceAddress("aws_kms_key", ["efs", "key"]),
      resourceAddress("aws_kms_alias", ["efs", "key-alias"]),
      resourceAddress("aws_security_group", ["efs", "security-group"]),
      resourceAddress("aws_efs_backup_policy", ["efs", "backup-policy"]),
      resourceAddress("aws_efs_file_system_policy", ["efs", "policy"]),
    ];
  }
  if (parts.length === 3 && parts[0] === "efs" && parts[1] === "accessPoints") return [resourceAddress("aws_efs_access_point", ["efs", `access-point-${parts[2]}`])];
  if (entry === "fsxOntap") {
    return [
      resourceAddress("aws_fsx_ontap_file_system", ["fsx-ontap", "file-system"]),
      resourceAddress("aws_kms_key", ["fsx-ontap", "key"]),
      resourceAddress("aws_kms_alias", ["fsx-ontap", "key-alias"]),
      resourceAddress("aws_security_group", ["fsx-ontap", "security-group"]),
    ];
  }
  if (parts.length === 3 && parts[0] === "fsxOntap" && parts[1] === "svms") {
    const svm = parts[2];
    return [
      resourceAddress("aws_fsx_ontap_storage_virtual_machine", ["fsx-ontap", `svm-${svm}`]),
      resourceAddress("aws_secretsmanager_secret", ["fsx-ontap", `vsadmin-secret-${svm}`]),
      resourceAddress("aws_secretsmanager_secret_version", ["fsx-ontap", `vsadmin-secret-version-${svm}`]),
    ];
  }
  if (parts.length === 5 && parts[0] === "fsxOntap" && parts[1] === "svms" && parts[3] === "volumes") {
    return [resourceAddress("aws_fsx_ontap_volume", ["fsx-ontap", `volume-${parts[2]}-${parts[4]}`])];
  }
  return undefined;
}

/** Whether the config path `entry` names an item that is still configured. */
function stillConfigured(entry: string, env: EnvironmentConfig): boolean {
  const parts = entry.split(".");
  if (parts[0] === "efs") return parts.length === 1 ? !!env.efs : !!env.efs?.accessPoints[parts[2]];
  if (parts[0] === "fsxOntap") {
    if (parts.length === 1) return !!env.fsxOntap;
    const svm = env.fsxOntap?.svms[parts[2]];
    return parts.length === 3 ? !!svm : !!svm?.volumes[parts[4]];
  }
  return false;
}

/** Checks the `retired` list against the environment (the YAML path calls it with the other validators). */
export function validateRetired(env: EnvironmentConfig, issues: Issues, path = "retired"): void {
  const seen = new Map<string, number>();
  env.retired.forEach((entry, i) => {
    const p = joinPath(path, i);
    if (seen.has(entry)) {
      issues.error(p, `repeats retired[${seen.get(entry)}]`, entry);
      return;
    }
    seen.set(entry, i);
    if (!retiredAddresses(entry, env)) {
      issues.error(p, "is not an item this module set can retire", entry, RETIRED_FORMS);
      return;
    }
    if (!RESOURCE_ADDRESS.test(entry) && stillConfigured(entry, env)) {
      issues.error(p, `is still configured: delete ${entry} from the environment in the same change, or drop this entry`, entry);
    }
  });
  // SVM and volume names lived in the deleted section: they must be listed, or the plan destroys them.
  const retiredSvms = env.retired.filter((e) => /^fsxOntap\.svms\.[^.]+$/.test(e));
  if (env.retired.includes("fsxOntap") && retiredSvms.length === 0) {
    issues.warn(path, "retires fsxOntap but no SVM: list each as fsxOntap.svms.<svm> and each volume as fsxOntap.svms.<svm>.volumes.<volume>, or the plan destroys them (npm run guard catches it)");
  }
  for (const svm of retiredSvms) {
    if (!env.retired.some((e) => e.startsWith(`${svm}.volumes.`))) {
      issues.warn(path, `retires ${svm} but none of its volumes: list each as ${svm}.volumes.<volume>, or the plan destroys them (npm run guard catches it)`);
    }
  }
}

/**
 * Renders one `removed` block per retired address into `stack`, after every construct was added.
 * An address the stack still creates is an error (Terraform would refuse the plan).
 */
export function renderRetired(stack: TerraformStack, env: EnvironmentConfig): readonly string[] {
  const retirements: Retirement[] = env.retired.map((entry) => ({ entry, addresses: retiredAddresses(entry, env) ?? [] }));
  const created = new Set(
    stack.node
      .findAll()
      .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
      .map((r) => `${r.terraformResourceType}.${stack.getLogicalId(r)}`),
  );
  const errors: ValidationIssue[] = [];
  retirements.forEach(({ entry, addresses }, i) => {
    for (const a of addresses.filter((x) => created.has(x))) {
      errors.push({ path: `retired[${i}]`, message: `names ${a}, which this environment still creates; Terraform refuses to remove a resource that is still configured`, value: entry });
    }
  });
  if (errors.length > 0) throw new ConfigValidationError(`stack ${stack.node.id}`, errors);
  const addresses = [...new Set(retirements.flatMap((r) => r.addresses))];
  if (addresses.length > 0) stack.addOverride("removed", addresses.map((from) => ({ from, lifecycle: { destroy: false } })));
  return addresses;
}
