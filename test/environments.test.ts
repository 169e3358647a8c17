import { Testing } from "cdktf";
import { buildApp, environmentFiles } from "../main";
import { loadEnvironments } from "../modules/config/load";
import { PlatformStack } from "../modules/platform/platform-stack";

const environments = loadEnvironments(environmentFiles(undefined));

describe.each(environments.map((e) => [e.config.name, e] as const))("bundled environment %s", (_name, env) => {
  test("synthesizes with validations on", () => {
    const stack = new PlatformStack(Testing.app(), env.config.name, { environment: env.config });
    stack.prepareStack();
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
  });

  test("has no warnings", () => {
    expect(env.warnings).toEqual([]);
  });
});

test("the app has one stack per environment plus the bootstrap stack", () => {
  const { app, summaries } = buildApp(Testing.app(), environments);
  expect(app.node.children.map((c) => c.node.id).sort()).toEqual([...environments.map((e) => e.config.name), "bootstrap-acme-platform-tfstate"].sort());
  expect(summaries).toHaveLength(environments.length + 1);
});
