import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/sf-player.js'))) throw new Error('Build the player first: npm run -s player:build');
});

describe('@streamforge/player package', () => {
  it('stays within the committed size budget (engine + element + controls, gzipped)', async () => {
    const budget = JSON.parse(await readFile(join(ROOT, 'size-budget.json'), 'utf8'));
    expect(budget['dist/sf-player.js']).toBeLessThanOrEqual(40 * 1024);
    for (const [file, limit] of Object.entries(budget)) {
      if (file === 'comment') continue;
      const gz = gzipSync(await readFile(join(ROOT, file)), { level: 9 }).length;
      expect({ file, gz, over: gz > (limit as number) }).toEqual({ file, gz, over: false });
    }
    const { stdout } = await run(process.execPath, ['scripts/size.mjs'], { cwd: ROOT });
    expect(stdout).toMatch(/ok {3}dist\/sf-player\.js: .* KB gzip/);
  });

  it('imports during server-side rendering (no window, no customElements) without throwing', async () => {
    const script = `
      const m = await import('./dist/index.js');
      if (typeof globalThis.window !== 'undefined') throw new Error('window appeared');
      if (typeof m.SfPlayer !== 'function' || m.TAG_NAME !== 'sf-player') throw new Error('exports missing');
      m.defineSfPlayer();
      const cdn = await import('./dist/sf-player.js');
      console.log('ssr-ok', Object.keys(m).sort().join(','), typeof cdn.SfPlayer);
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    expect(stdout).toContain('ssr-ok');
    expect(stdout).toContain('defineSfPlayer');
  });

  it('ships ESM with type declarations, a CDN ESM file and a classic IIFE file', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    for (const file of [
      pkg.exports['.'].default,
      pkg.exports['.'].types,
      pkg.exports['./sf-player.js'],
      pkg.exports['./sf-player.iife.js'],
    ]) {
      expect(existsSync(join(ROOT, file))).toBe(true);
    }
    const dts = await readFile(join(ROOT, 'dist/index.d.ts'), 'utf8');
    expect(dts).toMatch(/declare class SfPlayer/);
    expect(dts).toMatch(/'sf-player': SfPlayer/);
    const iife = await readFile(join(ROOT, 'dist/sf-player.iife.js'), 'utf8');
    expect(iife).not.toMatch(/^import |\bexport\s*\{/m);
  });
});
