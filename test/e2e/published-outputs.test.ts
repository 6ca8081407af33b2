/**
 * What the worker leaves in storage after a real transcode, read the way a player and a CDN read
 * it (HTTP from the embedded S3): cache headers, picture sizes, playable manifests, and that
 * deleting the ready video takes every object with it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage } from '@streamforge/core';
import type { Manifest } from '../../worker/src/media/manifest';
import { planStoryboard } from '../../worker/src/media/storyboard';
import { generateClip } from '../support/clips';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { ffprobeJson, ffprobeUrl, streamsOf, TEST_LADDER, vttCues } from '../transcode/outputs';
import { settled, uploadAndComplete, waitForVideo } from '../transcode/system-helpers';

/** Segments, init files, images and the storyboard never change under one output prefix. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Final playlists and manifests may be cached, briefly. */
const FINAL_DOCUMENT = 'public, max-age=60';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let storage: ObjectStorage;
let work: string;
let video: any;
let manifest: Manifest;
/** Public URL of the output folder, ending in `/`. */
let base: string;
/** Storage keys: the output folder (`acct/vid/v1/`) and the whole video (`acct/vid/`). */
let outputPrefix: string;
let videoPrefix: string;

beforeAll(async () => {
  // Two rungs (90p, 180p) from a 320x180 source; 5 s gives two thumbnails and two storyboard tiles.
  sys = await startSystem({ worker: true, env: { TRANSCODE_LADDER: TEST_LADDER } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  storage = new ObjectStorage(sys.config.s3);
  work = await mkdtemp(join(tmpdir(), 'sf-published-'));
  const source = join(work, 'clip.mp4');
  await generateClip(source, { seconds: 5, width: 320, height: 180 });
  const id = await uploadAndComplete(api, source);
  video = await waitForVideo(api, id, settled, 240_000);
  expect(video.status).toBe('ready');

  base = video.playback.manifest_url.replace(/manifest\.json$/, '');
  manifest = (await (await fetch(video.playback.manifest_url)).json()) as Manifest;
  const path = decodeURIComponent(new URL(base).pathname);
  outputPrefix = path.slice(`/${sys.config.s3.bucket}/`.length);
  videoPrefix = outputPrefix.replace(/v\d+\/$/, '');
  expect(videoPrefix).toMatch(new RegExp(`/${id}/$`));
}, 300_000); // a ceiling for a busy 2-core machine, not a wait: it goes on as soon as the video is ready

afterAll(async () => {
  storage?.destroy();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The Cache-Control each kind of output promises; a file of no known kind fails the test. */
function promisedCacheControl(name: string): string {
  if (/^[^/]+\/(init\.mp4|seg_\d+\.m4s)$/.test(name)) return IMMUTABLE;
  if (/^(thumbs\/\d+\.jpg|poster\.jpg|storyboard\.jpg|storyboard\.vtt)$/.test(name)) return IMMUTABLE;
  if (/^(master\.m3u8|[^/]+\/index\.m3u8|manifest\.mpd|manifest\.json)$/.test(name)) return FINAL_DOCUMENT;
  return `(no promise for ${name})`;
}

describe('a ready video, as published to storage', () => {
  it('every output carries the Cache-Control its kind promises (HEAD and GET)', async () => {
    const names = (await storage.listKeys(outputPrefix)).map((k) => k.slice(outputPrefix.length)).sort();
    // Every kind is there to be checked.
    for (const kind of [
      /^180p\/init\.mp4$/,
      /^180p\/seg_\d+\.m4s$/,
      /^audio\/init\.mp4$/,
      /^audio\/seg_\d+\.m4s$/,
      /^thumbs\/\d+\.jpg$/,
      /^poster\.jpg$/,
      /^storyboard\.jpg$/,
      /^storyboard\.vtt$/,
      /^master\.m3u8$/,
      /^180p\/index\.m3u8$/,
      /^manifest\.mpd$/,
      /^manifest\.json$/,
    ]) {
      expect({ kind: String(kind), found: names.some((n) => kind.test(n)) }).toEqual({
        kind: String(kind),
        found: true,
      });
    }

    const seen = [];
    for (const name of names) {
      const head = await fetch(base + name, { method: 'HEAD' });
      expect(head.status).toBe(200);
      seen.push({ name, cacheControl: head.headers.get('cache-control') });
    }
    expect(seen).toEqual(names.map((name) => ({ name, cacheControl: promisedCacheControl(name) })));

    for (const name of ['master.m3u8', '180p/seg_00000.m4s', 'poster.jpg']) {
      const got = await fetch(base + name);
      expect(got.status).toBe(200);
      await got.arrayBuffer();
      expect({ name, cacheControl: got.headers.get('cache-control') }).toEqual({
        name,
        cacheControl: promisedCacheControl(name),
      });
    }
  });

  it('thumbnails are 320 px on the long side, the poster is the top rung, storyboard tiles 160 px', async () => {
    const size = async (name: string) => {
      const [picture] = (await ffprobeJson(base + name)).streams;
      return [picture.width, picture.height];
    };
    const top = manifest.renditions.at(-1)!;
    expect([top.width, top.height]).toEqual([320, 180]);

    expect(manifest.thumbnails!.urls).toHaveLength(2); // t = 0 and 4 of 5 s
    for (const thumb of manifest.thumbnails!.urls)
      expect({ thumb, size: await size(thumb) }).toEqual({ thumb, size: [320, 180] });
    expect(await size(manifest.poster!)).toEqual([320, 180]);

    // The sprite is a grid of 160x90 tiles, as many columns and rows as the plan for this video.
    const plan = planStoryboard(manifest.duration, top.width, top.height);
    expect([plan.tileWidth, plan.tileHeight]).toEqual([160, 90]);
    expect(await size(manifest.storyboard!.image)).toEqual([plan.columns * 160, plan.rows * 90]);
    const vtt = join(work, 'storyboard.vtt');
    await writeFile(vtt, await (await fetch(base + manifest.storyboard!.vtt)).text());
    const cues = await vttCues(vtt);
    expect(cues).toHaveLength(2);
    for (const cue of cues) expect(cue.text).toMatch(/^storyboard\.jpg#xywh=\d+,\d+,160,90$/);
  });

  it('a player opens the published HLS and DASH: every rung and the audio, with their sizes and the duration', async () => {
    for (const url of [video.playback.hls_url, video.playback.dash_url]) {
      const streams = streamsOf(await ffprobeUrl(url));
      expect({ url, video: streams.video.map((v: any) => [v.codec, v.width, v.height]).sort() }).toEqual({
        url,
        video: [
          ['h264', 160, 90],
          ['h264', 320, 180],
        ],
      });
      expect(streams.audio.map((a: any) => a.codec)).toEqual(['aac']);
      expect(Math.abs(streams.duration - video.duration)).toBeLessThanOrEqual(0.1);
    }
  });

  // Last: it removes what the tests above read.
  it('deleting the ready video removes its source and every output from storage', async () => {
    const before = await storage.listKeys(videoPrefix);
    expect(before).toContain(`${videoPrefix}source`);
    expect(before.filter((k) => k.startsWith(outputPrefix)).length).toBeGreaterThan(10);

    const deleted = await api('DELETE', `/v1/videos/${video.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: video.id, object: 'video', deleted: true });

    expect(await storage.listKeys(videoPrefix)).toEqual([]);
    expect((await fetch(video.playback.hls_url)).status).toBe(404);
    expect((await api('GET', `/v1/videos/${video.id}`)).status).toBe(404);
  });
});
