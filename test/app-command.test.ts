/**
 * The app command of cdktf.json (`node scripts/app.js`): it transpiles what changed, bundles
 * dist/main.js with esbuild and runs the bundle. The bundle must synthesize exactly what
 * dist/main.js synthesizes (APP_BUNDLE=0), since `cdktf synth` and `npm run synth` use one each.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..");
const config = path.join(root, "environments", "edge-hybrid.yaml");

function synth(env: Record<string, string>): { status: number | null; stderr: string; stack: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "app-command-"));
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "app.js")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PLATFORM_CONFIG: config, CDKTF_OUTDIR: outdir, ...env },
  });
  const file = path.join(outdir, "stacks", "edge-hybrid", "cdk.tf.json");
  return { status: r.status, stderr: r.stderr, stack: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "" };
}

test("the bundled app synthesizes byte for byte what dist/main.js synthesizes", () => {
  const bundled = synth({});
  expect(bundled.status).toBe(0);
  const inputs = JSON.parse(fs.readFileSync(path.join(root, "dist", ".cache", "app.bundle.inputs.json"), "utf8"));
  expect(Object.keys(inputs.files)).toContain(path.join(root, "dist", "main.js"));
  const plain = synth({ APP_BUNDLE: "0" });
  expect(plain.status).toBe(0);
  expect(bundled.stack.length).toBeGreaterThan(10000);
  expect(bundled.stack).toBe(plain.stack);
}, 60000);
