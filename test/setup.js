require("cdktf").Testing.setupJest();
// The app command does the same (scripts/app.js): cdktf records a full stack trace for every token
// it creates, only for the message of one that fails to resolve. No test reads one.
require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];

// Mutation testing only (`npm run mutate`): Stryker's instrumented code puts `__stryker__` on the
// global object. Nothing below runs in `npm test`.
const stryker = globalThis.__stryker__;
if (stryker) {
  const { recordTests } = require("./stryker/names");
  const started = Date.now();

  // Stacks built in describe bodies or beforeAll run outside any test, so Stryker's per-test coverage
  // counts their code as "static" and would run such a mutant only with the few tests that happen to
  // rebuild it (false survivors). Credit everything this test file executed outside its tests to each
  // of its tests: a mutant then runs with every test that reads a stack it changed.
  const staticBefore = { ...(stryker.mutantCoverage?.static ?? {}) };
  const names = [];
  beforeEach(() => {
    const coverage = stryker.mutantCoverage;
    const testId = stryker.currentTestId; // set by Stryker's Jest environment in the dry run only
    if (!coverage || !testId) return;
    names.push(testId);
    const mine = (coverage.perTest[testId] ??= {});
    for (const [id, count] of Object.entries(coverage.static)) {
      if (count > (staticBefore[id] ?? 0)) mine[id] = (mine[id] ?? 0) + 1;
    }
  });
  // Test names and duration per file, for test/stryker/jest-circus-filtered.js and sequencer.js.
  afterAll(() => {
    if (names.length > 0) recordTests(expect.getState().testPath, names, Date.now() - started);
  });
}
