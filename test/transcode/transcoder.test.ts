import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLadder } from '@streamforge/core';
import { generateClip } from '../support/clips';
import { MediaError } from '../../worker/src/media/errors';
import { loadProbeFixture } from '../../worker/src/media/fixtures/load';
import { planLadder } from '../../worker/src/media/ladder';
import { probeFile, summarizeProbe } from '../../worker/src/media/probe';
import { ProcessAbortedError, ProcessTimeoutError } from '../../worker/src/media/process-runner';
import { planStoryboard } from '../../worker/src/media/storyboard';
import {
  assertComplete,
  contentTypeOf,
  ffmpegFailure,
  type LadderRun,
  runLadder,
  StalledEncodeError,
} from '../../worker/src/media/transcoder';

const TIMEOUT_MS = 60_000;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-transcoder-'));
});
afterEach(async () => {
  // Retried: on a busy machine the removal has been seen to meet a file appearing in out/ after a
  // cancelled run (ENOTEMPTY), though runLadder settles only once ffmpeg has closed.
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
});

function ladderRun(source: string, overrides: Partial<LadderRun> = {}): Promise<LadderRun> {
  return probeFile(source, { timeoutMs: TIMEOUT_MS }).then((probe) => {
    const info = summarizeProbe(probe);
    const plans = planLadder(info, parseLadder('90:300,180:600'));
    return {
      input: source,
      outDir: join(work, 'out'),
      info,
      plans,
      storyboard: planStoryboard(info.duration, 320, 180),
      settings: { preset: 'veryfast', crf: 23, maxPixels: 8_294_400 },
      timeoutMs: TIMEOUT_MS,
      stallMs: 60_000,
      pollMs: 50,
      ...overrides,
    };
  });
}

describe('runLadder (real ffmpeg)', () => {
  let source: string;
  beforeEach(async () => {
    source = join(work, 'source.mp4');
    await generateClip(source, { seconds: 6, width: 320, height: 180 });
  });

  it('reports increasing whole percents and every track, video rungs first', async () => {
    const percents: number[] = [];
    const seen: string[][] = [];
    const tracks = await runLadder(
      await ladderRun(source, {
        onProgress: (p) => percents.push(p),
        onSegments: async (t) => void seen.push(t.map((x) => x.id)),
      }),
    );
    expect(tracks.map((t) => t.id)).toEqual(['90p', '180p', 'audio']);
    expect(seen.at(-1)).toEqual(['90p', '180p', 'audio']);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(new Set(percents).size).toBe(percents.length);
    expect(Math.max(...percents)).toBeLessThanOrEqual(99);
  });

  it('publishes as ffmpeg puts each playlist in place, without waiting for the timer', async () => {
    const calls: number[] = [];
    const tracks = await runLadder(
      await ladderRun(source, {
        pollMs: 3_600_000, // the timer never fires here: only the playlist watch can start a pass
        onSegments: async (t) => void calls.push(t.reduce((n, x) => n + x.segments.length, 0)),
      }),
    );
    // Passes while ffmpeg ran, then the final call with everything.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls.at(-1)).toBe(tracks.reduce((n, x) => n + x.segments.length, 0));
  });

  it('stops the encode when publishing fails, with that error', async () => {
    const run = runLadder(
      await ladderRun(source, {
        onSegments: async () => {
          throw new Error('storage is down');
        },
      }),
    );
    await expect(run).rejects.toThrow('storage is down');
  });

  it('times out with a plain, retryable error rather than a MediaError', async () => {
    const error = await runLadder(await ladderRun(source, { timeoutMs: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect(error).not.toBeInstanceOf(MediaError);
  });

  it('kills an encode whose output clock stops moving, with a retryable StalledEncodeError', async () => {
    const error = await runLadder(await ladderRun(source, { stallMs: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalledEncodeError);
    expect(error).not.toBeInstanceOf(MediaError);
  });

  it('rejects as cancelled (not as bad media) when the signal aborts during ffmpeg', async () => {
    const controller = new AbortController();
    const run = runLadder(await ladderRun(source, { signal: controller.signal, onProgress: () => controller.abort() }));
    await expect(run).rejects.toBeInstanceOf(ProcessAbortedError);
  });
});

describe('contentTypeOf', () => {
  it('gives each file the content type browsers and CDNs expect', () => {
    expect(contentTypeOf('manifest.json')).toBe('application/json');
    expect(contentTypeOf('720p/index.m3u8')).toBe('application/vnd.apple.mpegurl');
    expect(contentTypeOf('manifest.mpd')).toBe('application/dash+xml');
    expect(contentTypeOf('720p/init.mp4')).toBe('video/mp4');
    expect(contentTypeOf('720p/seg_00000.m4s')).toBe('video/iso.segment');
    expect(contentTypeOf('thumbs/00001.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('storyboard.vtt')).toBe('text/vtt');
    expect(contentTypeOf('720p/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('assertComplete', () => {
  const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
  const lasting = (video: number | null, container: number) => ({
    ...info,
    duration: container,
    video: { ...info.video, duration: video },
  });

  it('accepts output that is as long as the video track, within a frame or two', () => {
    expect(() => assertComplete(lasting(6, 6), 6.016)).not.toThrow();
    expect(() => assertComplete(lasting(600, 600), 590)).not.toThrow();
  });

  it('does not blame the file when only its audio runs longer than the video', () => {
    expect(() => assertComplete(lasting(2, 9), 2)).not.toThrow();
  });

  it('calls output far shorter than the header promised corrupt_media, with the numbers', () => {
    expect(() => assertComplete(lasting(6, 6), 2)).toThrow(expect.objectContaining({ code: 'corrupt_media' }));
    expect(() => assertComplete(lasting(null, 60), 20)).toThrow(/says it lasts 60.0 s but only 20.0 s/);
  });
});

describe('ffmpegFailure', () => {
  it('blames the media when ffmpeg gives up on a file that probed fine, without leaking ffmpeg output', () => {
    const error = ffmpegFailure(1, null, '/tmp/sf-job/source: Invalid data found when processing input');
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe('corrupt_media');
    expect(error.message).not.toContain('/tmp');
  });

  it.each([
    ['a full disk', 1, null, 'av_interleaved_write_frame(): No space left on device'],
    ['the OOM killer', null, 'SIGKILL', ''],
  ] as const)('retries after %s instead of failing the video', (_, code, signal, stderr) => {
    expect(ffmpegFailure(code, signal, stderr)).not.toBeInstanceOf(MediaError);
  });
});
