import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium } from '../../test/support/browser';
import { startSystem, type TestSystem } from '../../test/support/system';
import { writeRandomFile } from './support/files';
import { storedSourceSha256 } from './support/stored-object';

// The example page and its backend are what this test drives: the real browser build, IndexedDB,
// XHR to the embedded S3 through its CORS, and the API with only a client_secret.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startExampleSite } = require('../../examples/browser-upload/server.cjs');

const MiB = 1024 * 1024;
let sys: TestSystem;
let site: { url: string; stats: { uploadsCreated: number }; close(): Promise<void> };
let browser: Browser;
let work: string;

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../dist/browser/index.mjs')))
    throw new Error('Build the SDK first: npm run -s sdk:build');
  work = await mkdtemp(join(tmpdir(), 'sf-sdk-browser-'));
  sys = await startSystem({ env: { UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB), UPLOAD_PART_SIZE: String(5 * MiB) } });
  site = await startExampleSite({ apiBaseUrl: sys.baseUrl, apiKey: await sys.createKey('browser'), port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

type Report = { type: string; [key: string]: unknown };

/** What the current test's page reported and is still waiting for: printed if the test fails to finish. */
let watched: { seen: Report[]; waiters: Array<{ match: (r: Report) => boolean }> } | undefined;
afterEach(() => {
  if (watched?.waiters.length) {
    console.warn(
      `still waiting for ${watched.waiters.map((w) => w.match.toString()).join(' and ')}; the page reported:\n` +
        watched.seen.map((r) => JSON.stringify(r)).join('\n'),
    );
  }
  watched = undefined;
});

/** Collects the page's `sf-upload` DOM events in Node; `next` resolves on the first match (past or future). */
async function listen(page: Page) {
  const seen: Report[] = [];
  const waiters: Array<{ match: (r: Report) => boolean; resolve: (r: Report) => void }> = [];
  watched = { seen, waiters };
  await page.exposeFunction('sfReport', (report: Report) => {
    seen.push(report);
    for (const w of [...waiters]) {
      if (!w.match(report)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(report);
    }
  });
  await page.addInitScript(() =>
    document.addEventListener('sf-upload', (e) => (window as any).sfReport((e as CustomEvent).detail)),
  );
  return {
    seen,
    next(match: (r: Report) => boolean, from = 0): Promise<Report> {
      const found = seen.slice(from).find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const isPut = (route: Route) => route.request().method() === 'PUT' && route.request().url().startsWith(sys.s3.endpoint);
const partOf = (route: Route) => Number(new URL(route.request().url()).searchParams.get('partNumber') ?? 1);

test('reloading mid-upload and picking the same file again resumes from the recorded parts', async () => {
  const path = join(work, 'holiday.bin');
  const sha = await writeRandomFile(path, 23 * MiB, 21);
  const page = await browser.newPage();
  const events = await listen(page);
  const putsByPart = new Map<number, number>();
  let holdBeyondPart2 = true;
  const held: Route[] = [];
  await page.route(
    (url) => url.href.startsWith(sys.s3.endpoint),
    (route) => {
      if (!isPut(route)) return route.continue();
      const part = partOf(route);
      putsByPart.set(part, (putsByPart.get(part) ?? 0) + 1);
      // Before the reload only parts 1 and 2 may finish, so the reload always lands mid-upload.
      if (holdBeyondPart2 && part > 2) return void held.push(route);
      return route.continue();
    },
  );

  await page.goto(site.url);
  await page.setInputFiles('#file', path);
  await events.next((r) => r.type === 'part' && r.partNumber === 1);
  await events.next((r) => r.type === 'part' && r.partNumber === 2);
  expect(events.seen.some((r) => r.type === 'done')).toBe(false);

  await page.reload();
  holdBeyondPart2 = false;
  held.forEach((route) => route.abort().catch(() => {}));
  const afterReload = events.seen.length;
  await page.setInputFiles('#file', path);
  const firstProgress = await events.next((r) => r.type === 'progress', afterReload);
  const done = await events.next((r) => r.type === 'done' || r.type === 'error', afterReload);

  expect(done).toMatchObject({ type: 'done' });
  expect(firstProgress.bytesCommitted).toBe(10 * MiB); // parts 1 and 2 came from the server's record
  expect(putsByPart.get(1)).toBe(1);
  expect(putsByPart.get(2)).toBe(1);
  expect(site.stats.uploadsCreated).toBe(1); // the reload reused the session; the backend was not asked again
  expect(await storedSourceSha256(sys, done.videoId as string)).toBe(sha);
  await page.close();
});

test('failed part requests (reset, 500, 403 expired, 503) are retried and the file arrives intact', async () => {
  const path = join(work, 'flaky.bin');
  const sha = await writeRandomFile(path, 19 * MiB, 22);
  const page = await browser.newPage();
  const events = await listen(page);
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };
  const firstAttempt: Record<number, (route: Route) => Promise<void>> = {
    1: (route) => route.abort('connectionreset'),
    2: (route) => route.fulfill({ status: 500, headers: cors, body: '<Error><Code>InternalError</Code></Error>' }),
    3: (route) =>
      route.fulfill({
        status: 403,
        headers: cors,
        body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
      }),
    4: (route) =>
      route.fulfill({
        status: 503,
        headers: { ...cors, 'retry-after': '0' },
        body: '<Error><Code>SlowDown</Code></Error>',
      }),
  };
  await page.route(
    (url) => url.href.startsWith(sys.s3.endpoint),
    (route) => {
      if (!isPut(route)) return route.continue();
      const fail = firstAttempt[partOf(route)];
      delete firstAttempt[partOf(route)];
      return fail ? fail(route) : route.continue();
    },
  );
  await page.goto(`${site.url}/?retryBaseMs=20`);
  await page.setInputFiles('#file', path);
  const done = await events.next((r) => r.type === 'done' || r.type === 'error');

  expect(done).toMatchObject({ type: 'done' });
  const retries = events.seen
    .filter((r) => r.type === 'retry')
    .map((r) => ({ part: r.partNumber as number, error: r.error as string, message: r.message as string }));
  // Each part's first retry is the failure injected into it, seen as what it was; the storage
  // answers are retried exactly once each. A retry beyond those can only be a part's own link
  // trouble on a loaded machine (a reused socket reset, a stall), which the uploader must retry
  // too; it is shown, not counted.
  const firstOf = (part: number) => retries.find((r) => r.part === part);
  expect([1, 2, 3, 4].map((part) => [firstOf(part)?.error, firstOf(part)?.message.match(/HTTP \d+/)?.[0]])).toEqual([
    ['PartNetworkError', undefined],
    ['UploadError', 'HTTP 500'],
    ['UploadError', 'HTTP 403'],
    ['UploadError', 'HTTP 503'],
  ]);
  const linkTrouble = (r: { error: string }) => r.error === 'PartNetworkError' || r.error === 'StallError';
  expect(
    retries
      .filter((r) => !linkTrouble(r))
      .map((r) => r.part)
      .sort(),
  ).toEqual([2, 3, 4]);
  const extra = retries.filter((r) => r !== firstOf(r.part));
  if (extra.length > 0) console.warn('retries beyond the injected failures:', extra);
  expect(await storedSourceSha256(sys, done.videoId as string)).toBe(sha);
  await page.close();
});

test('going offline pauses the upload and coming back online resumes it', async () => {
  const path = join(work, 'offline.bin');
  const sha = await writeRandomFile(path, 16 * MiB, 23);
  const context = await browser.newContext();
  const page = await context.newPage();
  const events = await listen(page);
  let hold = true;
  const held: Route[] = [];
  await page.route(
    (url) => url.href.startsWith(sys.s3.endpoint),
    (route) => {
      if (!isPut(route) || !hold || partOf(route) === 1) return route.continue();
      held.push(route); // parts after the first wait here until the network "drops"
    },
  );
  await page.goto(site.url);
  await page.setInputFiles('#file', path);
  await events.next((r) => r.type === 'part' && r.partNumber === 1);

  await context.setOffline(true);
  await events.next((r) => r.type === 'state' && r.status === 'paused');
  hold = false;
  held.forEach((route) => route.abort().catch(() => {}));
  await context.setOffline(false);
  const done = await events.next((r) => r.type === 'done' || r.type === 'error');

  expect(done).toMatchObject({ type: 'done' });
  expect(events.seen.filter((r) => r.type === 'state').map((r) => r.status)).toEqual([
    'preparing',
    'uploading',
    'paused',
    'uploading',
    'completing',
    'done',
  ]);
  expect(await storedSourceSha256(sys, done.videoId as string)).toBe(sha);
  await context.close();
});

test('a page whose /config.json fails says so when a file is picked, and starts no upload', async () => {
  const path = join(work, 'no-config.bin');
  await writeRandomFile(path, 1 * MiB, 29);
  const context = await browser.newContext();
  const page = await context.newPage();
  const events = await listen(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.route(`${site.url}/config.json`, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  const uploadsBefore = site.stats.uploadsCreated;
  await page.goto(site.url);
  await page.setInputFiles('#file', path);

  const failed = await events.next((r) => r.type === 'error' || r.type === 'done');
  expect(failed).toMatchObject({ type: 'error', message: '/config.json answered HTTP 503' });
  expect(await page.textContent('#status')).toBe('Cannot start the upload: /config.json answered HTTP 503');
  expect(site.stats.uploadsCreated).toBe(uploadsBefore);
  // The early rejection is handled: nothing unhandled on the page.
  expect(pageErrors).toEqual([]);
  await context.close();
});
