import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResumeRecord } from '../upload/ports';
import { JsonFileResumeStore } from './json-file-store';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sf-store-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const record = (key: string, expiresAt = 4_000_000_000): ResumeRecord => ({
  key,
  uploadId: `upl_${key}`,
  videoId: `vid_${key}`,
  clientSecret: null,
  size: 1,
  partSize: null,
  partCount: 1,
  expiresAt,
  savedAt: 0,
});

test('concurrent writes all land, leave no temporary files and keep the file private', async () => {
  const path = join(dir, 'nested', 'uploads.json');
  const store = new JsonFileResumeStore(path);
  await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(record(`k${i}`))));
  expect(Object.keys(JSON.parse(await readFile(path, 'utf8')))).toHaveLength(20);
  expect(await readdir(join(dir, 'nested'))).toEqual(['uploads.json']);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  // A second store (another process) sees them.
  expect(await new JsonFileResumeStore(path).get('k7')).toMatchObject({ uploadId: 'upl_k7' });
});

test('prune drops expired sessions; a corrupt file counts as empty', async () => {
  const path = join(dir, 'uploads.json');
  const store = new JsonFileResumeStore(path);
  await store.set(record('old', 100));
  await store.set(record('new'));
  await store.prune(200);
  expect(await store.get('old')).toBeUndefined();
  expect(await store.get('new')).toBeDefined();

  await (await import('node:fs/promises')).writeFile(path, '{ half a fi');
  expect(await store.get('new')).toBeUndefined();
  await store.set(record('fresh'));
  expect(await store.get('fresh')).toBeDefined();
});
