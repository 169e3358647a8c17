import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { stringify } from "yaml";
import { environmentFiles, run } from "../main";
import { environmentJsonSchema } from "../modules/config/json-schema";
import { loadEnvironmentFile, loadEnvironments, parseEnvironment } from "../modules/config/load";
import { formatIssue } from "../modules/core/errors";
import { PlatformStack } from "../modules/platform/platform-stack";
import { cloudEnvironment, configErrors, hybridEnvironment, patch } from "./helpers";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "env-config-"));
function writeEnv(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === "string" ? content : stringify(content));
  return file;
}

describe("environment files", () => {
  test("every bundled environment loads without errors", () => {
    const files = environmentFiles(undefined);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const loaded = loadEnvironments(files);
    expect(new Set(loaded.map((e) => e.config.layout))).toEqual(new Set(["cloud-only", "hybrid"]));
  });

  test("a missing file is named", () => {
    expect(configErrors(() => loadEnvironmentFile(path.join(tmp, "nope.yaml")))).toEqual(["(root): file not found"]);
  });

  test("unparsable YAML names the file and the line", () => {
    const file = writeEnv("broken.yaml", "name: a\nregion: [eu-west-1\n");
    expect(() => loadEnvironmentFile(file)).toThrow(new RegExp(`${file.replace(/[/.]/g, "\\$&")}: 1 error[\\s\\S]*line \\d+, column \\d+: cannot be parsed as YAML/JSON`));
  });

  test("a duplicate YAML key is an error", () => {
    const file = writeEnv("dupkey.yaml", "name: a\nname: b\n");
    expect(configErrors(() => loadEnvironmentFile(file))).toEqual(["name: is defined twice (line 1 and line 2); keep one"]);
  });

  test("unknown keys are errors and list the keys allowed there", () => {
    const errors = configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { verison: "1.30" }, tagz: {} }), "env.yaml"));
    expect(errors).toContainEqual(expect.stringMatching(/^cluster\.verison: is not a known key; did you mean version\?; allowed: mode, name, version, serviceIpv4Cidr/));
    expect(errors).toContainEqual(expect.stringMatching(/^tagz: is not a known key; did you mean tags\?; allowed: name, region, accountId, layout, tags, state, network, cluster/));
  });

  test("an unknown key far from every known one gets no guess", () => {
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { flavour: "large" } }), "env.yaml"))[0]).toMatch(
      /^cluster\.flavour: is not a known key \(a typo\?\); allowed: /,
    );
  });

  test("wrong types and missing fields report the field, the value and what is allowed, all at once", () => {
    const env = patch(cloudEnvironment(), { accountId: 111122223333, layout: "on-prem", region: "Europe" }) as Record<string, unknown>;
    delete env.state;
    const errors = configErrors(() => parseEnvironment(env, "env.yaml"));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^region: must be an AWS region code such as eu-west-1; got "Europe"$/),
        expect.stringMatching(/^accountId: .*expected string, received number; got 111122223333$/),
        expect.stringMatching(/^layout: must be one of cloud-only, hybrid; got "on-prem"$/),
        expect.stringMatching(/^state: is required/),
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  test("a bad network mode names the choices", () => {
    const errors = configErrors(() => parseEnvironment(patch(cloudEnvironment(), { network: { mode: "import" } }), "env.yaml"));
    expect(errors[0]).toMatch(/^network(\.mode)?: network\.mode must be 'existing' \(use a VPC by id\) or 'create'/);
  });

  test("duplicate environment names and shared state keys across files are errors naming both files", () => {
    const a = writeEnv("a.yaml", cloudEnvironment({ name: "same-name" }));
    const b = writeEnv("b.yaml", cloudEnvironment({ name: "same-name" }));
    const c = writeEnv("c.yaml", cloudEnvironment({ name: "other-name", state: { bucket: "test-tfstate", key: "platform/same-name/terraform.tfstate" } }));
    const errors = configErrors(() => loadEnvironments([a, b, c]));
    expect(errors).toEqual([
      `${b}: name: is already used by ${a}; environment names must be unique; got "same-name"`,
      `${b}: state: shares its state object with ${a}; each environment needs its own key; got "s3://test-tfstate/platform/same-name/terraform.tfstate"`,
      `${c}: state: shares its state object with ${a}; each environment needs its own key; got "s3://test-tfstate/platform/same-name/terraform.tfstate"`,
    ]);
  });

  test("hybrid environments whose routed pod networks overlap are warned about, in the later file, on its stack too (HYB-NET-04)", () => {
    const hybridEnv = (name: string, hybrid: Record<string, unknown> = {}) => patch(hybridEnvironment({ name }), { state: { key: `platform/${name}/terraform.tfstate` }, hybrid });
    const a = writeEnv("pods-a.yaml", hybridEnv("site-a"));
    const b = writeEnv("pods-b.yaml", hybridEnv("site-b", { remotePodCidrs: ["192.168.160.0/19", "10.200.0.0/16"] }));
    const c = writeEnv("pods-c.yaml", hybridEnv("site-c", { podCidrsRoutable: false }));
    const d = writeEnv("pods-d.yaml", hybridEnv("site-d", { remotePodCidrs: ["10.201.0.0/16"] }));
    const loaded = loadEnvironments([a, b, c, d]);
    expect(loaded.map((e) => e.warnings.filter((w) => w.path === "hybrid.remotePodCidrs").map(formatIssue))).toEqual([
      [],
      [`hybrid.remotePodCidrs: overlaps the routed pod networks of ${a} (site-a); an on-prem router cannot route one pod range to the hybrid nodes of two clusters (HYB-NET-04); got ["192.168.160.0/19"]; allowed: pod CIDRs unique to each cluster, or podCidrsRoutable: false`],
      [],
      [],
    ]);
    const stack = new PlatformStack(Testing.app(), "site-b", { environment: loaded[1].config, now: new Date("2026-11-28T10:00:00Z") });
    expect(stack.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringMatching(/^hybrid\.remotePodCidrs: overlaps the routed pod networks of /));
  });

  test("errors in several files are reported together", () => {
    const a = writeEnv("bad-a.yaml", patch(cloudEnvironment({ name: "env-a" }), { region: "x" }));
    const b = writeEnv("bad-b.yaml", patch(cloudEnvironment({ name: "env-b" }), { accountId: "12" }));
    const errors = configErrors(() => loadEnvironments([a, b]));
    expect(errors).toEqual([expect.stringContaining(`${a}: region:`), expect.stringContaining(`${b}: accountId:`)]);
  });

  test("state keys must be well formed", () => {
    const errors = configErrors(() => parseEnvironment(patch(cloudEnvironment(), { state: { key: "/a//b/" } }), "env.yaml"));
    expect(errors).toEqual(['state.key: must not start or end with \'/\' or contain \'//\'; got "/a//b/"']);
  });
});

describe("main", () => {
  test("a bad file exits 1, prints every error and writes no stack", () => {
    const file = writeEnv("bad-main.yaml", patch(cloudEnvironment(), { region: "nowhere", cluster: { serviceIpv4Cidr: "8.8.0.0/16" } }));
    const outdir = path.join(tmp, "out-bad");
    let stderr = "";
    const code = run({ config: file, outdir, stderr: (t) => (stderr += t), stdout: () => undefined });
    expect(code).toBe(1);
    expect(stderr).toMatch(/nothing was synthesized/);
    expect(stderr).toMatch(/region: must be an AWS region code/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test("a directory without environment files is an error, not an empty synth", () => {
    const empty = fs.mkdtempSync(path.join(tmp, "empty-"));
    let stderr = "";
    expect(run({ config: empty, outdir: path.join(tmp, "out-empty"), stderr: (t) => (stderr += t), stdout: () => undefined })).toBe(1);
    expect(stderr).toMatch(/^No environment files \(\*\.yaml, \*\.yml, \*\.json\) in .*empty-.*; nothing was synthesized/);
  });

  test("a good file synthesizes its stack and the bootstrap stack, with a summary", () => {
    const file = writeEnv("good-main.yaml", cloudEnvironment({ name: "good-env" }));
    const outdir = path.join(tmp, "out-good");
    let stdout = "";
    expect(run({ config: file, outdir, stdout: (t) => (stdout += t), stderr: () => undefined })).toBe(0);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["bootstrap-test-tfstate", "good-env"]);
    expect(stdout).toMatch(/good-env \(cloud-only\): \d+ resources — cluster \d+, network \d+/);
  });
});

describe("JSON Schema", () => {
  test("the published schema is the one generated from the zod schema (run `npm run schema`)", () => {
    const published = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "environment.schema.json"), "utf8"));
    expect(published).toEqual(environmentJsonSchema());
  });
  test("it forbids unknown keys", () => {
    const schema = environmentJsonSchema() as { additionalProperties?: boolean };
    expect(schema.additionalProperties).toBe(false);
  });
});
