import { Construct } from "constructs";
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
