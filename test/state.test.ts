import { Testing } from "cdktf";
import { denyInsecureTransportPolicy, StateBucketStack, StateBucketStackProps, stateBucketPolicy, stateKeyPolicy } from "../bootstrap/state-bucket-stack";
import { parseEnvironment } from "../modules/config/load";
import { formatIssue } from "../modules/core/errors";
import { bootstrapAccessOf, StateSchema } from "../modules/state/config";
import { cloudEnvironment, configErrors, Json, onlyResource, patch, resources, synthEnvironment } from "./helpers";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const bootstrap = (extra: Partial<StateBucketStackProps> = {}) => {
  const stack = new StateBucketStack(Testing.app(), "bootstrap", { bucket: "acme-tfstate", region: "eu-west-1", accountId: "111122223333", ...extra });
  stack.prepareStack();
  return { stack, json: JSON.parse(Testing.synth(stack, true)) as Json };
};
const warningsOf = (stack: StateBucketStack) => stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);

describe("remote state", () => {
  test("S3 backend with encryption, lock file (S3-BE-02 override) and a per-environment key", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { state: { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }));
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: "test-tfstate",
        key: "platform/test-env/terraform.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        use_lockfile: true,
      },
    });
    expect(json.terraform.backend.s3.dynamodb_table).toBeUndefined();
    expect(json.terraform.required_version).toBe(">= 1.11.0"); // write-only arguments
  });

  test("the key prefix and region can be set", () => {
    const json = synthEnvironment(patch(cloudEnvironment(), { state: { keyPrefix: "teams/data", region: "us-east-1", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }));
    expect(json.terraform.backend.s3).toMatchObject({ key: "teams/data/test-env/terraform.tfstate", region: "us-east-1" });
  });
});

describe("bootstrap stack", () => {
  // Built per test (not at describe level), so mutation testing with per-test coverage sees it.
  let stack: StateBucketStack;
  let json: Json;
  beforeEach(() => ({ stack, json } = bootstrap()));

  test("keeps its own state locally, in the project root rather than the regenerated cdktf.out", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  test("after migration it keeps its state in its own bucket, locked and encrypted", () => {
    const { json: migrated } = bootstrap({ stateInBucket: true, kmsKeyArn: KEY });
    expect(migrated.terraform.backend).toEqual({
      s3: { bucket: "acme-tfstate", key: "bootstrap/terraform.tfstate", region: "eu-west-1", encrypt: true, kms_key_id: KEY, use_lockfile: true },
    });
  });

  test("the migrated backend must name the state key", () => {
    expect(configErrors(() => bootstrap({ stateInBucket: true }))).toEqual([
      "state.kmsKeyArn: is required once the bootstrap state moves into the bucket (BOOTSTRAP_STATE=s3): the backend must name the state key; got nothing; allowed: the state_kms_key_arn output of this stack",
    ]);
  });

  test("bucket and key are protected from destroy", () => {
    expect(onlyResource(json, "aws_s3_bucket")).toMatchObject({ bucket: "acme-tfstate", force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  test("versioning, SSE-KMS with a bucket key, all public access blocked, ACLs disabled", () => {
    expect(onlyResource(json, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(onlyResource(json, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/aws_kms_key\.state-key\.arn/) }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(json, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("the bucket policy denies every request without TLS", () => {
    expect(JSON.parse(denyInsecureTransportPolicy("arn:aws:s3:::b"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    expect(onlyResource(json, "aws_s3_bucket_policy").policy).toContain('"aws:SecureTransport":"false"');
  });

  test("the bucket policy also refuses TLS below 1.2 and writes encrypted otherwise than with the state key", () => {
    const doc = JSON.parse(stateBucketPolicy("arn:aws:s3:::b", KEY));
    expect(doc.Statement.slice(1)).toEqual([
      { Sid: "DenyTlsBelow12", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } },
      { Sid: "DenyOtherEncryption", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*", Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
      { Sid: "DenyOtherKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*", Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY } } },
    ]);
    expect(doc.Version).toBe("2012-10-17");
    expect(doc.Statement[0].Sid).toBe("DenyInsecureTransport");
    const policy = JSON.parse(onlyResource(json, "aws_s3_bucket_policy").policy);
    expect(policy.Statement.map((st: Json) => st.Sid)).toEqual(["DenyInsecureTransport", "DenyTlsBelow12", "DenyOtherEncryption", "DenyOtherKmsKey"]);
    expect(policy.Statement[3].Condition.StringNotEqualsIfExists["s3:x-amz-server-side-encryption-aws-kms-key-id"]).toBe("${aws_kms_key.state-key.arn}");
  });

  test("superseded state versions expire after 90 days by default, or as set; uploads abandoned after 7 days", () => {
    const rule = (j: Json) => onlyResource(j, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rule(json)).toEqual([
      { id: "expire-old-state-versions", status: "Enabled", filter: [{ prefix: "" }], noncurrent_version_expiration: [{ noncurrent_days: 90 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] },
    ]);
    expect(rule(bootstrap({ noncurrentVersionDays: 30 }).json)[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(configErrors(() => bootstrap({ noncurrentVersionDays: 0 }))).toEqual(["state.noncurrentVersionDays: must be at least 1 (days); got 0"]);
  });

  test("without named principals the key keeps the default policy, and a warning says so", () => {
    expect(onlyResource(json, "aws_kms_key").policy).toBeUndefined();
    expect(warningsOf(stack)).toEqual([
      "state.accessPrincipalArns: is not set: the state key keeps the default key policy, so any principal of the account with IAM kms:Decrypt and s3:GetObject reads every secret in state",
    ]);
  });

  test("named principals: the account administers the key, only they use it, only through S3", () => {
    const principals = ["arn:aws:iam::111122223333:role/terraform-ci", "arn:aws:iam::111122223333:user/break-glass"];
    const { stack: named, json: j } = bootstrap({ accessPrincipalArns: principals });
    expect(JSON.parse(onlyResource(j, "aws_kms_key").policy)).toEqual(JSON.parse(stateKeyPolicy({ partition: "aws", accountId: "111122223333", region: "eu-west-1", principals })));
    expect(warningsOf(named)).toEqual([]);
    const doc = JSON.parse(stateKeyPolicy({ partition: "aws-cn", accountId: "111122223333", region: "cn-north-1", principals: ["arn:aws-cn:iam::111122223333:role/tf"] }));
    expect(doc.Statement).toEqual([
      {
        Sid: "AccountAdministrationOnly",
        Effect: "Allow",
        Principal: { AWS: "arn:aws-cn:iam::111122223333:root" },
        Action: [
          "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey", "kms:DisableKeyRotation",
          "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies",
          "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:RevokeGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion", "kms:TagResource",
          "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
        ],
        Resource: "*",
      },
      {
        Sid: "StateAccessThroughS3",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws-cn:iam::111122223333:role/tf"] },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "s3.cn-north-1.amazonaws.com" } },
      },
    ]);
    // The account root never gets a usage action.
    for (const use of ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:*"]) expect(doc.Statement[0].Action).not.toContain(use);
  });

  test("principals must be IAM role or user ARNs of the bucket's partition", () => {
    expect(configErrors(() => bootstrap({ accessPrincipalArns: ["arn:aws:iam::111122223333:group/admins", "arn:aws-cn:iam::111122223333:role/tf"] }))).toEqual([
      'state.accessPrincipalArns[0]: must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/terraform; got "arn:aws:iam::111122223333:group/admins"',
    ]);
    expect(configErrors(() => bootstrap({ accessPrincipalArns: ["arn:aws-cn:iam::111122223333:role/tf"] }))).toEqual([
      'state.accessPrincipalArns[0]: is in partition aws-cn, but the bucket\'s region eu-west-1 is in aws; got "arn:aws-cn:iam::111122223333:role/tf"; allowed: an ARN starting arn:aws:iam::',
    ]);
  });

  test("optional access logging to another bucket", () => {
    expect(resources(json, "aws_s3_bucket_logging")).toEqual({});
    const { json: j } = bootstrap({ accessLogging: { bucket: "acme-logs" } });
    expect(onlyResource(j, "aws_s3_bucket_logging")).toMatchObject({ bucket: "${aws_s3_bucket.state-bucket.id}", target_bucket: "acme-logs", target_prefix: "s3-access/acme-tfstate/" });
    expect(onlyResource(bootstrap({ accessLogging: { bucket: "acme-logs", prefix: "tf/" } }).json, "aws_s3_bucket_logging").target_prefix).toBe("tf/");
    expect(configErrors(() => bootstrap({ accessLogging: { bucket: "acme-tfstate" } }))).toEqual([
      'state.accessLogging.bucket: is the state bucket itself; logs would be logged again; got "acme-tfstate"; allowed: another, existing bucket',
    ]);
  });

  test("a bucket name with dots gets a valid KMS alias (letters, digits, '/', '_', '-')", () => {
    expect(onlyResource(bootstrap({ bucket: "acme.tfstate.eu" }).json, "aws_kms_alias").name).toBe("alias/terraform-state/acme-tfstate-eu");
    expect(onlyResource(json, "aws_kms_alias").name).toBe("alias/terraform-state/acme-tfstate");
  });
});

describe("state bucket names (S3 naming rules, mirrored at synth)", () => {
  const MESSAGE = "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit, no '..', not an IP address, no prefix xn--, sthree- or amzn-s3-demo-, no suffix -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3";
  test.each(["ab", "a".repeat(64), "Acme-tfstate", "acme_tfstate", "-acme", "acme-", "acme..tfstate", "192.168.1.10", "xn--acme", "sthree-acme", "amzn-s3-demo-acme", "acme-s3alias", "acme--ol-s3", "acme.mrap", "acme--x-s3", "acme--table-s3"])("%s is refused", (bucket) => {
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { state: { bucket } }), "e"))).toEqual([`state.bucket: ${MESSAGE}; got ${JSON.stringify(bucket)}`]);
    expect(configErrors(() => bootstrap({ bucket }))).toEqual([`state.bucket: ${MESSAGE}; got ${JSON.stringify(bucket)}`]);
  });
  test.each(["abc", "a".repeat(63), "acme.tfstate-1", "192.168.1.ab", "xn-acme", "acme-s3aliasx"])("%s is accepted", (bucket) => {
    expect(StateSchema.safeParse({ bucket }).success).toBe(true);
  });
});

describe("state access settings in environment files", () => {
  test("principals are validated on the YAML path", () => {
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { state: { accessPrincipalArns: ["terraform"] } }), "e"))).toEqual([
      'state.accessPrincipalArns[0]: must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/terraform; got "terraform"',
    ]);
  });

  test("the bootstrap stack takes the union of principals of the files sharing a bucket; logging and key must agree", () => {
    const a = StateSchema.parse({ bucket: "b-1", kmsKeyArn: KEY, accessPrincipalArns: ["arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:role/a"] });
    const b = StateSchema.parse({ bucket: "b-1", accessPrincipalArns: ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/c"], accessLogging: { bucket: "logs" } });
    expect(bootstrapAccessOf([a, b])).toEqual({
      accessPrincipalArns: ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:role/c"],
      accessLogging: { bucket: "logs" },
      kmsKeyArn: KEY,
      conflicts: [],
    });
    const c = StateSchema.parse({ bucket: "b-1", accessLogging: { bucket: "other-logs" } });
    expect(bootstrapAccessOf([b, c]).conflicts).toEqual(['state.accessLogging differs between environment files that share bucket b-1: {"bucket":"logs"} vs {"bucket":"other-logs"}']);
    expect(bootstrapAccessOf([StateSchema.parse({ bucket: "b-1" })])).toEqual({ conflicts: [] });
    const otherKey = KEY.replace("1234abcd", "5678abcd");
    expect(bootstrapAccessOf([a, StateSchema.parse({ bucket: "b-1", kmsKeyArn: otherKey })]).conflicts).toEqual([
      `state.kmsKeyArn differs between environment files that share bucket b-1: "${KEY}" vs "${otherKey}"`,
    ]);
  });
});

test("an environment without state.kmsKeyArn is warned: the bucket policy refuses SSE-S3 state writes (issue 10.12)", () => {
  const { warnings } = parseEnvironment({ ...cloudEnvironment(), state: { bucket: "test-tfstate" } }, "env.yaml");
  expect(warnings.map(formatIssue)).toContain(
    "state.kmsKeyArn: is not set: the backend would write state with SSE-S3, which the bootstrap bucket's policy refuses; set it to the bootstrap stack's kms_key_arn output once the bucket exists; got nothing; allowed: the state key's ARN",
  );
  const withKey = parseEnvironment({ ...cloudEnvironment(), state: { bucket: "test-tfstate", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, "env.yaml");
  expect(withKey.warnings.filter((w) => w.path === "state.kmsKeyArn")).toEqual([]);
});
