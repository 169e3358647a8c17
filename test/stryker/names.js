"use strict";
/**
 * The Stryker dry run's record of each test file's tests and duration (test/setup.js writes it
 * inside Stryker's sandbox; jest-circus-filtered.js and sequencer.js read it).
 */
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "..");
const TEST_NAMES_FILE = path.join(root, ".stryker-test-names.jsonl");
let byFile;

/** `{ names, ms }` of a test file as recorded in the dry run, or undefined. */
function recordedTests(testPath) {
  if (byFile === undefined) {
    byFile = new Map();
    if (fs.existsSync(TEST_NAMES_FILE)) {
      for (const line of fs.readFileSync(TEST_NAMES_FILE, "utf8").split("\n")) {
        if (line) {
          const { file, names, ms } = JSON.parse(line);
          byFile.set(file, { names, ms });
        }
      }
    }
  }
  return byFile.get(path.relative(root, testPath));
}

function recordTests(testPath, names, ms) {
  fs.appendFileSync(TEST_NAMES_FILE, JSON.stringify({ file: path.relative(root, testPath), names, ms }) + "\n");
}

module.exports = { recordedTests, recordTests };
