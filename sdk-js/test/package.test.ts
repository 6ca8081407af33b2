import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const SDK = join(__dirname, '..');
const ROOT = join(SDK, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let project: string;

beforeAll(async () => {
  if (!existsSync(join(SDK, 'dist/node/index.js'))) throw new Error('Build the SDK first: npm run -s sdk:build');
  project = await mkdtemp(join(tmpdir(), 'sf-sdk-consumer-'));
  const tarball = execFileSync(npm, ['pack', '--silent', '--pack-destination', project], { cwd: SDK, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // Installed as a user installs it: the SDK's own dependency versions come from the registry (or
  // npm's cache), never from this repository's node_modules. A failed install fails the suite.
  const installed = spawnSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], {
    cwd: project,
    encoding: 'utf8',
  });
  if (installed.status !== 0) {
    throw new Error(`npm install of the packed SDK failed (exit ${installed.status}):\n${installed.stderr}`);
  }
}, 300_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

const nodeRun = (code: string, ext: 'cjs' | 'mjs') => {
  const file = join(project, `check.${ext}`);
  return writeFile(file, code).then(() => execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }));
};

test('the packed tarball installs into an empty project and works from require and import in Node', async () => {
  const cjs = await nodeRun(
    `const sdk = require('@streamforge/sdk');
     const sf = new sdk.StreamForge('sf_test_x', { baseUrl: 'http://127.0.0.1:9' });
     console.log([typeof sdk.uploadFile, typeof sf.videos.list, typeof sf.webhooks.unwrap, typeof sdk.JsonFileResumeStore, sdk.NotFoundError.name].join(' '));`,
    'cjs',
  );
  expect(cjs.trim()).toBe('function function function function NotFoundError');
  const esm = await nodeRun(
    `import { StreamForge, Webhooks } from '@streamforge/sdk';
     const headers = await new Webhooks().generateTestHeaders({ payload: '{}', secret: 'whsec_c2VjcmV0' });
     console.log(typeof StreamForge, Object.keys(headers).join(','));`,
    'mjs',
  );
  expect(esm.trim()).toBe('function webhook-id,webhook-timestamp,webhook-signature');
});

test('the installed bin runs the CLI with the dependency versions the SDK declares', async () => {
  const declared = JSON.parse(await readFile(join(SDK, 'package.json'), 'utf8')).dependencies as Record<string, string>;
  for (const [dep, version] of Object.entries(declared)) {
    const installed = JSON.parse(await readFile(join(project, 'node_modules', dep, 'package.json'), 'utf8'));
    expect({ dep, version: installed.version }).toEqual({ dep, version });
  }
  const help = execFileSync(join(project, 'node_modules/.bin/streamforge'), ['--help'], { encoding: 'utf8' });
  expect(help).toMatch(/upload \[options\] <file>/);
  expect(help).toMatch(/videos/);
});

test('a bundler resolving the browser condition gets a build with no Node built-ins', async () => {
  await writeFile(
    join(project, 'page.js'),
    `import { uploadFile, StreamForge } from '@streamforge/sdk'; window.sdk = { uploadFile, StreamForge };`,
  );
  // platform "browser" makes esbuild fail on any Node built-in it meets, and pick the `browser` condition.
  const result = await build({
    entryPoints: [join(project, 'page.js')],
    absWorkingDir: project,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile!.inputs);
  expect(inputs.some((i) => i.includes('@streamforge/sdk/dist/browser/index.mjs'))).toBe(true);
  expect(inputs.filter((i) => i.includes('@streamforge/sdk/')).every((i) => i.includes('/dist/browser/'))).toBe(true);
});

test('the browser builds import nothing but idb', async () => {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  for (const file of (await readdir(join(SDK, 'dist/browser'))).filter((f) => /\.m?js$/.test(f))) {
    const code = await readFile(join(SDK, 'dist/browser', file), 'utf8');
    const specifiers = [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map(
      (m) => m[1],
    );
    expect(specifiers.filter((s) => builtins.has(s))).toEqual([]);
    expect(new Set(specifiers)).toEqual(new Set(['idb']));
    expect(code).not.toMatch(/\bprocess\.env\b|\bBuffer\./);
  }
});

test('the published types resolve for a TypeScript consumer', async () => {
  await writeFile(
    join(project, 'consumer.mts'),
    `import { StreamForge, type Video, type UploadProgress } from '@streamforge/sdk';
     const sf = new StreamForge('sf_test_x');
     export async function titles(): Promise<string[]> {
       const out: string[] = [];
       for await (const v of sf.videos.list({ limit: 5 })) out.push((v as Video).id);
       return out;
     }
     export const pct = (p: UploadProgress) => p.percent.toFixed(1);
     // @ts-expect-error status is a closed set from the OpenAPI document
     sf.videos.list({ status: 'melted' });`,
  );
  const tsc = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--typeRoots',
      join(ROOT, 'node_modules/@types'),
      'consumer.mts',
    ],
    { cwd: project, encoding: 'utf8' },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
});
