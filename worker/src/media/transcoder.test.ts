import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip, generateNonVideo } from '../../../test/support/clips';
import { MediaError } from './errors';
import { MANIFEST_FILENAME } from './manifest';
import { probeFile, summarizeProbe } from './probe';
import { ProcessAbortedError, ProcessTimeoutError, runProcess } from './process-runner';
import { assertComplete, contentTypeOf, ffmpegFailure, outputFiles, transcodeToCmaf } from './transcoder';
import { loadProbeFixture } from './fixtures/load';

const TIMEOUT_MS = 60_000;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-transcoder-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (error instanceof MediaError) return error.code;
  throw new Error(`expected a MediaError, got ${String(error)}`);
}

/** avc1 codec string straight from the avcC box bytes: profile, constraint flags, level. */
function avcFromInit(init: Buffer): string {
  const at = init.indexOf('avcC');
  return `avc1.${init.subarray(at + 5, at + 8).toString('hex')}`;
}

describe('transcodeToCmaf (real ffmpeg)', () => {
  it('turns a 6 s 640x360 clip into a playable 360p CMAF rung with an exact manifest', async () => {
    const source = join(work, 'source.mp4');
    const out = join(work, 'out');
    await generateClip(source, { seconds: 6 });
    const percents: number[] = [];

    const result = await transcodeToCmaf(source, out, { timeoutMs: TIMEOUT_MS, onProgress: (p) => percents.push(p) });

    const sourceInfo = summarizeProbe(await probeFile(source, { timeoutMs: TIMEOUT_MS }));
    const [rendition] = result.manifest.renditions;
    expect(result.plan).toMatchObject({ id: '360p', width: 640, height: 360 });
    expect(rendition).toMatchObject({ id: '360p', width: 640, height: 360, mime_type: 'video/mp4' });

    const total = rendition.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(Math.abs(total - sourceInfo.duration)).toBeLessThan(0.5);
    expect(Math.abs(result.manifest.duration - sourceInfo.duration)).toBeLessThan(0.5);
    expect(rendition.segments.length).toBe(2);
    expect(rendition.segments[0]).toMatchObject({ url: '360p/seg_00000.m4s', start: 0, duration: 4 });

    for (const segment of rendition.segments) {
      expect((await stat(join(out, segment.url))).size).toBe(segment.bytes);
      expect(rendition.bandwidth).toBeGreaterThanOrEqual(Math.floor((segment.bytes * 8) / segment.duration));
    }

    const init = await readFile(join(out, rendition.init));
    expect(rendition.codecs).toBe(`${avcFromInit(init)},mp4a.40.2`);

    // A player joins init + a segment; ffprobe must read that as 640x360 H.264 + AAC.
    const joined = join(work, 'joined.mp4');
    await writeFile(joined, Buffer.concat([init, await readFile(join(out, rendition.segments[1].url))]));
    const produced = await probeFile(joined, { timeoutMs: TIMEOUT_MS });
    const video = produced.streams?.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', width: 640, height: 360 });
    expect(produced.streams?.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac', channels: 2, sample_rate: '48000' });

    const written = JSON.parse(await readFile(join(out, MANIFEST_FILENAME), 'utf8'));
    expect(written).toEqual(result.manifest);
    for (const file of result.files) await expect(stat(join(out, file.relativePath))).resolves.toBeDefined();
    expect(result.files.map((f) => f.relativePath)).toEqual([
      'manifest.json', '360p/index.m3u8', '360p/init.mp4', '360p/seg_00000.m4s', '360p/seg_00001.m4s',
    ]);

    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(new Set(percents).size).toBe(percents.length);
  });

  it('stands a phone portrait clip upright: 360x640, no display rotation left', async () => {
    const source = join(work, 'portrait.mp4');
    await generateClip(source, { seconds: 2, audio: false, rotate: 90 });
    const result = await transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS });
    expect(result.info.video.rotation).toBe(90);
    expect(result.manifest.renditions[0]).toMatchObject({ id: '640p', width: 360, height: 640, codecs: expect.not.stringContaining('mp4a') });
  });

  it('rejects a text file named .mp4 as unsupported_format', async () => {
    const source = join(work, 'notes.mp4');
    await generateNonVideo(source);
    expect(await codeOf(transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS }))).toBe('unsupported_format');
  });

  it('rejects an audio-only file as no_video_stream', async () => {
    const source = join(work, 'song.m4a');
    const made = await runProcess('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'aac', source], { timeoutMs: TIMEOUT_MS });
    expect(made.code).toBe(0);
    expect(await codeOf(transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS }))).toBe('no_video_stream');
  });

  it('refuses an HLS playlist disguised as .mp4 that points at a local file', async () => {
    const source = join(work, 'trap.mp4');
    await writeFile(source, '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n');
    const error = await transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe('unsupported_format');
    expect((error as MediaError).message).not.toContain(work);
  });

  it('fails a file truncated after a valid header as corrupt_media', async () => {
    const whole = join(work, 'whole.mp4');
    await generateClip(whole, { seconds: 6 });
    const bytes = await readFile(whole);
    // faststart puts moov first: the header promises 6 s, but most frames are missing.
    const source = join(work, 'truncated.mp4');
    await writeFile(source, bytes.subarray(0, Math.floor(bytes.length / 3)));
    expect(await codeOf(transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS }))).toBe('corrupt_media');
  });

  it('times out with a plain, retryable error rather than a MediaError', async () => {
    const source = join(work, 'source.mp4');
    await generateNonVideo(source);
    const error = await transcodeToCmaf(source, join(work, 'out'), { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect(error).not.toBeInstanceOf(MediaError);
  });

  it('rejects as cancelled (not as bad media) when the signal aborts during ffmpeg', async () => {
    const source = join(work, 'source.mp4');
    await generateClip(source, { seconds: 6 });
    const controller = new AbortController();
    const run = transcodeToCmaf(source, join(work, 'out'), { timeoutMs: TIMEOUT_MS, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(ProcessAbortedError);
  });
});

describe('outputFiles', () => {
  it('gives each file the content type browsers and CDNs expect', () => {
    expect(contentTypeOf('manifest.json')).toBe('application/json');
    expect(contentTypeOf('720p/index.m3u8')).toBe('application/vnd.apple.mpegurl');
    expect(contentTypeOf('720p/init.mp4')).toBe('video/mp4');
    expect(contentTypeOf('720p/seg_00000.m4s')).toBe('video/iso.segment');
    expect(contentTypeOf('720p/unknown.bin')).toBe('application/octet-stream');
  });

  it('lists only what the manifest references, manifest first', () => {
    const files = outputFiles({
      version: 1, duration: 4, segment_duration: 4,
      renditions: [{
        id: '720p', type: 'video', width: 1280, height: 720, codecs: 'avc1.64001f', mime_type: 'video/mp4',
        bandwidth: 1, init: '720p/init.mp4', segments: [{ url: '720p/seg_00000.m4s', start: 0, duration: 4, bytes: 1 }],
      }],
    });
    expect(files).toEqual([
      { relativePath: 'manifest.json', contentType: 'application/json' },
      { relativePath: '720p/index.m3u8', contentType: 'application/vnd.apple.mpegurl' },
      { relativePath: '720p/init.mp4', contentType: 'video/mp4' },
      { relativePath: '720p/seg_00000.m4s', contentType: 'video/iso.segment' },
    ]);
  });
});

describe('assertComplete', () => {
  const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
  const lasting = (video: number | null, container: number) => ({ ...info, duration: container, video: { ...info.video, duration: video } });

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
