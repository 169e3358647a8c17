import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { policyDocument } from "../modules/core/iam";
import { namedOutput } from "../modules/core/outputs";
import { configureRemoteState } from "../modules/state/remote-state";

export interface StateBucketStackProps {
  readonly bucket: string;
  readonly region: string;
  readonly accountId: string;
  /** Days a superseded state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Local state file, relative to the stack's directory (cdktf.out/stacks/<id>). Kept outside
   * cdktf.out, which synth rewrites. @default "../../../terraform.<stack id>.tfstate" (the project root)
   */
  readonly localStatePath?: string;
  /**
   * Keep this stack's own state in the bucket it creates (after the first apply with local state,
   * then `terraform init -migrate-state`). @default false
   */
  readonly stateInBucket?: boolean;
}

/** Key of the bootstrap stack's own state once migrated into its bucket. */
export const BOOTSTRAP_STATE_KEY = "bootstrap/terraform.tfstate";

/** The bucket policy that refuses every request not made over TLS (S3-BOOT-05). */
export function denyInsecureTransportPolicy(bucketArn: string): string {
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}

/**
 * Creates the S3 bucket that holds every environment's Terraform state, once, with local state
 * (S3-BOOT-01): versioning, SSE-KMS with a rotating key and bucket keys, all public access blocked,
 * ACLs disabled, TLS-only, and protected from destroy. Afterwards its state can move into the
 * bucket with `terraform init -migrate-state` (README).
 */
export class StateBucketStack extends TerraformStack {
  public readonly bucket: S3Bucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    this.addOverride("terraform.required_version", ">= 1.10.0"); // S3 lock files
    if (props.stateInBucket) {
      configureRemoteState(this, { bucket: props.bucket, key: BOOTSTRAP_STATE_KEY, region: props.region });
    } else {
      new LocalBackend(this, { path: props.localStatePath ?? `../../../terraform.${id}.tfstate` });
    }
    new AwsProvider(this, "aws", {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: { ...(props.tags ?? {}), "platform:managed-by": "cdktf", "platform:purpose": "terraform-state" } }],
    });

    this.key = new KmsKey(this, "state-key", {
      description: `Encrypts Terraform state in s3://${props.bucket}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "state-key-alias", { name: `alias/terraform-state/${props.bucket}`, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, "state-bucket", {
      bucket: props.bucket,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketVersioningA(this, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketPolicy(this, "tls-only-policy", {
      bucket: this.bucket.id,
      policy: denyInsecureTransportPolicy(this.bucket.arn),
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    namedOutput(this, "state_bucket", { value: this.bucket.bucket });
    namedOutput(this, "state_kms_key_arn", { value: this.key.arn, description: "Set as state.kmsKeyArn in environment files" });
  }
}
