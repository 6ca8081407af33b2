/** One jest run for the whole repository: unit tests beside the code, system tests under test/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/preflight.ts',
  roots: [
    '<rootDir>/core',
    '<rootDir>/api',
    '<rootDir>/worker',
    '<rootDir>/sdk-js',
    '<rootDir>/sdk-player',
    '<rootDir>/scripts',
    '<rootDir>/test',
  ],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@streamforge/(core|api|worker)$': '<rootDir>/$1/src/index.ts' },
  // System tests share one Postgres, Redis and two cores; each file isolates itself by database and prefix.
  maxWorkers: 2,
  testTimeout: 120_000,
};
