/**
 * Jest test runner used only by `npm run mutate` (stryker.config.mjs sets Jest's `testRunner` to this
 * file; `npm test` uses jest-circus directly). It wraps jest-circus; Stryker accepts a runner whose
 * path names jest-circus.
 *
 * Stryker runs a mutant with the test files related to the mutated file, a `testNamePattern` naming
 * the tests that covered it, and no bail (Jest has none programmatically). Jest still loads every one
 * of those files to find out that none of its tests match, and loading a test file here means loading
 * cdktf and the providers and building its stacks: seconds per file, per mutant. This runner
 *  - skips a file none of whose tests (recorded in the dry run by test/setup.js) match the pattern;
 *  - once a file has a failing test under the active mutant, skips the rest of that mutant's files
 *    (one failing test kills a mutant; Stryker stops there too).
 * A skipped file reports its tests as skipped. Without a recording, a pattern or a mutant, every file
 * runs unchanged through jest-circus.
 */
"use strict";
const circus = require("jest-circus/runner");
const { createEmptyTestResult } = require("@jest/test-result");
const { recordedTests } = require("./names");

const runCircus = circus.default ?? circus;
const MUTANT_ENV = "__STRYKER_ACTIVE_MUTANT__";
let killedMutant;

function skipped(names) {
  const result = createEmptyTestResult();
  result.numPendingTests = names.length;
  result.testResults = names.map((fullName) => ({
    ancestorTitles: [],
    duration: null,
    failing: false,
    failureDetails: [],
    failureMessages: [],
    fullName,
    invocations: 0,
    location: null,
    numPassingAsserts: 0,
    retryReasons: [],
    status: "pending",
    title: fullName,
  }));
  return result;
}

module.exports = async function jestCircusFiltered(globalConfig, config, environment, runtime, testPath, sendMessageToJest) {
  const mutant = process.env[MUTANT_ENV];
  const names = recordedTests(testPath)?.names;
  if (mutant !== undefined && names && names.length > 0) {
    if (killedMutant === mutant) return skipped(names);
    if (globalConfig.testNamePattern) {
      const pattern = new RegExp(globalConfig.testNamePattern, "i");
      if (!names.some((n) => pattern.test(n))) return skipped(names);
    }
  }
  const result = await runCircus(globalConfig, config, environment, runtime, testPath, sendMessageToJest);
  if (mutant !== undefined && result.numFailingTests > 0) killedMutant = mutant;
  return result;
};
