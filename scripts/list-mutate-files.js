#!/usr/bin/env node
// The files stryker.config.mjs's `mutate` list names (globs expanded, `!` exclusions applied), one per line.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
function walk(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
function matcher(glob) {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*\//g, "(?:.*/)?").replace(/\*/g, "[^/]*");
  return new RegExp(`^${re}$`);
}
import(path.join(root, "stryker.config.mjs")).then(({ default: config }) => {
  const all = ["modules", "bootstrap", "scripts"].flatMap((d) => walk(d));
  const include = config.mutate.filter((p) => !p.startsWith("!")).map(matcher);
  const exclude = config.mutate.filter((p) => p.startsWith("!")).map((p) => matcher(p.slice(1)));
  const files = all.filter((f) => include.some((m) => m.test(f)) && !exclude.some((m) => m.test(f))).sort();
  console.log(files.join("\n"));
});
