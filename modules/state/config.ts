import { z } from "zod";
import { awsRegion, kmsKeyArn, pattern } from "../core/schema";

/**
 * S3 general-purpose bucket naming rules (S3 UG "General purpose bucket naming rules"; the AWS
 * provider's ValidBucketName checks length, characters, IP form and periods at plan): 3-63
 * characters of lowercase letters, digits, '.' and '-'; starts and ends with a letter or digit; no
 * '..'; not an IP address; reserved prefixes xn--, sthree-, amzn-s3-demo- and suffixes -s3alias,
 * --ol-s3, .mrap, --x-s3, --table-s3 refused.
 */
export const S3_BUCKET_NAME =
  /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!\d{1,3}(\.\d{1,3}){3}$)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const s3BucketName = pattern(
  S3_BUCKET_NAME,
  "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit, no '..', not an IP address, no prefix xn--, sthree- or amzn-s3-demo-, no suffix -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3",
);

/** An IAM role or user ARN (key policy principals must exist when the policy is put). */
export const iamPrincipalArn = pattern(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, "must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/terraform");

export const AccessLoggingSchema = z.strictObject({
  /** Existing bucket that receives S3 server access logs (not the state bucket itself). */
  bucket: s3BucketName,
  /** @default "s3-access/<state bucket>/" */
  prefix: pattern(/^[A-Za-z0-9!_.*'()/-]{0,900}$/, "may use letters, digits and !_.*'()/- only").optional(),
});

export const StateSchema = z.strictObject({
  /** S3 bucket that holds the state (created once by the bootstrap stack). */
  bucket: s3BucketName,
  /**
   * Object key of this environment's state. Must be unique across environments.
   * @default "<keyPrefix>/<environment name>/terraform.tfstate"
   */
  key: pattern(/^[A-Za-z0-9!_.*'()/-]+$/, "may use letters, digits and !_.*'()/- only")
    .refine((k) => !k.startsWith("/") && !k.endsWith("/") && !k.includes("//"), {
      message: "must not start or end with '/' or contain '//'",
    })
    .optional(),
  /** Prefix of the default key. @default "platform" */
  keyPrefix: pattern(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "must be path segments without leading or trailing '/'").default("platform"),
  /** Region of the state bucket. @default - the environment's region */
  region: awsRegion.optional(),
  /**
   * KMS key that encrypts state objects (the bootstrap stack's `state_kms_key_arn` output). The
   * backend names it on every write; the bootstrap bucket refuses writes that name another key or
   * SSE-S3. @default - none: the backend requests SSE-S3, which a bootstrap bucket refuses
   */
  kmsKeyArn: kmsKeyArn.optional(),
  /**
   * Principals (IAM roles or users) that may use the state key: kms:Encrypt, kms:Decrypt and
   * kms:GenerateDataKey, through S3 only. Read by the bootstrap stack (the union over the
   * environment files that share the bucket). @default - none: the key keeps the default key policy
   * (any principal of the account with IAM kms:Decrypt and s3:GetObject reads the state)
   */
  accessPrincipalArns: z.array(iamPrincipalArn).min(1, { error: "list at least one principal, or leave it out" }).optional(),
  /** S3 server access logging of the state bucket, read by the bootstrap stack. @default - off */
  accessLogging: AccessLoggingSchema.optional(),
});

export type StateConfig = z.output<typeof StateSchema>;

/** The state key of an environment: the configured key, or `<keyPrefix>/<name>/terraform.tfstate`. */
export function stateKeyOf(config: StateConfig, environmentName: string): string {
  return config.key ?? `${config.keyPrefix}/${environmentName}/terraform.tfstate`;
}

/**
 * What the bootstrap stack of one bucket takes from the environments that use it: the union of
 * their access principals, and their access logging and key, which must agree (returned as errors).
 */
export function bootstrapAccessOf(configs: readonly StateConfig[]): {
  accessPrincipalArns?: string[];
  accessLogging?: z.output<typeof AccessLoggingSchema>;
  kmsKeyArn?: string;
  conflicts: string[];
} {
  const principals = [...new Set(configs.flatMap((c) => c.accessPrincipalArns ?? []))].sort();
  const conflicts: string[] = [];
  const agree = <T>(field: string, pick: (c: StateConfig) => T | undefined): T | undefined => {
    const set = configs.map(pick).filter((v): v is T => v !== undefined);
    const distinct = [...new Set(set.map((v) => JSON.stringify(v)))];
    if (distinct.length > 1) conflicts.push(`state.${field} differs between environment files that share bucket ${configs[0]?.bucket}: ${distinct.join(" vs ")}`);
    return set[0];
  };
  const accessLogging = agree("accessLogging", (c) => c.accessLogging);
  const kmsKeyArn = agree("kmsKeyArn", (c) => c.kmsKeyArn);
  return { ...(principals.length ? { accessPrincipalArns: principals } : {}), ...(accessLogging ? { accessLogging } : {}), ...(kmsKeyArn ? { kmsKeyArn } : {}), conflicts };
}
