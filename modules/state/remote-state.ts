import { S3Backend, TerraformStack } from "cdktf";
import { StateConfig, stateKeyOf } from "./config";

export interface RemoteStateSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  /** KMS key for state objects. @default - the bucket's default encryption */
  readonly kmsKeyArn?: string;
}

export function remoteStateSettings(config: StateConfig, environmentName: string, environmentRegion: string): RemoteStateSettings {
  return { bucket: config.bucket, key: stateKeyOf(config, environmentName), region: config.region ?? environmentRegion, kmsKeyArn: config.kmsKeyArn };
}

/**
 * S3 backend with encryption and S3-native locking. cdktf 0.21's S3Backend has no `useLockfile`
 * (Terraform >= 1.10), so it is set through an override (S3-BE-02); no DynamoDB table is needed.
 */
export function configureRemoteState(stack: TerraformStack, settings: RemoteStateSettings): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: settings.bucket,
    key: settings.key,
    region: settings.region,
    encrypt: true,
    kmsKeyId: settings.kmsKeyArn,
  });
  backend.addOverride("use_lockfile", true);
  return backend;
}
