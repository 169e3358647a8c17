import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..");
const ROOT_IMPORT = /(from\s+|require\()\s*["']@cdktf\/provider-(aws|kubernetes|helm)["']/;
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ["node_modules", "dist", "cdktf.out", ".plan-offline", ".git"].includes(e.name) ? [] : sourceFiles(p);
    return /\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

test("no source file imports a provider root (3 s and ~550 MiB per process); deep imports only", () => {
  const offenders = sourceFiles(root).filter((f) => ROOT_IMPORT.test(fs.readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});

test("the check itself catches a root import", () => {
  const provider = ["@cdktf", "provider-aws"].join("/");
  expect(ROOT_IMPORT.test(`import { x } from "${provider}";`)).toBe(true);
  expect(ROOT_IMPORT.test(`import { x } from "${provider}/lib/vpc";`)).toBe(false);
});

// GEN-03: Trident's custom resources come from a Helm chart, whose hook waits for the CRDs.
test("kubernetes_manifest is never used: it needs a live API server at plan time", () => {
  const offenders = sourceFiles(path.join(root, "modules")).filter((f) => fs.readFileSync(f, "utf8").includes("provider-kubernetes/lib/manifest"));
  expect(offenders).toEqual([]);
});

test("nothing the project builds, tests or runs reads outside the repository", () => {
  const fs = require("fs") as typeof import("fs");
  const path = require("path") as typeof import("path");
  const root = path.join(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (["node_modules", ".git", "dist", "cdktf.out", "vendor"].includes(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|sh|json)$/.test(e.name) && !e.name.endsWith("package-lock.json")) files.push(p);
    }
  };
  for (const d of ["modules", "test", "scripts", "bootstrap", ".ci"]) walk(path.join(root, d));
  // Built from parts so this guard does not itself hold the path it looks for.
  const folder = "shared";
  const outside = new RegExp(`(\\.\\.\\/${folder}\\b|PLATFORM_${folder.toUpperCase()}_DIR|["'\`]${folder}\\/reference)`);
  const offenders = files.filter((f) => outside.test(fs.readFileSync(f, "utf8")));
  expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
});
