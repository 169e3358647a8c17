/**
 * Zod building blocks shared by every config section. Each carries a message that says what is
 * allowed, because the loader prints it next to the field path and the value received.
 */
import { Token } from "cdktf";
import { z } from "zod";
import { parseIpv4Cidr } from "./cidr";

/**
 * A string that must match `re` (anchored). A cdktf token (a value known only at apply, such as
 * the ARN of a key created in the same stack) skips the check, as construct props may hold one;
 * config files may not (core/validation refuses token syntax there). The JSON Schema keeps the pattern.
 */
export function pattern(re: RegExp, error: string) {
  if (!re.source.startsWith("^") || !re.source.endsWith("$")) throw new Error(`pattern ${re} must be anchored`);
  return z
    .string()
    .refine((s) => Token.isUnresolved(s) || re.test(s), { error })
    .meta({ pattern: re.source });
}

/** A user-chosen key for a repeatable item (subnet, nodegroup, SVM, ...). It becomes part of Terraform addresses. */
export const itemName = pattern(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/, "must be 1-40 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'");

export const ipv4Cidr = z.string().superRefine((value, ctx) => {
  if (Token.isUnresolved(value)) return;
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${parsed.reason}; expected an IPv4 network such as 10.0.0.0/16` });
});

export const awsRegion = pattern(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region code such as eu-west-1");

export const availabilityZone = pattern(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, "must be an availability zone name such as eu-west-1a");

export const accountId = pattern(/^\d{12}$/, "must be a 12-digit AWS account id, quoted in YAML");

export const kmsKeyArn = pattern(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-fA-F-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/, "must be a KMS key ARN such as arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");

export const iamPrincipalArn = pattern(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/[\w+=,.@/-]+$/, "must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/platform-admin");

const awsId = (prefix: string, example: string) =>
  pattern(new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`), `must be an id such as ${example}`);

export const vpcId = awsId("vpc", "vpc-0123456789abcdef0");
export const subnetId = awsId("subnet", "subnet-0123456789abcdef0");
export const routeTableId = awsId("rtb", "rtb-0123456789abcdef0");
export const securityGroupId = awsId("sg", "sg-0123456789abcdef0");
export const transitGatewayId = awsId("tgw", "tgw-0123456789abcdef0");

/** AWS tag map: keys 1-128 characters not starting with `aws:`, values up to 256. */
export const tags = z.record(
  z.string().min(1).max(128).refine((k) => !k.toLowerCase().startsWith("aws:"), { message: "tag keys must not start with 'aws:'" }),
  z.string().max(256),
);

/** Helm values given as a construct prop (merged over ours): any JSON object; parsed only to be escaped (GEN-02). */
export const helmValues = z.record(z.string(), z.unknown());

/** Kubernetes label value: up to 63 characters, alphanumeric at both ends, `-_.` inside. */
export const k8sLabelValue = pattern(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, "must be a Kubernetes label value: at most 63 characters, alphanumerics with '-', '_' or '.' inside");

/** Kubernetes label key: optional DNS-subdomain prefix and a name of at most 63 characters. */
export const k8sLabelKey = pattern(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "must be a Kubernetes label key such as example.com/role or role");

export const absolutePath = pattern(/^\/[A-Za-z0-9._\-/]*$/, "must be an absolute path such as /mnt/fast-disks (letters, digits, '.', '_', '-', '/')");
