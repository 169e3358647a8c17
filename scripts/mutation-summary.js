#!/usr/bin/env node
/**
 * Sums up Stryker's JSON reports into the score tables of mutation/SUMMARY.md, and lists every
 * surviving or uncovered mutant as `file:line:column mutator: original -> replacement`.
 *
 *   node scripts/mutation-summary.js [--survivors] [--unreviewed]     two tables (see below)
 *   node scripts/mutation-summary.js report.json ... [--survivors]    one table over these reports
 *
 * Reports come from scripts/mutate-each.sh: reports/mutation/files/ holds each file's first run,
 * reports/mutation/recheck/ a run made again after the review. Without arguments the script prints
 * the first-run table, then the table of the latest run of each file (a re-run replaces the first).
 *
 * Score as Stryker computes it: detected (killed + timeout) / (detected + survived + no coverage);
 * compile and runtime errors and ignored mutants are left out. The review columns match each
 * surviving mutant of a report to a bullet of mutation/survivors/*.md by file, line, column and
 * mutator ("- 12:5 Mutator (...): killed by <test>" — a test written since, checked by applying the
 * mutant by hand — or ": equivalent — <why>", left out of the score as Stryker does with ignored
 * mutants). Bullets under a "## Re-run" heading review a re-run's survivors, the others the first
 * run's. A survivor without a bullet is "left"; --unreviewed lists them.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const args = process.argv.slice(2);
const listSurvivors = args.includes("--survivors");
const listUnreviewed = args.includes("--unreviewed");
const explicit = args.filter((a) => !a.startsWith("--"));

function reportsIn(dir) {
  const abs = path.join(root, dir);
  return fs.existsSync(abs) ? fs.readdirSync(abs).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(abs, f)) : [];
}

// "<file>|<line>:<col>|<mutator>" -> [{ verdict: "killed" | "equivalent", text }] (several mutants
// of one mutator can sit at one position; the bullet's "(original -> replacement)" tells them apart)
function readReviews() {
  const reviews = new Map();
  const dir = path.join(root, "mutation", "survivors");
  if (!fs.existsSync(dir)) return reviews;
  for (const md of fs.readdirSync(dir).filter((f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(path.join(dir, md), "utf8");
    const file = (text.match(/^# (\S+)/m) ?? [])[1];
    if (!file) continue;
    // Bullets under a "## Re-run" heading review the survivors of a re-run (reports/mutation/recheck/),
    // the others those of the first run: positions move when the source changes in between.
    let run = "first";
    for (const line of text.split("\n")) {
      if (/^## /.test(line)) run = /^## Re-run/i.test(line) ? "rerun" : "first";
      const m = line.match(/^- (\d+):(\d+) (\w+) \((.*?)\): (killed by|equivalent)/);
      if (!m) continue;
      const key = `${run}|${file}|${m[1]}:${m[2]}|${m[3]}`;
      reviews.set(key, [...(reviews.get(key) ?? []), { verdict: m[5] === "killed by" ? "killed" : "equivalent", text: squash(m[4]) }]);
    }
  }
  return reviews;
}
const reviews = readReviews();

function squash(s) {
  return s.replace(/\s+/g, "");
}

/** The bullet reviewing this mutant: among the unused bullets at its position, the one naming its replacement. */
function verdictOf(used, run, file, m) {
  const key = `${run}|${file}|${m.location.start.line}:${m.location.start.column}|${m.mutatorName}`;
  const unused = (reviews.get(key) ?? []).filter((b) => !used.has(b));
  const replacement = squash(m.replacement ?? "");
  const bullet = unused.find((b) => replacement.length > 0 && b.text.includes(replacement)) ?? unused[0];
  if (!bullet) return undefined;
  used.add(bullet);
  return bullet.verdict;
}

function oneLine(s) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 110 ? `${t.slice(0, 107)}...` : t;
}

/** One row per source file of the given reports (a later report of the same file replaces an earlier one). */
function rowsOf(reports) {
  const byFile = new Map();
  for (const report of reports) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    const run = path.basename(path.dirname(report)) === "recheck" ? "rerun" : "first";
    for (const [file, data] of Object.entries(json.files)) byFile.set(file, { ...data, run });
  }
  const rows = new Map();
  const survivors = [];
  const unreviewed = [];
  for (const [file, { source, mutants, run }] of byFile) {
    const used = new Set();
    const row = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, killedSince: 0, equivalent: 0 };
    const lines = source.split("\n");
    for (const m of mutants) {
      if (m.status === "Killed") row.killed++;
      else if (m.status === "Timeout") row.timeout++;
      else if (m.status === "Survived") row.survived++;
      else if (m.status === "NoCoverage") row.noCoverage++;
      else if (m.status !== "Ignored") row.errors++;
      if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
      const { start, end } = m.location;
      const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
      const text = `${file}:${start.line}:${start.column} ${m.status === "NoCoverage" ? "[no coverage] " : ""}${m.mutatorName}: ${oneLine(original)} -> ${oneLine(m.replacement ?? "")}`;
      survivors.push(text);
      const verdict = verdictOf(used, run, file, m);
      if (verdict === "killed") row.killedSince++;
      else if (verdict === "equivalent") row.equivalent++;
      else unreviewed.push(text);
    }
    rows.set(file, row);
  }
  return { rows, survivors, unreviewed };
}

const score = (detected, undetected) => (detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected));
function table(rows) {
  const out = [
    "| file | mutants | killed | timeout | survived | no coverage | errors | score | killed since | equivalent | left | score after review |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, killedSince: 0, equivalent: 0 };
  const line = (name, r, bold) => {
    const b = (s) => (bold ? `**${s}**` : s);
    const left = r.survived + r.noCoverage - r.killedSince - r.equivalent;
    const n = r.killed + r.timeout + r.survived + r.noCoverage + r.errors;
    const measured = score(r.killed + r.timeout, r.survived + r.noCoverage);
    const reviewed = score(r.killed + r.timeout + r.killedSince, left);
    return `| ${name} | ${n} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.errors} | ${b(`${measured.toFixed(1)} %`)} | ${r.killedSince} | ${r.equivalent} | ${left} | ${b(`${reviewed.toFixed(1)} %`)} |`;
  };
  for (const [file, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    for (const k of Object.keys(total)) total[k] += r[k];
    out.push(line(file, r, false));
  }
  out.push(line("**all**", total, true));
  return out.join("\n");
}

function print(title, result) {
  if (title) console.log(`${title}\n`);
  console.log(table(result.rows));
  if (listSurvivors) console.log(`\nSurvivors (${result.survivors.length}):\n${result.survivors.join("\n")}`);
  if (listUnreviewed) console.log(`\nNot reviewed (${result.unreviewed.length}):\n${result.unreviewed.join("\n")}`);
}

if (explicit.length > 0) {
  print("", rowsOf(explicit));
} else {
  const first = reportsIn("reports/mutation/files");
  const recheck = reportsIn("reports/mutation/recheck");
  print("First run of each file:", rowsOf(first));
  if (recheck.length > 0) {
    console.log("");
    print(`Latest run of each file (${recheck.length} re-run after review):`, rowsOf([...first, ...recheck]));
  }
}
