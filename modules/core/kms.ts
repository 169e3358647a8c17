import { Token } from "cdktf";
import { Construct } from "constructs";
import { Issues } from "./errors";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";

export interface KeyOptions {
  /** ARN of an existing key; when set, nothing is created. @default - a key is created */
  readonly existingArn?: string;
  readonly description: string;
  /** Alias name without the `alias/` prefix. */
  readonly alias: string;
  readonly preventDestroy: boolean;
}

/**
 * KMS keys are regional: a file system encrypts only with a key of its own region (EFS-FS-03,
 * FSX-FS-02). The YAML path checks this with the environment; constructs check their props.
 */
export function checkKeyRegion(arn: string | undefined, region: string, path: string, issues: Issues): void {
  if (!arn || Token.isUnresolved(arn) || Token.isUnresolved(region)) return;
  const keyRegion = arn.split(":")[3];
  if (keyRegion !== region) issues.error(path, `is a key in ${keyRegion}, but it is used in ${region}`, arn, `a KMS key in ${region}`);
}

/**
 * The KMS key a stateful resource encrypts with: the one given, or a created one with rotation on,
 * a 30-day deletion window and the same destroy protection as the data it guards.
 */
export function kmsKeyArnFor(scope: Construct, id: string, options: KeyOptions): string {
  if (options.existingArn) return options.existingArn;
  const key = new KmsKey(scope, id, {
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    lifecycle: { preventDestroy: options.preventDestroy },
  });
  new KmsAlias(scope, `${id}-alias`, { name: `alias/${options.alias}`, targetKeyId: key.keyId });
  return key.arn;
}
