/**
 * Two lanes. `unit`: pure tests beside the code (`<package>/src/**`), no services, no preflight.
 * `system`: everything under a `test/` folder, against real Postgres, Redis, the embedded S3, ffmpeg
 * and Chromium, after a preflight that says in one line what is missing.
 */
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

const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@streamforge/(core|api|worker)$': '<rootDir>/$1/src/index.ts' },
};

const packages = ['core', 'api', 'worker', 'sdk-js', 'sdk-player', 'scripts'];

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: packages.map((p) => `<rootDir>/${p}`),
      testMatch: packages.map((p) => `<rootDir>/${p}/src/**/*.test.ts`),
    },
    {
      ...shared,
      displayName: 'system',
      globalSetup: '<rootDir>/test/support/preflight.ts',
      roots: ['<rootDir>/test', '<rootDir>/sdk-js/test', '<rootDir>/sdk-player'],
      testMatch: [
        '<rootDir>/test/**/*.test.ts',
        '<rootDir>/sdk-js/test/**/*.test.ts',
        '<rootDir>/sdk-player/test/**/*.test.ts',
      ],
    },
  ],
  // System tests share one Postgres, Redis and two cores; each file isolates itself by database and prefix.
  maxWorkers: 2,
  testTimeout: 120_000,
};
