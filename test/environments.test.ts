import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { buildApp, environmentFiles } from "../main";
import { loadEnvironments } from "../modules/config/load";
import { PlatformStack } from "../modules/platform/platform-stack";
import { FIXED_NOW } from "./helpers";

const environments = loadEnvironments(environmentFiles(undefined));

describe.each(environments.map((e) => [e.config.name, e] as const))("bundled environment %s", (_name, env) => {
  test("synthesizes with validations on", () => {
    const stack = new PlatformStack(Testing.app(), env.config.name, { environment: env.config });
    stack.prepareStack();
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
  });

  test("resource addresses are a contract: any change here moves state (review the snapshot diff)", () => {
    const stack = new PlatformStack(Testing.app(), env.config.name, { environment: env.config, now: FIXED_NOW });
    const json = JSON.parse(Testing.synth(stack));
    const addresses = Object.entries(json.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(addresses.sort()).toMatchSnapshot();
  });

  test("has no warnings", () => {
    expect(env.warnings).toEqual([]);
  });
});

test("the app has one stack per environment plus one bootstrap stack per state bucket", () => {
  const { app, summaries } = buildApp(Testing.app(), environments);
  const buckets = [...new Set(environments.map((e) => e.config.state.bucket))];
  expect(app.node.children.map((c) => c.node.id).sort()).toEqual([...environments.map((e) => e.config.name), ...buckets.map((b) => `bootstrap-${b}`)].sort());
  expect(summaries).toHaveLength(environments.length + buckets.length);
});

test("between them, the bundled environments exercise both layouts and every capability", () => {
  const layouts = new Set(environments.map((e) => e.config.layout));
  expect(layouts).toEqual(new Set(["cloud-only", "hybrid"]));
  const has = (pred: (c: (typeof environments)[number]["config"]) => boolean) => environments.some((e) => pred(e.config));
  expect(has((c) => c.layout === "hybrid" && !!c.hybrid?.credentials.iamRolesAnywhere)).toBe(true);
  expect(has((c) => c.layout === "hybrid" && !c.hybrid?.credentials.iamRolesAnywhere)).toBe(true);
  expect(has((c) => c.layout === "hybrid" && !!c.fsxOntap?.deploymentType.startsWith("MULTI_AZ"))).toBe(true);
  for (const layout of ["cloud-only", "hybrid"]) {
    expect(has((c) => c.layout === layout && !!c.efs && !!c.fsxOntap && !!c.instanceStore)).toBe(true);
  }
  const strategies = new Set(environments.flatMap((e) => Object.values(e.config.instanceStore?.nodegroups ?? {}).map((n) => (n.diskSetup.method === "nodeadm" ? `nodeadm-${n.diskSetup.strategy}` : `script-${n.diskSetup.layout}`))));
  expect(strategies).toEqual(new Set(["nodeadm-Mount", "nodeadm-RAID0", "script-per-disk", "script-raid0"]));
});

describe("the YAML path skips cdktf's preparing pass (crossStackReferences: false)", () => {
  const synthesized = (crossStackReferences: boolean) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "prepare-"));
    const app = new App({ outdir });
    for (const env of environments) new PlatformStack(app, env.config.name, { environment: env.config, now: FIXED_NOW, crossStackReferences });
    app.synth();
    return Object.fromEntries(environments.map((e) => [e.config.name, fs.readFileSync(path.join(outdir, "stacks", e.config.name, "cdk.tf.json"), "utf8")]));
  };

  test("every bundled stack synthesizes to the same JSON with and without the pass", () => {
    const skipped = synthesized(false);
    const prepared = synthesized(true);
    for (const env of environments) expect(skipped[env.config.name]).toBe(prepared[env.config.name]);
  });

  test("buildApp (main.ts) builds its stacks that way, and another stack can still refer into one", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "prepare-"));
    const { app } = buildApp(new App({ outdir }), environments);
    const platform = app.node.findChild(environments[0].config.name) as PlatformStack;
    const consumer = new TerraformStack(app, "consumer");
    new TerraformOutput(consumer, "vpc", { value: platform.network.vpcId });
    app.synth();
    const consumerJson = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "consumer", "cdk.tf.json"), "utf8"));
    expect(JSON.stringify(consumerJson.output)).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-/);
    const platformJson = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", platform.node.id, "cdk.tf.json"), "utf8"));
    expect(Object.keys(platformJson.output).some((k) => k.startsWith("cross-stack-output-"))).toBe(true);
  });
});
