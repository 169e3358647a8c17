#!/usr/bin/env node
/**
 * Sums up Stryker's JSON reports (default: reports/mutation/files/*.json, written by
 * scripts/mutate-each.sh) into the score table of mutation/SUMMARY.md, and lists every surviving
 * or uncovered mutant as `file:line:column mutator: original -> replacement`.
 *
 *   node scripts/mutation-summary.js [report.json ...] [--survivors]
 *
 * Score as Stryker computes it: detected (killed + timeout) / (detected + survived + no coverage);
 * compile and runtime errors and ignored mutants are left out. The "after review" columns add what
 * mutation/survivors/<file>.md records for the run's survivors: each bullet says "killed by <test>"
 * (a test written since, checked by applying the mutant by hand) or "equivalent — <why>"
 * (left out of the score, as Stryker does with ignored mutants).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const listSurvivors = args.includes("--survivors");
let reports = args.filter((a) => !a.startsWith("--"));
if (reports.length === 0) {
  const dir = path.join(__dirname, "..", "reports", "mutation", "files");
  reports = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => path.join(dir, f)) : [];
}

const rows = new Map();
const survivors = [];
for (const report of reports) {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  for (const [file, { source, mutants }] of Object.entries(json.files)) {
    const row = rows.get(file) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
    const lines = source.split("\n");
    for (const m of mutants) {
      if (m.status === "Killed") row.killed++;
      else if (m.status === "Timeout") row.timeout++;
      else if (m.status === "Survived") row.survived++;
      else if (m.status === "NoCoverage") row.noCoverage++;
      else if (m.status === "Ignored") row.ignored++;
      else row.errors++;
      if (m.status === "Survived" || m.status === "NoCoverage") {
        const { start, end } = m.location;
        const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
        survivors.push(`${file}:${start.line}:${start.column} ${m.status === "NoCoverage" ? "[no coverage] " : ""}${m.mutatorName}: ${oneLine(original)} -> ${oneLine(m.replacement ?? "")}`);
      }
    }
    rows.set(file, row);
  }
}

function oneLine(s) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 110 ? `${t.slice(0, 107)}...` : t;
}

// mutation/survivors/*.md: "# <file>" then "- line:col Mutator (...): killed by ..." / ": equivalent ..."
const reviewed = new Map();
const survivorsDir = path.join(__dirname, "..", "mutation", "survivors");
if (fs.existsSync(survivorsDir)) {
  for (const md of fs.readdirSync(survivorsDir).filter((f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(path.join(survivorsDir, md), "utf8");
    const file = (text.match(/^# (\S+)/m) ?? [])[1];
    if (!file) continue;
    const bullets = text.split("\n").filter((l) => /^- \d+:\d+ /.test(l));
    // One source file may be reviewed in several parts (<slug>-a.md, <slug>-b.md).
    const before = reviewed.get(file) ?? { killed: 0, equivalent: 0 };
    reviewed.set(file, {
      killed: before.killed + bullets.filter((l) => /\): killed by /.test(l)).length,
      equivalent: before.equivalent + bullets.filter((l) => /\): equivalent/.test(l)).length,
    });
  }
}

const score = (r) => {
  const detected = r.killed + r.timeout;
  const valid = detected + r.survived + r.noCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
};
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
const after = (r, rev) => {
  const left = r.survived + r.noCoverage - rev.killed - rev.equivalent;
  const detected = r.killed + r.timeout + rev.killed;
  return { left, score: detected + left === 0 ? 100 : (100 * detected) / (detected + left) };
};
const out = [
  "| file | mutants | killed | timeout | survived | no coverage | errors | score | killed since | equivalent | left | score after review |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
const totalRev = { killed: 0, equivalent: 0 };
for (const [file, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  for (const k of Object.keys(total)) total[k] += r[k];
  const rev = reviewed.get(file) ?? { killed: 0, equivalent: 0 };
  totalRev.killed += rev.killed;
  totalRev.equivalent += rev.equivalent;
  const a = after(r, rev);
  const n = r.killed + r.timeout + r.survived + r.noCoverage + r.errors;
  out.push(`| ${file} | ${n} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.errors} | ${score(r).toFixed(1)} % | ${rev.killed} | ${rev.equivalent} | ${a.left} | ${a.score.toFixed(1)} % |`);
}
const n = total.killed + total.timeout + total.survived + total.noCoverage + total.errors;
const all = after(total, totalRev);
out.push(`| **all** | ${n} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.errors} | **${score(total).toFixed(1)} %** | ${totalRev.killed} | ${totalRev.equivalent} | ${all.left} | **${all.score.toFixed(1)} %** |`);
console.log(out.join("\n"));
if (listSurvivors) console.log(`\nSurvivors (${survivors.length}):\n${survivors.join("\n")}`);
