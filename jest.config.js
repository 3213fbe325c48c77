/** One jest run for the whole tree: one PostgreSQL (embedded, or TEST_DATABASE_URL),
 *  each test file on its own fresh database. */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/shared',
    '<rootDir>/linkage',
    '<rootDir>/analytics',
    '<rootDir>/gateway',
    '<rootDir>/subgraphs',
    '<rootDir>/conformance',
    '<rootDir>/scripts',
    '<rootDir>/bench',
    '<rootDir>/web',
    '<rootDir>/deploy',
  ],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  globalSetup: '<rootDir>/shared/src/testing/globalSetup.ts',
  globalTeardown: '<rootDir>/shared/src/testing/globalTeardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
