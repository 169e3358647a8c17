/** Jest transpiles with swc (no type-check per file); `npm test` runs `tsc --noEmit` first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/consumer is a platform repo's code against the packed library: pack:check runs it.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/consumer/"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.js"],
  maxWorkers: 2, // this machine has 2 cores; one worker left the other idle
  workerIdleMemoryLimit: "1GB",
};
