import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { z } from "zod";
import { Issues } from "../modules/core/errors";
import { partitionOf, policyDocument } from "../modules/core/iam";
import { accountId as accountIdSchema, awsRegion, kmsKeyArn as kmsKeyArnSchema } from "../modules/core/schema";
import { parseSection, reportTo } from "../modules/core/validation";
import { AccessLoggingSchema, iamPrincipalArn, s3BucketName } from "../modules/state/config";
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
  /**
   * ARN of the key this stack created (its `state_kms_key_arn` output), so the migrated backend
   * names the CMK on every write. Required with `stateInBucket` (a backend block cannot reference
   * the key resource). @default - none
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM roles or users allowed to use the state key (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey
   * through S3). Set: the key policy grants usage to them only. @default - the default key policy
   * (any principal of the account with IAM permissions); a warning says so
   */
  readonly accessPrincipalArns?: readonly string[];
  /** S3 server access logs of the state bucket, to an existing log bucket. @default - off */
  readonly accessLogging?: { readonly bucket: string; readonly prefix?: string };
  /**
   * Whether this stack may hold a reference to another stack's resources. cdktf finds such
   * references in a preparing pass that resolves every element of the stack once more before the
   * real synthesis (a third of the bundled environments' synth time). Set false only when nothing in
   * this stack refers to another stack, as the YAML path does: its environments are data read from
   * files, which can hold no token. References from other stacks into this one still work. @default true
   */
  readonly crossStackReferences?: boolean;
}

const StateBucketPropsSchema = z.strictObject({
  bucket: s3BucketName,
  region: awsRegion,
  accountId: accountIdSchema,
  // aws_s3_bucket_lifecycle_configuration noncurrent_days: at least 1 (provider validation).
  noncurrentVersionDays: z.number().int().min(1, { error: "must be at least 1 (days)" }).max(36500).default(90),
  kmsKeyArn: kmsKeyArnSchema.optional(),
  accessPrincipalArns: z.array(iamPrincipalArn).min(1, { error: "list at least one principal, or leave it out" }).optional(),
  accessLogging: AccessLoggingSchema.optional(),
});

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

/** Administrative actions of the account on the state key: everything but using it (IAM decides who). */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * Key policy of the state key when access principals are named (issue 10 item 12, S3-BOOT-03).
 * The account root keeps the administrative actions only: AWS refuses a key policy that would lock
 * every principal out of managing the key (PutKeyPolicy's lockout safety check), and without it a
 * lost principal would leave a key nobody can administer, rotate or schedule for deletion. The root
 * statement delegates administration to IAM policies of the account; it grants no use of the key.
 * Use (Encrypt, Decrypt, GenerateDataKey) is granted to the named principals only, and only through
 * S3 in the bucket's region (kms:ViaService), so state objects are readable by exactly them.
 */
export function stateKeyPolicy(props: { partition: string; accountId: string; region: string; principals: readonly string[] }): string {
  return policyDocument([
    {
      Sid: "AccountAdministrationOnly",
      Effect: "Allow",
      Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "StateAccessThroughS3",
      Effect: "Allow",
      Principal: { AWS: [...props.principals] },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `s3.${props.region}.amazonaws.com` } },
    },
  ]);
}

/**
 * The state bucket's policy (S3-BOOT-05): no request without TLS, none below TLS 1.2, and no object
 * written with other encryption than the state key. Terraform's S3 backend asks for SSE-S3 (AES256)
 * when `encrypt` is set without `kms_key_id`, which would bypass the key policy; requests that name
 * no encryption get the bucket default (the key), hence the IfExists conditions.
 */
export function stateBucketPolicy(bucketArn: string, keyArn: string): string {
  const statements = [
    ...JSON.parse(denyInsecureTransportPolicy(bucketArn)).Statement,
    {
      Sid: "DenyTlsBelow12",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } },
    },
    {
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    },
    {
      Sid: "DenyOtherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } },
    },
  ];
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** KMS alias names allow letters, digits, '/', '_' and '-' only (provider validation): a '.' of a bucket name becomes '-'. */
export function stateKeyAliasName(bucket: string): string {
  return `alias/terraform-state/${bucket.replace(/\./g, "-")}`;
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
  private readonly crossStackReferences: boolean;

  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    this.crossStackReferences = props.crossStackReferences ?? true;
    // Plan-time validations of the provider mirrored at synth (issue 9 item 12): bucket name rules
    // (ValidBucketName), KMS alias name characters (stateKeyAliasName), lifecycle noncurrent_days >= 1,
    // key policy principals as ARNs; the key's deletion window (30) and the policy JSON are constants.
    const issues = new Issues();
    const { tags: _tags, localStatePath: _local, stateInBucket: _inBucket, crossStackReferences: _refs, ...checked } = props;
    const p = parseSection(StateBucketPropsSchema, checked, "state", issues);
    if (p?.accessLogging?.bucket === p?.bucket && p?.accessLogging) {
      issues.error("state.accessLogging.bucket", "is the state bucket itself; logs would be logged again", p.accessLogging.bucket, "another, existing bucket");
    }
    if (props.stateInBucket && !props.kmsKeyArn) {
      issues.error("state.kmsKeyArn", "is required once the bootstrap state moves into the bucket (BOOTSTRAP_STATE=s3): the backend must name the state key", undefined, "the state_kms_key_arn output of this stack");
    }
    const partition = partitionOf(props.region);
    (p?.accessPrincipalArns ?? []).forEach((arn, i) => {
      if (arn.split(":")[1] !== partition) issues.error(`state.accessPrincipalArns[${i}]`, `is in partition ${arn.split(":")[1]}, but the bucket's region ${props.region} is in ${partition}`, arn, `an ARN starting arn:${partition}:iam::`);
    });
    if (p && !p.accessPrincipalArns) {
      issues.warn("state.accessPrincipalArns", "is not set: the state key keeps the default key policy, so any principal of the account with IAM kms:Decrypt and s3:GetObject reads every secret in state");
    }
    reportTo(this, issues);
    const config = p!;

    this.addOverride("terraform.required_version", ">= 1.10.0"); // S3 lock files
    if (props.stateInBucket) {
      configureRemoteState(this, { bucket: props.bucket, key: BOOTSTRAP_STATE_KEY, region: props.region, kmsKeyArn: props.kmsKeyArn });
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
      policy: config.accessPrincipalArns
        ? stateKeyPolicy({ partition, accountId: config.accountId, region: config.region, principals: config.accessPrincipalArns })
        : undefined,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "state-key-alias", { name: stateKeyAliasName(config.bucket), targetKeyId: this.key.keyId });

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
      policy: stateBucketPolicy(this.bucket.arn, this.key.arn),
    });
    if (config.accessLogging) {
      new S3BucketLoggingA(this, "access-logging", {
        bucket: this.bucket.id,
        targetBucket: config.accessLogging.bucket,
        targetPrefix: config.accessLogging.prefix ?? `s3-access/${config.bucket}/`,
      });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.noncurrentVersionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    namedOutput(this, "state_bucket", { value: this.bucket.bucket });
    namedOutput(this, "state_kms_key_arn", { value: this.key.arn, description: "Set as state.kmsKeyArn in environment files" });
  }

  /** cdktf's preparation, without the preparing resolve pass when `crossStackReferences` is false. */
  public prepareStack(): void {
    if (this.crossStackReferences) super.prepareStack();
    else this.ensureBackendExists();
  }
}
