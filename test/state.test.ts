import { Testing } from "cdktf";
import { denyInsecureTransportPolicy, StateBucketStack } from "../bootstrap/state-bucket-stack";
import { cloudEnvironment, Json, onlyResource, patch, synthEnvironment } from "./helpers";

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
    const json = synthEnvironment(patch(cloudEnvironment(), { state: { keyPrefix: "teams/data", region: "us-east-1" } }));
    expect(json.terraform.backend.s3).toMatchObject({ key: "teams/data/test-env/terraform.tfstate", region: "us-east-1" });
  });
});

describe("bootstrap stack", () => {
  const stack = new StateBucketStack(Testing.app(), "bootstrap", { bucket: "acme-tfstate", region: "eu-west-1", accountId: "111122223333" });
  stack.prepareStack();
  const json: Json = JSON.parse(Testing.synth(stack, true));

  test("keeps its own state locally, in the project root rather than the regenerated cdktf.out", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  test("after migration it keeps its state in its own bucket, locked and encrypted", () => {
    const migrated = new StateBucketStack(Testing.app(), "bootstrap", { bucket: "acme-tfstate", region: "eu-west-1", accountId: "111122223333", stateInBucket: true });
    migrated.prepareStack();
    expect(JSON.parse(Testing.synth(migrated)).terraform.backend).toEqual({
      s3: { bucket: "acme-tfstate", key: "bootstrap/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
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
});
