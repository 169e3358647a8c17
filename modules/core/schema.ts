/**
 * Zod building blocks shared by every config section. Each carries a message that says what is
 * allowed, because the loader prints it next to the field path and the value received.
 */
import { z } from "zod";
import { parseIpv4Cidr } from "./cidr";

/** A user-chosen key for a repeatable item (subnet, nodegroup, SVM, ...). It becomes part of Terraform addresses. */
export const itemName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/, {
    error: "must be 1-40 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'",
  });

export const ipv4Cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${parsed.reason}; expected an IPv4 network such as 10.0.0.0/16` });
});

export const awsRegion = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
  error: "must be an AWS region code such as eu-west-1",
});

export const availabilityZone = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, {
  error: "must be an availability zone name such as eu-west-1a",
});

export const accountId = z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id, quoted in YAML" });

export const kmsKeyArn = z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-fA-F-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/, {
  error: "must be a KMS key ARN such as arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
});

export const iamPrincipalArn = z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/[\w+=,.@/-]+$/, {
  error: "must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/platform-admin",
});

const awsId = (prefix: string, example: string) =>
  z.string().regex(new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`), { error: `must be an id such as ${example}` });

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

/** Kubernetes label value: up to 63 characters, alphanumeric at both ends, `-_.` inside. */
export const k8sLabelValue = z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, {
  error: "must be a Kubernetes label value: at most 63 characters, alphanumerics with '-', '_' or '.' inside",
});

/** Kubernetes label key: optional DNS-subdomain prefix and a name of at most 63 characters. */
export const k8sLabelKey = z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, {
  error: "must be a Kubernetes label key such as example.com/role or role",
});

export const absolutePath = z.string().regex(/^\/[A-Za-z0-9._\-/]*$/, {
  error: "must be an absolute path such as /mnt/fast-disks (letters, digits, '.', '_', '-', '/')",
});
