#!/usr/bin/env node
/**
 * The app command of cdktf.json: `node scripts/app.js` (plain JavaScript, so no npx and no compile
 * step to start it).
 *
 * 1. Brings dist/ up to date: every .ts source of the app (main.ts, modules/, bootstrap/) whose
 *    dist/*.js is missing or older is transpiled with swc (types stripped, not checked: `npm test`
 *    and `npm run build` run tsc, so type errors still fail CI). Nothing changed: a few dozen stats.
 * 2. Bundles dist/main.js with everything it loads (cdktf, the providers' resource modules, zod,
 *    yaml: about 670 CommonJS modules) into dist/app.bundle.js with esbuild, when any of those files
 *    changed (their paths, sizes and mtimes are kept beside the bundle): one file to read and
 *    compile instead of 670 to resolve, read and wrap. Without esbuild (a production install), or
 *    with APP_BUNDLE=0, dist/main.js is loaded as is.
 * 3. Runs it in this process (no second Node start-up).
 * 4. Caches V8's compiled code of every loaded module in dist/.cache (Node 20 has no
 *    module.enableCompileCache; it arrived in 22.1). Set APP_COMPILE_CACHE=0 to switch it off.
 *
 * Same environment variables as dist/main.js (PLATFORM_CONFIG, CDKTF_OUTDIR, BOOTSTRAP_STATE).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const SOURCES = ["main.ts", "modules", "bootstrap"];

function sources() {
  const out = [];
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) out.push({ file: p, mtimeMs: st.mtimeMs });
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return out;
}

/** Transpiles the sources whose output is missing or older; returns how many. */
function transpileStale() {
  const stale = sources().filter(({ file, mtimeMs }) => {
    const out = fs.statSync(path.join(dist, path.relative(root, file)).replace(/\.ts$/, ".js"), { throwIfNoEntry: false });
    return !out || out.mtimeMs < mtimeMs;
  });
  if (stale.length === 0) return 0;
  // Loaded only when something changed; the same options as jest.config.js.
  const swc = require("@swc/core");
  for (const { file } of stale) {
    const target = path.join(dist, path.relative(root, file)).replace(/\.ts$/, ".js");
    const { code } = swc.transformSync(fs.readFileSync(file, "utf8"), {
      filename: file,
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
  return stale.length;
}

/**
 * A V8 code cache for CommonJS modules (what v8-compile-cache does, in ~60 lines): keyed by file
 * name, size and mtime; rewritten at exit when a module was compiled without it. V8 itself refuses
 * cached code that does not match the source or the flags (then the module is compiled as usual).
 */
function installCompileCache(dir) {
  const Module = require("module");
  const vm = require("vm");
  // One file, replaced atomically (rename): <index length, 4 bytes><index JSON><code blobs>.
  const cacheFile = path.join(dir, "modules.cache");
  let index = {};
  let blob = Buffer.alloc(0);
  try {
    const all = fs.readFileSync(cacheFile);
    const length = all.readUInt32LE(0);
    index = JSON.parse(all.subarray(4, 4 + length).toString("utf8"));
    blob = all.subarray(4 + length);
  } catch {
    index = {};
  }
  const compiled = new Map(); // filename -> { script, stamp, fresh }
  let dirty = false;
  let rejected = 0;
  const original = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    const st = fs.statSync(filename, { throwIfNoEntry: false });
    if (!st) return original.call(this, content, filename);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const entry = index[filename];
    const cachedData = entry && entry[0] === stamp ? blob.subarray(entry[1], entry[1] + entry[2]) : undefined;
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    const fresh = !cachedData || script.cachedDataRejected === true;
    if (fresh) dirty = true;
    if (script.cachedDataRejected === true) rejected++;
    compiled.set(filename, { script, stamp, fresh, cachedData });
    const fn = script.runInThisContext({ displayErrors: true });
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    if (process.env.APP_COMPILE_CACHE === "debug") process.stderr.write(`app: compile cache: ${compiled.size} modules, ${[...compiled.values()].filter((c) => c.fresh).length} compiled afresh, ${rejected} rejected\n`);
    if (!dirty) return;
    try {
      const parts = [];
      const next = {};
      let offset = 0;
      for (const [filename, { script, stamp, fresh, cachedData }] of compiled) {
        // After the run the code cache also holds the functions that were compiled lazily.
        const data = fresh ? script.createCachedData() : cachedData;
        next[filename] = [stamp, offset, data.length];
        parts.push(data);
        offset += data.length;
      }
      const header = Buffer.from(JSON.stringify(next), "utf8");
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length, 0);
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temp, Buffer.concat([length, header, ...parts]));
      fs.renameSync(temp, cacheFile);
    } catch {
      // a cache is optional
    }
  });
}

/**
 * dist/app.bundle.js, rebuilt when any input changed; undefined when esbuild is not installed.
 * The entry also switches cdktf's token stack traces off inside the bundle (see below).
 */
function upToDateBundle() {
  const bundle = path.join(dist, "app.bundle.js");
  const inputsFile = path.join(dist, ".cache", "app.bundle.inputs.json");
  const stamp = (file) => {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}` : "missing";
  };
  try {
    const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
    if (inputs.node === process.version && stamp(bundle) === inputs.bundle && Object.entries(inputs.files).every(([f, s]) => stamp(f) === s)) return bundle;
  } catch {
    // no bundle yet, or an unreadable record: build it
  }
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    return undefined;
  }
  // The entry sits in dist/ and the bundle too, so __dirname (main.ts's projectRoot, Trident's chart
  // lookup) means what it means in dist/main.js.
  const entry = path.join(dist, "app-entry.js");
  fs.writeFileSync(
    entry,
    "// GENERATED by scripts/app.js: the bundle's entry.\n" +
      'if (process.env.CDKTF_TOKEN_STACK_TRACES !== "1") require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];\n' +
      'module.exports = require("./main.js");\n',
  );
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    metafile: true,
    logLevel: "error",
  });
  const files = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(root, input);
    files[file] = stamp(file);
  }
  fs.mkdirSync(path.dirname(inputsFile), { recursive: true });
  fs.writeFileSync(inputsFile, JSON.stringify({ node: process.version, bundle: stamp(bundle), files }));
  process.stderr.write(`app: bundled ${Object.keys(files).length} modules into dist/app.bundle.js\n`);
  return bundle;
}

const changed = transpileStale();
if (changed > 0) process.stderr.write(`app: transpiled ${changed} changed source file(s) into dist/ (types are checked by npm test)\n`);
if (process.env.APP_COMPILE_CACHE !== "0") {
  // V8 rejects code cached under other flags (the cdktf CLI adds --max-old-space-size): one cache per flag set.
  const flags = require("crypto").createHash("sha256").update(`${process.execArgv.join(" ")}|${process.env.NODE_OPTIONS ?? ""}`).digest("hex").slice(0, 12);
  installCompileCache(path.join(dist, ".cache", `v8-${process.version}-${process.arch}-${flags}`));
}
// cdktf 0.21 records a complete stack trace (Error.stackTraceLimit = MAX_SAFE_INTEGER) for every
// Lazy and Intrinsic token it creates, only to print it if that token later fails to resolve:
// about a tenth of this app's synth. Off (the bundle's entry does it inside the bundle);
// CDKTF_TOKEN_STACK_TRACES=1 brings it back when you debug such an error. (cdktf is archived,
// 0.21.0 is pinned: this private path will not move.)
const bundle = process.env.APP_BUNDLE === "0" ? undefined : upToDateBundle();
if (!bundle && process.env.CDKTF_TOKEN_STACK_TRACES !== "1") require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
process.exitCode = require(bundle ?? path.join(dist, "main.js")).run();
