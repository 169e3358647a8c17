import * as fs from "fs";
import * as path from "path";
import { onPremFirewallRequirements } from "../modules/hybrid-nodes/render";

const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

test("the README starts with the two commands CI and users run", () => {
  const firstBlock = readme.slice(readme.indexOf("```bash"), readme.indexOf("```", readme.indexOf("```bash") + 3));
  expect(firstBlock).toContain("npm ci && npm run synth");
  expect(firstBlock).toContain("npm ci && npm test");
  expect(fs.readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8")).toMatch(/^npm test( --.*)?$/m);
});

test("the README's firewall table lists every on-prem requirement the stack outputs", () => {
  const rules = onPremFirewallRequirements({ nodeCidrs: ["<node CIDRs>"], podCidrs: ["<pod CIDRs>"], vpcCidrs: ["<VPC CIDRs>"], region: "<region>", credentials: "ssm", webhookPorts: [443, 8443, 9443, 10250] });
  for (const r of rules) expect(readme).toContain(`| ${r.direction} | ${r.protocol} | ${r.ports} | ${r.from} | ${r.to} | ${r.purpose} |`);
});

test("every npm script the README names exists", () => {
  const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).scripts);
  for (const m of readme.matchAll(/npm run ([a-z:]+)/g)) expect(scripts).toContain(m[1]);
});

test("every output of the bundled stacks is documented in the README", () => {
  const { App } = require("cdktf");
  const { buildApp, environmentFiles } = require("../main");
  const { loadEnvironments } = require("../modules/config/load");
  const app = new App({ outdir: fs.mkdtempSync(path.join(require("os").tmpdir(), "readme-")) });
  buildApp(app, loadEnvironments(environmentFiles(undefined)));
  app.synth();
  const names = new Set<string>();
  for (const stack of fs.readdirSync(path.join(app.outdir, "stacks"))) {
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const name of Object.keys(json.output ?? {})) names.add(name);
  }
  expect(names.size).toBeGreaterThan(10);
  const documented = (name: string) =>
    readme.includes(`\`${name}\``) || /^(efs_access_point_|fsx_ontap_svm_)/.test(name) && readme.includes(name.startsWith("efs") ? "`efs_access_point_<name>`" : "`fsx_ontap_svm_<svm>_nfs_dns`");
  expect([...names].filter((n) => !documented(n))).toEqual([]);
});

test("the README's TypeScript compositions are the files pack:check compiles, synthesizes and runs", () => {
  const blocks = [...readme.matchAll(/<!-- file: (test\/consumer\/[\w.-]+\.ts) -->\n```ts\n([\s\S]*?)\n```/g)];
  expect(blocks.map((m) => m[1])).toEqual(["test/consumer/existing-cluster.ts", "test/consumer/hybrid.ts", "test/consumer/stack.test.ts"]);
  for (const [, file, code] of blocks) expect([file, code]).toEqual([file, fs.readFileSync(path.join(__dirname, "..", file), "utf8").replace(/\n+$/, "")]);
  const packCheck = fs.readFileSync(path.join(__dirname, "..", "scripts", "pack-check.sh"), "utf8");
  expect(packCheck).toMatch(/tsc main\.ts existing-cluster\.ts hybrid\.ts stack\.test\.ts .*--strict/);
  expect(packCheck).toContain("node --test stack.test.js");
});
