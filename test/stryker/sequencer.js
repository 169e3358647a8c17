/**
 * Jest test sequencer used only by `npm run mutate`: under a mutant, the files that were quickest in
 * the dry run go first, so the first failing test (which ends the mutant's run, see
 * jest-circus-filtered.js) comes as early as it can. Jest's default puts the slowest first, which
 * suits parallel workers, not Stryker's in-band runs.
 */
"use strict";
const Sequencer = require("@jest/test-sequencer").default;
const { recordedTests } = require("./names");

module.exports = class QuickestFirst extends Sequencer {
  sort(tests) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return super.sort(tests);
    const ms = (t) => recordedTests(t.path)?.ms ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort((a, b) => ms(a) - ms(b) || a.path.localeCompare(b.path));
  }
};
