// @ts-check
/**
 * Mutation testing: `npm run mutate` (the whole list below; the lead tunes it), or one file:
 *   npm run mutate -- --mutate modules/core/cidr.ts
 * Node 20 pins Stryker 9.x (Stryker 10 needs Node 22). Jest runs through @swc/jest (jest.config.js),
 * which strips types without checking them, so the `// @ts-nocheck` Stryker adds to mutated files is harmless.
 * Reports: reports/mutation/mutation.json (+ .html); the clear-text summary is teed to
 * reports/mutation/summary.txt by the npm script.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: {
    projectType: "custom",
    configFile: "jest.config.js",
    // Skips, per mutant, the test files none of whose tests covered it (see the file's comment).
    config: {
      // Jest's findRelatedTests follows imports only through files under `roots`; with test/ alone a
      // mutant in modules/core reached only the tests importing modules/core directly.
      roots: ["<rootDir>/test", "<rootDir>/modules", "<rootDir>/bootstrap", "<rootDir>/scripts"],
      testRunner: "<rootDir>/test/stryker/jest-circus-filtered.js",
      testSequencer: "<rootDir>/test/stryker/sequencer.js",
    },
    enableFindRelatedTests: true,
  },
  // Each mutant runs only the tests that executed its code in the initial run; test/setup.js credits
  // code run outside tests (stacks built in describe bodies) to every test of that file.
  coverageAnalysis: "perTest",
  // swc strips types without checking them, so no `// @ts-nocheck` is needed (it would also break the
  // test that keeps the generated add-on schema module equal to its generator output).
  disableTypeChecks: false,
  mutate: [
    // validators, renderers and core helpers
    "modules/**/validate.ts",
    "modules/**/render.ts",
    "modules/core/**/*.ts",
    // generated from vendor/addons (a test keeps each equal to its generator output)
    "!modules/core/addon-schemas.ts",
    "!modules/core/addon-validators.ts",
    // security-relevant construct code: security groups, IAM, KMS, endpoints, state bucket
    "modules/cluster/eks-cluster.ts",
    "modules/cluster/kubernetes-providers.ts",
    "modules/network/network.ts",
    "modules/hybrid-nodes/hybrid-nodes.ts",
    "modules/hybrid-nodes/connectivity.ts",
    "modules/efs/efs-storage.ts",
    "modules/fsx-ontap/fsx-ontap.ts",
    "modules/trident/trident.ts",
    "modules/instance-store/instance-store.ts",
    "modules/nodegroup/managed-nodegroup.ts",
    "modules/state/remote-state.ts",
    "bootstrap/state-bucket-stack.ts",
  ],
  ignorePatterns: ["dist", "cdktf.out", "coverage", "reports", ".plan-offline", ".terraform", "*.tgz", ".stryker-test-names.jsonl",
    // unit tests still being written (renamed to *.test.ts when they pass) must not break a dry run
    "test/*.wip.test.ts"],
  // The machine has 2 cores; each worker is a Jest process.
  concurrency: 2,
  // Jest in one long-lived process keeps growing (3.5 GB after ~20 min here) and slows down:
  // start a fresh test runner now and then.
  maxTestRunnerReuse: 40,
  timeoutMS: 10000,
  reporters: ["clear-text", "json", "html", "progress"],
  // MUTATION_REPORT names the JSON report, so runs over parts of the scope can be kept side by side.
  jsonReporter: { fileName: process.env.MUTATION_REPORT ?? "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
