import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../support/clips';
import { EncoderGate } from '../support/encoder-gate';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { settled, uploadAndComplete, waitForVideo } from './system-helpers';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let work: string;

beforeAll(async () => {
  // A slow preset makes each step of the held encoder (see EncoderGate) small.
  sys = await startSystem({ worker: true, env: { TRANSCODE_PRESET: 'veryslow', TRANSCODE_LADDER: '90:300,180:600' } });
  api = client(sys.baseUrl, await sys.createKey('progressive'));
  work = await mkdtemp(join(tmpdir(), 'sf-progressive-'));
});
afterAll(async () => {
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const text = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
};

describe('playable in seconds: progressive publishing through the API', () => {
  it('shows progress, becomes playable while processing with growing manifests, then ready with every output', async () => {
    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 10, width: 320, height: 180 });
    const id = await uploadAndComplete(api, clip);

    // The worker runs in this process, so its ffmpeg is our child. It moves only in small steps until
    // the API says playable, then stays stopped: the video cannot finish while the test looks.
    const encoder = await EncoderGate.catch(process.pid);
    // The worker (WORKER_CONCURRENCY 2) runs this job alone: ffmpeg picks its threads for the whole host.
    expect(await encoder.args()).toContain('-filter_complex');
    expect(await encoder.args()).not.toContain('-threads');
    const stages = new Set<string>();
    let early: any;
    await encoder.stepUntil(async () => {
      early = (await api('GET', `/v1/videos/${id}`)).body;
      if (early.progress) stages.add(early.progress.stage);
      return early.playable === true;
    });
    expect(early).toMatchObject({ status: 'processing', playable: true });
    expect(stages).toContain('transcoding');
    expect(early.renditions.map((r: any) => r.id)).toEqual(['90p', '180p', 'audio']);
    expect(early.playback).toMatchObject({ dash_url: null, poster_url: null, storyboard_url: null });
    const growing = JSON.parse(await text(early.playback.manifest_url));
    expect(growing.complete).toBe(false);
    const master = await text(early.playback.hls_url);
    const base = early.playback.hls_url.replace(/master\.m3u8$/, '');
    const media = await text(`${base}${master.split('\n').find((l: string) => l.endsWith('index.m3u8'))}`);
    expect(media).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(media).not.toContain('#EXT-X-ENDLIST');
    // Everything the growing manifest lists is already online.
    for (const r of growing.renditions) {
      expect((await fetch(base + r.init)).status).toBe(200);
      for (const s of r.segments) expect((await fetch(base + s.url)).status).toBe(200);
    }

    encoder.resume();
    const video = await waitForVideo(api, id, settled);
    expect(video).toMatchObject({ status: 'ready', playable: true, progress: null });
    const final = JSON.parse(await text(video.playback.manifest_url));
    expect(final.complete).toBe(true);
    expect(await text(video.playback.hls_url)).toContain('AVERAGE-BANDWIDTH');
    expect(await text(video.playback.dash_url)).toContain('<MPD');
    expect(await text(video.playback.storyboard_url)).toMatch(/^WEBVTT/);
    for (const url of [video.playback.poster_url, video.playback.storyboard_image_url])
      expect((await fetch(url)).status).toBe(200);

    const events = await api('GET', '/v1/events?limit=100');
    expect(events.status).toBe(200);
    {
      const types = events.body.data
        .filter((e: any) => e.data.object.id === id)
        .map((e: any) => e.type)
        .reverse();
      expect(types.indexOf('video.playable')).toBeGreaterThanOrEqual(0);
      expect(types.indexOf('video.playable')).toBeLessThan(types.indexOf('video.ready'));
    }
  }, 300_000); // a ceiling above the gate's deadlines, not a wait: the test goes on at each awaited state
});
