import { Testing } from "cdktf";
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
