import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import manifestSchema from '../../openapi/manifest.schema.json';
import { FIRST_SEGMENT_SECONDS, SEGMENT_SECONDS } from '../../worker/src/media/ffmpeg-args';
import { presentFromZeroInit } from '../../worker/src/media/cmaf-timing';
import { localSink, transcodeVideo } from '../../worker/src/media/pipeline';
import type { Manifest } from '../../worker/src/media/manifest';
import { generateClip } from '../support/clips';
import {
  avcProfileLevel,
  dashReferences,
  exists,
  ffprobeJson,
  ffprobeUrl,
  hlsReferences,
  joinTrack,
  packetSpans,
  sampleTimes,
  serveFromS3,
  streamsOf,
  testTranscodeConfig,
  vttCues,
} from './outputs';

let work: string;
let outDir: string;
let manifest: Manifest;
let growing: { manifest: Manifest; playlist: string; master: string };
/** Every growing manifest.json the pipeline wrote, in order. */
const growingWrites: Manifest[] = [];
/** The steps the pipeline announced, and those announced by the time it called `onPlayable`. */
const steps: string[] = [];
let stepsAtPlayable: string[] = [];
const SECONDS = 9;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-outputs-'));
  const source = join(work, 'source.mp4');
  await generateClip(source, { seconds: SECONDS, width: 640, height: 360 });
  outDir = join(work, 'out');
  const sink = localSink(outDir);
  const recording: typeof sink = {
    ...sink,
    async putGenerated(files) {
      await sink.putGenerated(files);
      const written = files.find((f) => f.path === 'manifest.json');
      const parsed = written && (JSON.parse(written.body) as Manifest);
      if (parsed && !parsed.complete) growingWrites.push(parsed);
    },
  };
  ({ manifest } = await transcodeVideo(source, outDir, recording, {
    transcode: testTranscodeConfig({ TRANSCODE_LADDER: '180:400,360:800' }),
    pollMs: 50,
    onStep: (step) => steps.push(step),
    onPlayable: async (m) => {
      stepsAtPlayable = [...steps];
      growing = {
        manifest: m,
        playlist: await readFile(join(outDir, `${m.renditions[0].id}/index.m3u8`), 'utf8'),
        master: await readFile(join(outDir, 'master.m3u8'), 'utf8'),
      };
    },
  }));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** avc1 codec string straight from the avcC box bytes: profile, constraint flags, level. */
function avcFromInit(init: Buffer): string {
  const at = init.indexOf('avcC');
  return `avc1.${init.subarray(at + 5, at + 8).toString('hex')}`;
}

describe('one pass, every output a customer expects (real ffmpeg)', () => {
  it('manifest.json: video rungs with exact codecs and measured bandwidth, a shared audio track, relative URLs', async () => {
    expect(manifest).toMatchObject({ version: 1, complete: true, segment_duration: 4 });
    expect(Math.abs(manifest.duration - SECONDS)).toBeLessThanOrEqual(0.5);
    expect(manifest.renditions.map((r) => [r.id, r.width, r.height])).toEqual([
      ['180p', 320, 180],
      ['360p', 640, 360],
    ]);
    for (const r of [...manifest.renditions, manifest.audio!]) {
      const init = await readFile(join(outDir, r.init));
      if (r.type === 'video') expect(r.codecs).toBe(avcFromInit(init));
      let start = 0;
      let bytes = 0;
      for (const s of r.segments) {
        expect(s.url).toMatch(new RegExp(`^${r.id}/seg_\\d{5}\\.m4s$`));
        expect(s.start).toBeCloseTo(start, 5);
        expect((await readFile(join(outDir, s.url))).length).toBe(s.bytes);
        expect(r.bandwidth).toBeGreaterThanOrEqual(Math.floor((s.bytes * 8) / s.duration));
        start += s.duration;
        bytes += s.bytes;
      }
      expect(r.average_bandwidth).toBe(Math.ceil((bytes * 8) / start));
    }
    expect(manifest.audio).toMatchObject({ id: 'audio', type: 'audio', codecs: 'mp4a.40.2', mime_type: 'audio/mp4' });
    expect(JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('manifest.json, growing and complete, is valid against the contract openapi/manifest.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(manifestSchema);
    for (const m of [growing.manifest, manifest]) {
      validate(m);
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  it('a short first segment for a fast start, then 4 s segments cut at the same instants in every rung', () => {
    const durations = (t: { segments: { duration: number }[] }) => t.segments.map((s) => s.duration);
    const [first, ...rest] = durations(manifest.renditions[0]);
    // 9 s: 0.5 s, then 4 s, 4 s and the last 0.5 s.
    expect(FIRST_SEGMENT_SECONDS).toBe(0.5);
    expect(first).toBeCloseTo(FIRST_SEGMENT_SECONDS, 1);
    expect(rest.slice(0, -1).every((d) => Math.abs(d - SEGMENT_SECONDS) < 0.05)).toBe(true);
    expect(rest.length).toBe(Math.ceil((SECONDS - FIRST_SEGMENT_SECONDS) / SEGMENT_SECONDS));
    for (const r of manifest.renditions) expect(durations(r)).toEqual(durations(manifest.renditions[0]));
    const audio = durations(manifest.audio!);
    // The audio is cut on its own frame grid, every FIRST_SEGMENT_SECONDS: the same short first
    // segment, 4 s ones after it, and the same length in all (a last segment of a frame or two where
    // the encoded audio runs just past a cut).
    const total = (d: number[]) => d.reduce((a, b) => a + b, 0);
    expect(Math.abs(audio[0] - first)).toBeLessThan(0.05);
    expect(audio.slice(1, rest.length).every((d) => Math.abs(d - SEGMENT_SECONDS) < 0.05)).toBe(true);
    expect(Math.abs(total(audio) - total([first, ...rest]))).toBeLessThan(0.1);
    expect([rest.length + 1, rest.length + 2]).toContain(audio.length);
  });

  it('HLS master: CODECS, BANDWIDTH, AVERAGE-BANDWIDTH, RESOLUTION and an audio group; every URI exists', async () => {
    const master = await readFile(join(outDir, 'master.m3u8'), 'utf8');
    const audio = manifest.audio!;
    for (const r of manifest.renditions) {
      expect(master).toContain(
        `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth + audio.bandwidth},AVERAGE-BANDWIDTH=${r.average_bandwidth + audio.average_bandwidth},` +
          `RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs},mp4a.40.2",AUDIO="audio"\n${r.id}/index.m3u8`,
      );
    }
    expect(master).toMatch(/#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio".*URI="audio\/index.m3u8"/);
    const files = await hlsReferences(outDir);
    expect(files.length).toBeGreaterThan(manifest.renditions.length * 3);
    for (const file of files) expect(await exists(join(outDir, file))).toBe(true);
    const media = await readFile(join(outDir, '360p/index.m3u8'), 'utf8');
    expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(media.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });

  it('DASH MPD: parses, lasts the video, and references files that exist', async () => {
    const { mpd, files } = await dashReferences(outDir);
    expect(mpd.type).toBe('static');
    expect(Number(/PT([\d.]+)S/.exec(mpd.mediaPresentationDuration)![1])).toBeCloseTo(manifest.duration, 2);
    const [video, audio] = mpd.Period.AdaptationSet;
    expect(video.Representation.map((r: any) => [r.id, Number(r.width), Number(r.height), r.codecs])).toEqual(
      manifest.renditions.map((r) => [r.id, r.width, r.height, r.codecs]),
    );
    expect(audio.Representation[0].codecs).toBe('mp4a.40.2');
    for (const file of files) expect(await exists(join(outDir, file))).toBe(true);
  });

  it('thumbnails every 4 s, a poster the size of the top rung, and a storyboard whose VTT covers the video', async () => {
    const thumbs = (await readdir(join(outDir, 'thumbs'))).sort();
    expect(thumbs).toEqual(['00001.jpg', '00002.jpg', '00003.jpg']); // t = 0, 4, 8 of 9 s
    expect(manifest.thumbnails).toEqual({ interval: 4, urls: thumbs.map((t) => `thumbs/${t}`) });
    const poster = (await ffprobeJson(join(outDir, 'poster.jpg'))).streams[0];
    expect([poster.width, poster.height]).toEqual([640, 360]);

    const sprite = (await ffprobeJson(join(outDir, 'storyboard.jpg'))).streams[0];
    const cues = await vttCues(join(outDir, 'storyboard.vtt'));
    expect(cues[0].start).toBe(0);
    expect(cues.at(-1)!.end).toBeCloseTo(manifest.duration, 2);
    cues.forEach((cue, i) => {
      if (i > 0) expect(cue.start).toBe(cues[i - 1].end);
      const [, x, y, w, h] = /^storyboard\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(cue.text)!.map(Number);
      expect(x + w).toBeLessThanOrEqual(sprite.width);
      expect(y + h).toBeLessThanOrEqual(sprite.height);
    });
  });

  it('was playable before it was complete: growing manifest, EVENT playlists, every rung started', () => {
    expect(growing.manifest.complete).toBe(false);
    for (const r of growing.manifest.renditions) expect(r.segments.length).toBeGreaterThanOrEqual(1);
    expect(growing.manifest.audio!.segments.length).toBeGreaterThanOrEqual(1);
    expect(growing.playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(growing.playlist).not.toContain('#EXT-X-ENDLIST');
    expect(growing.master).toContain('180p/index.m3u8');
  });

  it('grows the manifests only when every track has a segment more (what a player can use), never for one track ahead', () => {
    const common = (m: Manifest) => Math.min(...[...m.renditions, m.audio!].map((t) => t.segments.length));
    expect(growingWrites.length).toBeGreaterThanOrEqual(1);
    expect(common(growingWrites[0])).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < growingWrites.length; i++)
      expect(common(growingWrites[i])).toBeGreaterThan(common(growingWrites[i - 1]));
  });

  it('announces each step on the way to playable once, in order, before playable (what the worker times)', () => {
    const order = ['probe', 'cost check', 'ffmpeg start', 'first segments', 'track formats', 'manifests'];
    expect(stepsAtPlayable).toEqual(order);
    expect(steps).toEqual(order);
  });

  it('every track starts at 0 as a player buffers it (init + segments): no gap before the picture, no edit list for hls.js to miss', async () => {
    const audio = manifest.audio!;
    const joinedAudio = await joinTrack(outDir, audio, join(work, `start-${audio.id}.mp4`));
    const probe = await ffprobeJson(joinedAudio, ['-show_entries', 'packet=pts_time', '-read_intervals', '%+#30']);
    expect(Number(probe.streams[0].start_time)).toBe(0);
    expect(Math.min(...probe.packets.map((p: any) => Number(p.pts_time)))).toBe(0);
    for (const track of manifest.renditions) {
      // Times as MSE and hls.js take them: tfdt and the trun's signed composition offsets.
      const samples = await sampleTimes(await joinTrack(outDir, track, join(work, `start-${track.id}.mp4`)));
      expect([track.id, samples[0].presentation, Math.min(...samples.map((s) => s.presentation))]).toEqual([
        track.id,
        0,
        0,
      ]);
      // B-frames: the shift lives in the samples (some shown before they are decoded), not in an edit.
      expect(samples.some((s) => s.presentation < s.decode)).toBe(true);
      expect(presentFromZeroInit(await readFile(join(outDir, track.init))).shift).toBe(0);
      const keyframes = samples.filter((s) => s.sync).map((s) => s.presentation);
      expect(keyframes.slice(0, 3)).toEqual(
        [0, FIRST_SEGMENT_SECONDS, FIRST_SEGMENT_SECONDS + 2].map((t) => expect.closeTo(t, 1)),
      );
    }
  });
});

describe('served over HTTP from the embedded S3, ffprobe (a real HLS and DASH demuxer) opens the outputs', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ base, close } = await serveFromS3(outDir));
  });
  afterAll(() => close?.());

  /** Each rung as ffprobe should see it: the manifest's size, and the profile and level its CODECS say. */
  const expectedVideo = () =>
    manifest.renditions.map((r) => ({ ...avcProfileLevel(r.codecs), width: r.width, height: r.height }));
  const byHeight = (a: { height: number }, b: { height: number }) => a.height - b.height;
  const segmentsSum = (t: { segments: { duration: number }[] }) => t.segments.reduce((sum, s) => sum + s.duration, 0);

  it('HLS master: every variant and the audio rendition open, with the advertised codecs, sizes and duration', async () => {
    const probe = await ffprobeUrl(`${base}master.m3u8`);
    expect(probe.format.format_name).toBe('hls');
    const streams = streamsOf(probe);
    expect(streams.video.sort(byHeight)).toEqual(expectedVideo());
    expect(streams.audio).toEqual([{ codec: 'aac', profile: 'LC' }]);
    expect(Math.abs(streams.duration - manifest.duration)).toBeLessThanOrEqual(0.1);
  });

  it('HLS media playlists: each opens as one stream whose packets, read to the end, last the video', async () => {
    for (const track of [...manifest.renditions, manifest.audio!]) {
      const probe = await ffprobeUrl(`${base}${track.id}/index.m3u8`, { packets: true });
      const streams = streamsOf(probe);
      if (track.type === 'video') {
        expect({ id: track.id, streams: streams.video, audio: streams.audio.length }).toEqual({
          id: track.id,
          streams: [{ ...avcProfileLevel(track.codecs), width: track.width, height: track.height }],
          audio: 0,
        });
      } else {
        expect({ id: track.id, video: streams.video.length, streams: streams.audio }).toEqual({
          id: track.id,
          video: 0,
          streams: [{ codec: 'aac', profile: 'LC' }],
        });
      }
      expect(Math.abs(streams.duration - segmentsSum(track))).toBeLessThanOrEqual(0.1);
      const spans = [...packetSpans(probe).values()];
      expect(spans).toHaveLength(1);
      expect(Math.abs(spans[0] - segmentsSum(track))).toBeLessThanOrEqual(0.1);
      expect(Math.abs(spans[0] - manifest.duration)).toBeLessThanOrEqual(0.1);
    }
  });

  it('DASH MPD: every representation opens with its codecs and size, and every segment is read', async () => {
    const probe = await ffprobeUrl(`${base}manifest.mpd`, { packets: true });
    expect(probe.format.format_name).toBe('dash');
    const streams = streamsOf(probe);
    expect(streams.video.sort(byHeight)).toEqual(expectedVideo());
    expect(streams.audio).toEqual([{ codec: 'aac', profile: 'LC' }]);
    expect(Math.abs(streams.duration - manifest.duration)).toBeLessThanOrEqual(0.1);
    const ids = probe.streams.map((s: any) => s.tags?.id);
    expect([...ids].sort()).toEqual([...manifest.renditions.map((r) => r.id), 'audio'].sort());
    const spans = packetSpans(probe);
    probe.streams.forEach((s: any) => {
      const track = [...manifest.renditions, manifest.audio!].find((t) => t.id === s.tags.id)!;
      expect({ id: track.id, span: Math.abs(spans.get(s.index)! - segmentsSum(track)) <= 0.1 }).toEqual({
        id: track.id,
        span: true,
      });
    });
  });
});
