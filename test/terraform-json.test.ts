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
import { isCgnat, isRfc1918, parseIpv4Cidr } from "../modules/core/cidr";

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

  test("allow-lists: public sources are /8 or longer, private fields hold private ranges (issue 10.4)", () => {
    const isPrivate = (c: string) => { const p = parseIpv4Cidr(c); return p.ok && (isRfc1918(p.cidr) || isCgnat(p.cidr)); };
    const prefix = (c: string) => Number(c.split("/")[1]);
    const ingress = Object.values(json.resource?.aws_vpc_security_group_ingress_rule ?? {}) as Json[];
    for (const r of ingress.filter((x) => typeof x.cidr_ipv4 === "string" && !x.cidr_ipv4.includes("${"))) {
      expect([r.cidr_ipv4, isPrivate(r.cidr_ipv4)]).toEqual([r.cidr_ipv4, true]);
    }
    for (const c of Object.values(json.resource?.aws_eks_cluster ?? {}) as Json[]) {
      for (const cidr of c.vpc_config?.public_access_cidrs ?? []) expect([cidr, prefix(cidr) >= 8]).toEqual([cidr, true]);
    }
  });

  test("least privilege: FSx volume actions never on *, Pod Identity trusts name account and cluster (issue 10.5)", () => {
    const policies = [...(Object.values(json.resource?.aws_iam_role_policy ?? {}) as Json[]).map((p) => p.policy), ...(Object.values(json.resource?.aws_iam_policy ?? {}) as Json[]).map((p) => p.policy)];
    const scoped = ["fsx:CreateVolume", "fsx:DeleteVolume", "fsx:UpdateVolume", "fsx:RestoreVolumeFromSnapshot", "fsx:TagResource"];
    for (const text of policies.filter((p): p is string => typeof p === "string")) {
      for (const st of JSON.parse(text).Statement as Json[]) {
        const actions = ([] as string[]).concat(st.Action);
        if (st.Effect === "Allow" && actions.some((a) => scoped.includes(a))) expect(([] as string[]).concat(st.Resource)).not.toContain("*");
      }
    }
    for (const role of Object.values(json.resource?.aws_iam_role ?? {}) as Json[]) {
      for (const st of JSON.parse(role.assume_role_policy).Statement as Json[]) {
        if (st.Principal?.Service !== "pods.eks.amazonaws.com") continue;
        expect(Object.keys(st.Condition.StringEquals).sort()).toEqual(["aws:RequestTag/eks-cluster-arn", "aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account", "aws:SourceAccount"]);
      }
    }
  });

  test("no anonymous NFS: the EFS policy grants mount and write to named principals only (issue 10.6)", () => {
    for (const fsp of Object.values(json.resource?.aws_efs_file_system_policy ?? {}) as Json[]) {
      for (const st of JSON.parse(fsp.policy).Statement as Json[]) {
        if (st.Effect === "Allow") expect(st.Principal).not.toEqual({ AWS: "*" });
      }
    }
  });

  test("FSx security group: no management 443 from on-prem unless asked, egress only to client networks (issue 10.7)", () => {
    const fsxSgRefs = Object.keys(json.resource?.aws_security_group ?? {}).filter((k) => k.startsWith("fsx-ontap_"));
    const onFsx = (r: Json) => fsxSgRefs.some((k) => String(r.security_group_id).includes(`aws_security_group.${k}.`));
    const ingress = (Object.values(json.resource?.aws_vpc_security_group_ingress_rule ?? {}) as Json[]).filter(onFsx);
    expect(ingress.filter((r) => r.from_port === 443 && typeof r.cidr_ipv4 === "string")).toEqual([]);
    const egress = (Object.values(json.resource?.aws_vpc_security_group_egress_rule ?? {}) as Json[]).filter(onFsx);
    for (const r of egress) expect(r.cidr_ipv4).not.toBe("0.0.0.0/0");
  });

  test("IMDS is out of pods' reach: hop limit 1 on every launch template (issue 10.8)", () => {
    for (const lt of Object.values(json.resource?.aws_launch_template ?? {}) as Json[]) expect(lt.metadata_options.http_put_response_hop_limit).toBe(1);
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
