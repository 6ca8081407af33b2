import { defineConfig } from 'tsup';

// Two platform builds of the same API (selected by the `browser`/`node` export conditions) and the CLI.
export default defineConfig([
  {
    entry: { 'browser/index': 'src/browser/index.ts' },
    platform: 'browser',
    format: ['esm', 'cjs'],
    target: 'es2020',
    dts: true,
    sourcemap: true,
    clean: false,
    outDir: 'dist',
    external: ['idb'],
  },
  {
    entry: { 'node/index': 'src/node/index.ts' },
    platform: 'node',
    format: ['esm', 'cjs'],
    target: 'node20',
    dts: true,
    sourcemap: true,
    outDir: 'dist',
  },
  {
    entry: { 'cli/index': 'src/cli/index.ts' },
    platform: 'node',
    format: ['cjs'],
    target: 'node20',
    sourcemap: true,
    outDir: 'dist',
  },
]);
