import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/browser';
import { generateClip, type ClipOptions } from '../../../test/support/clips';
import { client } from '../../../test/support/http';
import { startSystem, type TestSystem } from '../../../test/support/system';
import { settled, uploadAndComplete, waitForVideo } from '../../../test/transcode/system-helpers';

const PLAYER = join(__dirname, '..', '..');
const MODULES = join(PLAYER, '..', 'node_modules');

/** Files the test page may load, all from this machine: our build and the players we compare with. */
const FILES: Record<string, [string, string]> = {
  '/sf-player.js': [join(PLAYER, 'dist/sf-player.js'), 'text/javascript'],
  '/sf-player.iife.js': [join(PLAYER, 'dist/sf-player.iife.js'), 'text/javascript'],
  '/vendor/hls.js': [join(MODULES, 'hls.js/dist/hls.min.js'), 'text/javascript'],
  '/vendor/dash.js': [join(MODULES, 'dashjs/dist/modern/umd/dash.all.min.js'), 'text/javascript'],
  '/vendor/axe.js': [join(MODULES, 'axe-core/axe.min.js'), 'text/javascript'],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sf-player test</title>
<script type="module" src="/sf-player.js"></script></head>
<body style="margin:0"><main><h1>Player</h1><button id="outside">outside</button></main></body></html>`;

export interface PlayerHarness {
  sys: TestSystem;
  browser: Browser;
  site: string;
  work: string;
  api: ReturnType<typeof client>;
  close(): Promise<void>;
}

/** A whole StreamForge (api + worker + S3) and Debian's Chromium, with a page server for the player. */
export async function startHarness(env: Record<string, string>): Promise<PlayerHarness> {
  if (!existsSync(FILES['/sf-player.js'][0])) throw new Error('Build the player first: npm run -s player:build');
  const work = await mkdtemp(join(tmpdir(), 'sf-player-'));
  const sys = await startSystem({ worker: true, env });
  const api = client(sys.baseUrl, await sys.createKey('player'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = FILES[path];
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (!file) return void res.writeHead(404).end();
    readFile(file[0]).then(
      (body) => res.writeHead(200, { 'content-type': file[1] }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  return {
    sys,
    browser,
    site,
    work,
    api,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await sys.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** Generates a clip, uploads it as a customer would and waits until `until` says so (default: ready). */
export async function transcodedVideo(
  h: PlayerHarness,
  name: string,
  clip: ClipOptions,
  until: (video: any) => boolean = settled,
): Promise<any> {
  const path = join(h.work, `${name}.mp4`);
  await generateClip(path, clip);
  const id = await uploadAndComplete(h.api, path);
  const video = await waitForVideo(h.api, id, until, 180_000);
  if (video.status === 'failed') throw new Error(`transcoding failed: ${JSON.stringify(video.error)}`);
  return video;
}

/** A fresh page of the test site with `<sf-player>` defined; collects the player's events. */
export async function playerPage(h: PlayerHarness, viewport = { width: 800, height: 600 }): Promise<Page> {
  const page = await h.browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(h.site);
  await page.waitForFunction(() => customElements.get('sf-player') !== undefined);
  return page;
}

/**
 * Adds `<sf-player>` with these attributes; `window.events` records its events as
 * `{ type, t, detail }` so tests can wait for them.
 */
export async function mountPlayer(page: Page, attributes: Record<string, string | true>): Promise<void> {
  await page.evaluate((attrs) => {
    const w = window as any;
    w.events = [];
    const el = document.createElement('sf-player');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v === true ? '' : v);
    el.id = 'player';
    for (const type of ['qualitychange', 'renditions', 'error', 'ended', 'playing', 'seeked', 'waiting']) {
      el.addEventListener(type, (e) =>
        w.events.push({ type, t: (el as any).currentTime, detail: (e as CustomEvent).detail ?? null }),
      );
    }
    document.querySelector('main')!.append(el);
  }, attributes);
}

/** Resolves once the page recorded an event of `type` whose detail contains `detail` (deep, partial). */
export async function waitForEvent(page: Page, type: string, timeout = 30_000, detail: Record<string, unknown> = {}) {
  try {
    const handle = await page.waitForFunction(
      ([t, d]) => {
        const contains = (have: any, want: any): boolean =>
          want !== null && typeof want === 'object'
            ? Object.keys(want).every((k) => contains(have?.[k], want[k]))
            : have === want;
        return (window as any).events.find((e: any) => e.type === t && contains(e.detail, d));
      },
      [type, detail] as const,
      { timeout, polling: 100 },
    );
    return handle.jsonValue();
  } catch (error) {
    const seen = await page.evaluate(() => (window as any).events).catch(() => 'page gone');
    throw new Error(`no ${type} ${JSON.stringify(detail)} within ${timeout} ms; events: ${JSON.stringify(seen)}`, {
      cause: error,
    });
  }
}

export const player = (page: Page) => page.locator('#player');
