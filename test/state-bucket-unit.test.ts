import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { StateBucketStack, StateBucketStackProps } from "../bootstrap/state-bucket-stack";
import { configErrors, Json, onlyResource } from "./helpers";

const PROPS: StateBucketStackProps = { bucket: "acme-tfstate", region: "eu-west-1", accountId: "111122223333" };

/** Synthesized JSON of the smallest bootstrap stack (validations on). */
function synthBootstrap(extra: Partial<StateBucketStackProps> = {}): Json {
  const stack = new StateBucketStack(Testing.app(), "bootstrap", { ...PROPS, ...extra });
  stack.prepareStack();
  return JSON.parse(Testing.synth(stack, true));
}

/**
 * A bootstrap stack whose output refers to a bucket of another stack of the same app, after
 * `prepareStack()`: the JSON of the bootstrap stack and of the other stack.
 */
function referenceFromBootstrap(extra: Partial<StateBucketStackProps>): { bootstrap: Json; producer: Json } {
  const app = Testing.app();
  const producerStack = new TerraformStack(app, "producer");
  const logs = new S3Bucket(producerStack, "logs", { bucket: "acme-logs" });
  const stack = new StateBucketStack(app, "bootstrap", { ...PROPS, ...extra });
  new TerraformOutput(stack, "logs_arn", { value: logs.arn });
  stack.prepareStack();
  return { bootstrap: JSON.parse(Testing.synth(stack)), producer: JSON.parse(Testing.synth(producerStack)) };
}

describe("StateBucketStack cross-stack references (prepareStack)", () => {
  test("by default a reference from the bootstrap stack into another stack is wired through remote state and an output of the other stack", () => {
    const { bootstrap, producer } = referenceFromBootstrap({});
    expect(Object.keys(bootstrap.data?.terraform_remote_state ?? {})).toEqual(["cross-stack-reference-input-producer"]);
    expect(bootstrap.output.logs_arn.value).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-producer\.outputs\.cross-stack-output-/);
    expect(Object.keys(producer.output ?? {}).filter((k) => k.startsWith("cross-stack-output-"))).toHaveLength(1);
  });

  test("crossStackReferences: true wires a reference into another stack too", () => {
    const { bootstrap } = referenceFromBootstrap({ crossStackReferences: true });
    expect(Object.keys(bootstrap.data?.terraform_remote_state ?? {})).toEqual(["cross-stack-reference-input-producer"]);
  });

  test("crossStackReferences: false skips the preparing pass: a reference into another stack is left unwired, the backend stays", () => {
    const { bootstrap, producer } = referenceFromBootstrap({ crossStackReferences: false });
    expect(bootstrap.data).toBeUndefined();
    expect(bootstrap.output.logs_arn.value).toBe("${aws_s3_bucket.logs.arn}");
    expect(producer.output).toBeUndefined();
    expect(bootstrap.terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });
});

describe("StateBucketStack settings", () => {
  test("an empty list of access principals is refused with a message saying to list one or leave it out", () => {
    expect(configErrors(() => synthBootstrap({ accessPrincipalArns: [] }))).toEqual(["state.accessPrincipalArns: list at least one principal, or leave it out; got []"]);
  });

  test("requires Terraform 1.10 or later (S3 lock files)", () => {
    expect(synthBootstrap().terraform.required_version).toBe(">= 1.10.0");
  });

  test("the AWS provider is pinned to the region and account, and tags everything as cdktf-managed terraform state", () => {
    expect(synthBootstrap().provider.aws).toEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: ["111122223333"],
        default_tags: [{ tags: { "platform:managed-by": "cdktf", "platform:purpose": "terraform-state" } }],
      },
    ]);
  });

  test("user tags are added to the provider's default tags; the platform tags win over a user tag of the same key", () => {
    const json = synthBootstrap({ tags: { team: "platform", "platform:purpose": "other" } });
    expect(json.provider.aws[0].default_tags).toEqual([{ tags: { team: "platform", "platform:managed-by": "cdktf", "platform:purpose": "terraform-state" } }]);
  });

  test("the state key's description names the bucket it encrypts", () => {
    expect(onlyResource(synthBootstrap(), "aws_kms_key").description).toBe("Encrypts Terraform state in s3://acme-tfstate");
  });

  test("outputs state_bucket (the bucket's name) and state_kms_key_arn (the key's ARN, with where to set it)", () => {
    expect(synthBootstrap().output).toEqual({
      state_bucket: { value: "${aws_s3_bucket.state-bucket.bucket}" },
      state_kms_key_arn: { value: "${aws_kms_key.state-key.arn}", description: "Set as state.kmsKeyArn in environment files" },
    });
  });
});
