// Bundles bench.ts (which starts the system from the test support code) with esbuild and runs it:
// no TypeScript runner is installed, and workspace packages stay external (their dist is used).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const outfile = fileURLToPath(new URL('./.build/bench.cjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('./bench.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
