/**
 * `npm run -s bench:player [runs]` — time-to-first-frame and seek-to-frame of <sf-player> (on
 * manifest.json) against hls.js (on our HLS) and dash.js (on our DASH), same content, one Chromium.
 *
 * The media is made once by the worker's own pipeline (a 60 s 720p25 source with motion, light noise and a tone,
 * the default ladder) and served from one local HTTP server with the three players' files. Each run
 * plays every player in a rotating order, unthrottled and with CDP throttling (5 Mbit/s, 40 ms RTT),
 * each in a fresh browser context (empty HTTP cache):
 *   TTFF  — from creating the player (scripts already loaded) to the first presented frame
 *           (requestVideoFrameCallback) after a muted play();
 *   seek  — from setting currentTime to 45 s (beyond every player's forward buffer) to the first
 *           frame presented at ≥ 44.9 s.
 * Prints every run, then medians, min/max and the median of sf-player's per-run ratios to each
 * other player, plus the gzipped bundle sizes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { loadConfig } = require('../../core/dist/index.js');
const { transcodeVideo, localSink } = require('../../worker/dist/media/pipeline.js');

const ROOT = new URL('../../', import.meta.url).pathname;
const RUNS = Math.max(5, Number(process.argv[2]) || 5);
const SEEK_TO = 45;
const THROTTLED = { offline: false, latency: 40, downloadThroughput: 5e6 / 8, uploadThroughput: 5e6 / 8 };
const FILES = {
  '/sf-player.js': join(ROOT, 'sdk-player/dist/sf-player.js'),
  '/hls.js': join(ROOT, 'node_modules/hls.js/dist/hls.min.js'),
  '/dash.js': join(ROOT, 'node_modules/dashjs/dist/modern/umd/dash.all.min.js'),
};
const TYPES = {
  '.json': 'application/json',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.js': 'text/javascript',
  '.jpg': 'image/jpeg',
  '.vtt': 'text/vtt',
};

async function makeMedia(dir) {
  const out = join(dir, 'out');
  if (existsSync(join(out, 'manifest.mpd'))) return out;
  await mkdir(dir, { recursive: true });
  const source = join(dir, 'source.mp4');
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=25:duration=60',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=60',
    '-vf',
    'noise=alls=5:allf=t',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '23',
    '-c:a',
    'aac',
    '-shortest',
    source,
  ]);
  const transcode = loadConfig({ NODE_ENV: 'test' }).transcode;
  await transcodeVideo(source, out, localSink(out), { transcode, pollMs: 200 });
  return out;
}

function serve(mediaDir) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/hls.js"></script><script src="/dash.js"></script><script type="module" src="/sf-player.js"></script>
</head><body><main></main></body></html>`;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const file = FILES[path] ?? (path.startsWith('/media/') ? join(mediaDir, normalize(path.slice(7))) : null);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page: starts one player, resolves with { ttff, seek } in ms. */
function measureInPage({ kind, base, seekTo }) {
  const frame = (video, test) =>
    new Promise((resolve) => {
      const check = (now, meta) => (test(meta) ? resolve(now) : video.requestVideoFrameCallback(check));
      video.requestVideoFrameCallback(check);
    });
  return (async () => {
    const main = document.querySelector('main');
    const started = performance.now();
    let video;
    if (kind === 'sf-player') {
      const el = document.createElement('sf-player');
      el.setAttribute('muted', '');
      el.setAttribute('src', `${base}/manifest.json`);
      main.append(el);
      video = el.media;
      void el.play().catch(() => undefined);
    } else {
      video = document.createElement('video');
      video.muted = true;
      video.style.width = '640px';
      main.append(video);
      if (kind === 'hls.js') {
        const hls = new window.Hls();
        hls.loadSource(`${base}/master.m3u8`);
        hls.attachMedia(video);
      } else {
        window.dashjs.MediaPlayer().create().initialize(video, `${base}/manifest.mpd`, false);
      }
      void video.play().catch(() => undefined);
    }
    const first = await frame(video, () => true);
    const ttff = first - started;
    await new Promise((r) => setTimeout(r, 1000));
    const seekStart = performance.now();
    video.currentTime = seekTo;
    const landed = await frame(video, (meta) => meta.mediaTime >= seekTo - 0.1);
    return { ttff, seek: landed - seekStart };
  })();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gz = async (file) => gzipSync(await readFile(file), { level: 9 }).length / 1024;

async function main() {
  if (!existsSync(FILES['/sf-player.js'])) throw new Error('Build the player first: npm run -s player:build');
  const work = join(tmpdir(), 'sf-bench-player');
  const media = await makeMedia(work);
  const manifest = JSON.parse(await readFile(join(media, 'manifest.json'), 'utf8'));
  const server = await serve(media);
  const site = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  console.log(
    `media: ${manifest.duration.toFixed(1)} s, renditions ${manifest.renditions.map((r) => `${r.height}p@${Math.round(r.bandwidth / 1000)}k`).join(' ')}, audio ${Math.round((manifest.audio?.bandwidth ?? 0) / 1000)}k; ${RUNS} runs`,
  );
  const players = ['sf-player', 'hls.js', 'dash.js'];
  const results = {};
  try {
    for (let run = 1; run <= RUNS; run++) {
      const order = players.map((_, i) => players[(i + run - 1) % players.length]);
      for (const network of ['unthrottled', 'throttled']) {
        for (const kind of order) {
          const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
          const page = await context.newPage();
          await page.goto(site);
          await page.waitForFunction(() => window.Hls && window.dashjs && customElements.get('sf-player'));
          if (network === 'throttled') {
            const cdp = await context.newCDPSession(page);
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', THROTTLED);
          }
          const r = await page.evaluate(measureInPage, { kind, base: `${site}/media`, seekTo: SEEK_TO });
          await context.close();
          (results[`${network} ${kind}`] ??= []).push(r);
          console.log(
            `run ${run} ${network.padEnd(11)} ${kind.padEnd(9)} TTFF ${r.ttff.toFixed(0).padStart(5)} ms  seek ${r.seek.toFixed(0).padStart(5)} ms`,
          );
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log('\nmedians (min–max), ms');
  const rows = {};
  for (const [key, rs] of Object.entries(results)) {
    const t = rs.map((r) => r.ttff);
    const s = rs.map((r) => r.seek);
    rows[key] = {
      TTFF: `${median(t).toFixed(0)} (${Math.min(...t).toFixed(0)}–${Math.max(...t).toFixed(0)})`,
      seek: `${median(s).toFixed(0)} (${Math.min(...s).toFixed(0)}–${Math.max(...s).toFixed(0)})`,
    };
  }
  console.table(rows);
  for (const network of ['unthrottled', 'throttled']) {
    const sf = results[`${network} sf-player`];
    for (const other of ['hls.js', 'dash.js']) {
      const o = results[`${network} ${other}`];
      // Each run measured every player: ratios are taken within a run, then their median.
      const ratios = (pick) => sf.map((r, i) => pick(r) / pick(o[i]));
      const fmt = (xs) => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
      console.log(
        `${network}: sf-player / ${other}, median of the per-run ratios (min–max): TTFF ${fmt(ratios((r) => r.ttff))}, seek ${fmt(ratios((r) => r.seek))}`,
      );
    }
  }
  console.log(
    `bundles (gzip): sf-player ${(await gz(FILES['/sf-player.js'])).toFixed(1)} KB, hls.js ${(await gz(FILES['/hls.js'])).toFixed(1)} KB, dash.js (all) ${(await gz(FILES['/dash.js'])).toFixed(1)} KB, dash.js (mediaplayer) ${(await gz(join(ROOT, 'node_modules/dashjs/dist/modern/umd/dash.mediaplayer.min.js'))).toFixed(1)} KB`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
