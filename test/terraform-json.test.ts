/**
 * Checks over every synthesized bundled stack, the way a reviewer would read cdk.tf.json:
 * template escaping (GEN-02), no world-open ingress, encryption and IMDSv2 everywhere.
 */
import { Testing } from "cdktf";
import { environmentFiles } from "../main";
import { StateBucketStack } from "../bootstrap/state-bucket-stack";
import { loadEnvironments } from "../modules/config/load";
import { PlatformStack } from "../modules/platform/platform-stack";
import { FIXED_NOW, Json } from "./helpers";

const stacks: [string, Json][] = loadEnvironments(environmentFiles(undefined)).map((env) => {
  const stack = new PlatformStack(Testing.app(), env.config.name, { environment: env.config, now: FIXED_NOW });
  stack.prepareStack();
  return [env.config.name, JSON.parse(Testing.synth(stack, true))];
});
const bootstrap = new StateBucketStack(Testing.app(), "bootstrap", { bucket: "b-tfstate", region: "eu-west-1", accountId: "111122223333" });
stacks.push(["bootstrap", JSON.parse(Testing.synth(bootstrap, true))]);

/** Terraform references and functions allowed after `${` (anything else is a literal that needed `$${`). */
const TERRAFORM_EXPRESSION = /^(aws_|data\.|var\.|local\.|module\.|each\.|count\.|self\.|path\.|terraform\.|kubernetes_|helm_|\[for |[a-z0-9_]+\()/;

function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

function unescapedTemplates(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(\$+)\{/g)) {
    if (m[1].length % 2 === 0) continue; // $${ is an escaped literal
    const body = text.slice((m.index ?? 0) + m[0].length);
    if (!TERRAFORM_EXPRESSION.test(body)) found.push(text.slice(m.index, (m.index ?? 0) + 40));
  }
  return found;
}

describe.each(stacks)("synthesized stack %s", (_name, json) => {
  test("every ${ is a Terraform expression; literals are escaped as $${ (GEN-02)", () => {
    const offenders = strings(json, "", []).flatMap(([path, text]) => unescapedTemplates(text).map((t) => `${path}: ${t}`));
    expect(offenders).toEqual([]);
  });

  test("no ingress from 0.0.0.0/0", () => {
    const ingress = Object.values(json.resource?.aws_vpc_security_group_ingress_rule ?? {}) as Json[];
    expect(ingress.filter((r) => r.cidr_ipv4 === "0.0.0.0/0")).toEqual([]);
    for (const sg of Object.values(json.resource?.aws_security_group ?? {}) as Json[]) expect(sg.ingress).toBeUndefined();
  });

  test("KMS keys rotate; EBS volumes are encrypted; instances require IMDSv2", () => {
    for (const key of Object.values(json.resource?.aws_kms_key ?? {}) as Json[]) expect(key.enable_key_rotation).toBe(true);
    for (const lt of Object.values(json.resource?.aws_launch_template ?? {}) as Json[]) {
      expect(lt.metadata_options.http_tokens).toBe("required");
      for (const bdm of lt.block_device_mappings) expect(bdm.ebs.encrypted).toBe("true");
    }
  });

  test("stateful resources are protected from destroy", () => {
    for (const type of ["aws_eks_cluster", "aws_efs_file_system", "aws_fsx_ontap_file_system", "aws_fsx_ontap_storage_virtual_machine", "aws_fsx_ontap_volume", "aws_s3_bucket"]) {
      for (const r of Object.values(json.resource?.[type] ?? {}) as Json[]) expect(r.lifecycle?.prevent_destroy).toBe(true);
    }
  });
});

test("the escaping check catches a literal IAM variable and accepts its escaped form", () => {
  expect(unescapedTemplates('{"a":"${aws:PrincipalTag/x}"}')).toHaveLength(1);
  expect(unescapedTemplates('{"a":"$${aws:PrincipalTag/x}"}')).toEqual([]);
  expect(unescapedTemplates("${aws_iam_role.r.arn} ${jsonencode(x)}")).toEqual([]);
  expect(unescapedTemplates("/${.PVC.name}")).toHaveLength(1);
});
