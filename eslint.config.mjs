// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'Browser code: no Node built-ins here (put Node-only code under sdk-js/src/node).',
};

/**
 * The layers, written as import rules. Each entry is a set of files and what they must not import.
 * ESLint keeps one `no-restricted-imports` per file, so a file matched twice takes the later list.
 */
const layers = [
  {
    // api and worker see shared code only through the package's public entry point.
    files: ['api/src/**/*.ts', 'worker/src/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    patterns: [
      {
        group: ['**/core/src/**', '@streamforge/core/*'],
        message: 'Import shared code from @streamforge/core, not its files.',
      },
    ],
  },
  {
    // The media pipeline is pure: probe results in, ffmpeg arguments and files out.
    files: ['worker/src/media/**/*.ts'],
    patterns: [
      {
        group: ['@nestjs/*', 'typeorm', '@aws-sdk/*', 'bullmq', 'ioredis', 'pg'],
        message: 'worker/src/media is framework-free: no Nest, TypeORM, S3, queues or databases.',
      },
      { group: ['**/core/src/**', '@streamforge/core/*'], message: 'Import shared code from @streamforge/core.' },
    ],
  },
  {
    // The SDK's platform-neutral layers run in browsers.
    files: ['sdk-js/src/core/**/*.ts', 'sdk-js/src/upload/**/*.ts', 'sdk-js/src/browser/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [
      nodeBuiltins,
      { group: ['@streamforge/core', '**/core/src/**'], message: 'The SDK never imports core.' },
    ],
  },
  {
    files: ['sdk-js/src/**/*.ts'],
    ignores: ['sdk-js/src/core/**', 'sdk-js/src/upload/**', 'sdk-js/src/browser/**'],
    patterns: [
      {
        group: ['@streamforge/core', '**/core/src/**'],
        message: 'The SDK never imports core: its types come from openapi/.',
      },
    ],
  },
  {
    files: ['sdk-player/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [
      nodeBuiltins,
      {
        // One exception: the output layout (file names, content types), a module with no imports.
        regex: '^@streamforge/core|core/src/(?!playback/output-files$)',
        message: 'The player never imports core, except its output layout (core/src/playback/output-files).',
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', '.data/**', '**/generated/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Browser code, and Node scripts whose page functions run in Chromium.
    files: ['sdk-js/src/browser/**', 'sdk-player/**', 'examples/**/*.js', 'bench/player/**', '**/*.e2e.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read JSON bodies and drive browsers: loose types are the norm there, not in shipped code.
    files: ['test/**', '**/test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layers.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
