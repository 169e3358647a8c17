import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineVariant } from "../scripts/offline-variant";
import { compareVersions, findAwsProviderMirror } from "../scripts/terraform-mirror";

describe("offline variant", () => {
  const stack = {
    terraform: { backend: { s3: { bucket: "b" } }, required_providers: { aws: { source: "aws", version: "6.25.0" }, helm: {}, kubernetes: {} } },
    provider: { aws: [{ region: "eu-west-1", allowed_account_ids: ["111122223333"] }], helm: [{}], kubernetes: [{}] },
    resource: {
      aws_efs_file_system: { fs: { encrypted: true } },
      kubernetes_storage_class_v1: { sc: { parameters: { fileSystemId: "${aws_efs_file_system.fs.id}" } } },
      helm_release: { cilium: {} },
      aws_eks_addon: { a: { depends_on: ["helm_release.cilium", "aws_efs_file_system.fs"] } },
    },
    output: { sc: { value: "${kubernetes_storage_class_v1.sc.id}" }, fs: { value: "${aws_efs_file_system.fs.id}" } },
    variable: { password: { type: "string", sensitive: true } },
  };
  const { json, omitted } = offlineVariant(stack, "5.100.0");

  test("keeps only the AWS part, pinned to the mirror's version, without backend", () => {
    expect(json.terraform).toEqual({ required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } });
    expect(Object.keys(json.provider)).toEqual(["aws"]);
    expect(json.provider.aws[0]).toMatchObject({ region: "eu-west-1", skip_credentials_validation: true, skip_requesting_account_id: true });
    expect(json.provider.aws[0].allowed_account_ids).toBeUndefined();
    expect(Object.keys(json.resource).sort()).toEqual(["aws_efs_file_system", "aws_eks_addon"]);
    expect(omitted).toEqual(["kubernetes_storage_class_v1.sc", "helm_release.cilium"]);
  });

  test("drops references to what it left out", () => {
    expect(json.resource.aws_eks_addon.a.depends_on).toEqual(["aws_efs_file_system.fs"]);
    expect(Object.keys(json.output)).toEqual(["fs"]);
  });

  test("gives sensitive inputs mock defaults, and leaves the original untouched", () => {
    expect(json.variable.password.default).toEqual(expect.any(String));
    expect(stack.variable.password).toEqual({ type: "string", sensitive: true });
  });

  test("drops and lists attributes the mirror's older provider lacks, keeping meta-arguments", () => {
    const schema = { aws_rolesanywhere_profile: { block: { attributes: { name: {}, role_arns: {} }, block_types: { source: { block: { attributes: { x: {} } } } } } } };
    const input = { resource: { aws_rolesanywhere_profile: { p: { name: "n", role_arns: [], accept_role_session_name: true, lifecycle: {}, source: { x: 1, y: 2 } } } } };
    const v = offlineVariant(input, "5.100.0", schema);
    expect(v.unsupported).toEqual(["aws_rolesanywhere_profile.accept_role_session_name", "aws_rolesanywhere_profile.source.y"]);
    expect(v.json.resource.aws_rolesanywhere_profile.p).toEqual({ name: "n", role_arns: [], lifecycle: {}, source: { x: 1 } });
  });

  test("refuses an AWS resource that reads a kubernetes attribute", () => {
    const bad = { resource: { kubernetes_namespace_v1: { ns: {} }, aws_ssm_parameter: { p: { value: "${kubernetes_namespace_v1.ns.id}" } } } };
    expect(() => offlineVariant(bad, "5.100.0")).toThrow(/p refers to a kubernetes\/helm resource/);
  });
});

describe("provider mirror discovery", () => {
  const saved = process.env.TF_PROVIDER_MIRROR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TF_PROVIDER_MIRROR;
    else process.env.TF_PROVIDER_MIRROR = saved;
  });

  test("TF_PROVIDER_MIRROR wins and the newest version is used", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mirror-"));
    const arch = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    for (const v of ["5.9.0", "5.100.0"]) fs.mkdirSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws", v, arch), { recursive: true });
    process.env.TF_PROVIDER_MIRROR = dir;
    expect(findAwsProviderMirror()).toEqual({ dir, awsVersion: "5.100.0", foundBy: "TF_PROVIDER_MIRROR" });
  });

  test("an empty TF_PROVIDER_MIRROR gets a clear message", () => {
    process.env.TF_PROVIDER_MIRROR = fs.mkdtempSync(path.join(os.tmpdir(), "empty-mirror-"));
    expect(findAwsProviderMirror()).toEqual({ error: expect.stringMatching(/holds no hashicorp\/aws provider .* \(expected .*registry\.terraform\.io\/hashicorp\/aws\/<version>\//) });
  });

  test("versions compare numerically", () => {
    expect(compareVersions("5.100.0", "5.99.1")).toBeGreaterThan(0);
  });
});
