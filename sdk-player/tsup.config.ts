import { defineConfig } from 'tsup';

// The npm package (ESM + d.ts, the element registered on import) and one self-contained file for a
// CDN <script>: `sf-player.js` (ESM, for type="module") and `sf-player.iife.js` (classic script).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    platform: 'browser',
    format: ['esm'],
    target: 'es2020',
    dts: true,
    sourcemap: true,
    clean: false,
    outDir: 'dist',
  },
  {
    entry: { 'sf-player': 'src/index.ts' },
    platform: 'browser',
    format: ['esm', 'iife'],
    globalName: 'SfPlayer',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    outDir: 'dist',
    outExtension: ({ format }) => ({ js: format === 'iife' ? '.iife.js' : '.js' }),
  },
]);
