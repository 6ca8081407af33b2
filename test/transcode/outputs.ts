import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { createFile, MP4BoxBuffer } from 'mp4box';
import { loadConfig, ObjectStorage, objectKeys } from '@streamforge/core';
import { LOCAL_S3_CREDENTIALS, startLocalS3 } from '../../scripts/local-s3';
import type { Manifest } from '../../worker/src/media/manifest';
import { localSink, type PipelineResult, transcodeVideo } from '../../worker/src/media/pipeline';
import { runProcess } from '../../worker/src/media/process-runner';
import { contentTypeOf } from '../../worker/src/media/transcoder';

/** Two rungs even for tiny test clips (90p and 180p), so alignment across rungs can be checked. */
export const TEST_LADDER = '90:300,180:600';

export function testTranscodeConfig(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', TRANSCODE_LADDER: TEST_LADDER, ...env }).transcode;
}

/** The worker's pipeline without S3 or a database: outputs and generated documents land in `outDir`. */
export function transcodeLocally(
  source: string,
  outDir: string,
  env: Record<string, string> = {},
): Promise<PipelineResult> {
  return transcodeVideo(source, outDir, localSink(outDir), { transcode: testTranscodeConfig(env), pollMs: 100 });
}

export async function ffprobeJson(path: string, extra: string[] = []): Promise<any> {
  const out = await runProcess(
    'ffprobe',
    ['-v', 'error', '-show_format', '-show_streams', ...extra, '-of', 'json', path],
    { timeoutMs: 30_000 },
  );
  if (out.code !== 0) throw new Error(`ffprobe failed on ${path}: ${out.stderrTail}`);
  return JSON.parse(out.stdout);
}

/**
 * ffprobe on an HTTP URL, the way a player opens it: an HLS playlist (master or media) or a DASH
 * MPD, then ffmpeg's own demuxer follows it to the playlists, init segments and media segments
 * it names. With `packets`, every packet is read, so every segment must be fetched and parsed.
 */
export function ffprobeUrl(url: string, opts: { packets?: boolean } = {}): Promise<any> {
  const packets = opts.packets ? ['-show_entries', 'packet=stream_index,pts_time,duration_time'] : [];
  return ffprobeJson(url, ['-protocol_whitelist', 'http,tcp', ...packets]);
}

/** The streams ffprobe found behind a playlist or MPD, by kind, with the fields tests compare. */
export function streamsOf(probe: any) {
  const pick = (type: string) => probe.streams.filter((s: any) => s.codec_type === type);
  return {
    video: pick('video').map((s: any) => ({
      codec: s.codec_name,
      profile: s.profile,
      level: s.level,
      width: s.width,
      height: s.height,
    })),
    audio: pick('audio').map((s: any) => ({ codec: s.codec_name, profile: s.profile })),
    duration: Number(probe.format.duration),
  };
}

/** Seconds from each stream's first packet to the end of its last, by stream index. */
export function packetSpans(probe: any): Map<number, number> {
  const range = new Map<number, { first: number; end: number }>();
  for (const p of probe.packets as any[]) {
    if (p.pts_time === undefined) continue;
    const start = Number(p.pts_time);
    const end = start + Number(p.duration_time ?? 0); // AAC's first (priming) packet has none
    const r = range.get(p.stream_index);
    range.set(
      p.stream_index,
      r ? { first: Math.min(r.first, start), end: Math.max(r.end, end) } : { first: start, end },
    );
  }
  return new Map([...range].map(([i, r]) => [i, r.end - r.first]));
}

/** What ffprobe reports for an RFC 6381 `avc1.PPCCLL` string: profile name and level number. */
export function avcProfileLevel(codecs: string): { codec: 'h264'; profile: string; level: number } {
  const [, profile, level] = /^avc1\.([0-9a-f]{2})[0-9a-f]{2}([0-9a-f]{2})$/i.exec(codecs)!;
  const names: Record<number, string> = { 66: 'Constrained Baseline', 77: 'Main', 100: 'High' };
  return {
    codec: 'h264',
    profile: names[parseInt(profile, 16)] ?? `idc ${parseInt(profile, 16)}`,
    level: parseInt(level, 16),
  };
}

/** Copies `dir` (every file, same relative keys under one output prefix) into a fresh embedded S3; `base` is its public URL. */
export async function serveFromS3(dir: string): Promise<{ base: string; close(): Promise<void> }> {
  const data = await mkdtemp(join(tmpdir(), 'sf-s3-serve-'));
  const bucket = 'outputs';
  // Under a published output prefix: the store serves only those to anonymous readers like ffprobe.
  const prefix = `${objectKeys.outputPrefix('acct_local', 'vid_local', 1)}/`;
  const s3 = await startLocalS3({ directory: data, bucket });
  const storage = new ObjectStorage(
    loadConfig({
      NODE_ENV: 'test',
      S3_BUCKET: bucket,
      S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    }).s3,
  );
  try {
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    for (const file of files) {
      const relative = join(file.parentPath, file.name).slice(dir.length + 1);
      await storage.putFile(prefix + relative, join(dir, relative), contentTypeOf(relative));
    }
  } finally {
    storage.destroy();
  }
  return {
    base: `${s3.endpoint}/${bucket}/${prefix}`,
    async close() {
      await s3.close();
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** A track's init + every segment in one file, which is what a player's buffer holds. */
export async function joinTrack(
  outDir: string,
  track: { init: string; segments: { url: string }[] },
  to: string,
): Promise<string> {
  await copyFile(join(outDir, track.init), to);
  for (const s of track.segments) await appendFile(to, await readFile(join(outDir, s.url)));
  return to;
}

/**
 * Every sample of a joined single-track fMP4 in decode order, in seconds, read with mp4box from
 * `tfdt` and each `trun` (composition offsets signed in version 1): the times MSE and hls.js use.
 * The edit list is not applied. Throws when mp4box reads no sample.
 */
export async function sampleTimes(
  file: string,
): Promise<Array<{ decode: number; presentation: number; sync: boolean }>> {
  const bytes = await readFile(file);
  const mp4 = createFile();
  const samples: Array<{ decode: number; presentation: number; sync: boolean }> = [];
  let failure: string | undefined;
  mp4.onError = (_module, message) => (failure = message);
  mp4.onReady = (info) => {
    mp4.setExtractionOptions(info.tracks[0].id, null, { nbSamples: 1_000_000 });
    mp4.start();
  };
  mp4.onSamples = (_id, _user, found) => {
    for (const s of found)
      samples.push({ decode: s.dts / s.timescale, presentation: s.cts / s.timescale, sync: s.is_sync });
  };
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(buffer, 0));
  mp4.flush();
  // An unreadable file must fail the test, not read as a track with no keyframes (equal to any other).
  if (failure || samples.length === 0) throw new Error(`${file}: no samples read${failure ? ` (${failure})` : ''}`);
  return samples;
}

/**
 * Times of the video keyframes in a joined track, to 1 ms, as players read them (`sampleTimes`). Not
 * ffprobe's: ffmpeg's MP4 demuxer presents a track with negative composition offsets later by the
 * largest offset it has met so far, so its times move by a frame or two within the first fragment.
 */
export async function keyframeTimes(file: string): Promise<number[]> {
  return (await sampleTimes(file)).filter((s) => s.sync).map((s) => Math.round(s.presentation * 1000));
}

/** Every URI in the HLS master and its media playlists, resolved against `outDir`. */
export async function hlsReferences(outDir: string): Promise<string[]> {
  const master = await readFile(join(outDir, 'master.m3u8'), 'utf8');
  const uris = [...master.matchAll(/URI="([^"]+)"/g)]
    .map((m) => m[1])
    .concat(master.split('\n').filter((l) => l && !l.startsWith('#')));
  const files: string[] = [];
  for (const playlist of uris) {
    files.push(playlist);
    const dir = playlist.slice(0, playlist.lastIndexOf('/') + 1);
    const text = await readFile(join(outDir, playlist), 'utf8');
    expectHlsTags(text);
    for (const m of text.matchAll(/URI="([^"]+)"/g)) files.push(dir + m[1]);
    for (const line of text.split('\n')) if (line && !line.startsWith('#')) files.push(dir + line);
  }
  return files;
}

function expectHlsTags(mediaPlaylist: string) {
  if (!mediaPlaylist.startsWith('#EXTM3U')) throw new Error('media playlist without #EXTM3U');
}

/** Parses the DASH MPD and lists the files it references. */
export async function dashReferences(outDir: string): Promise<{ mpd: any; files: string[] }> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['AdaptationSet', 'Representation', 'SegmentURL', 'S'].includes(name),
  });
  const mpd = parser.parse(await readFile(join(outDir, 'manifest.mpd'), 'utf8')).MPD;
  const files: string[] = [];
  for (const set of mpd.Period.AdaptationSet) {
    for (const rep of set.Representation) {
      files.push(rep.SegmentList.Initialization.sourceURL, ...rep.SegmentList.SegmentURL.map((s: any) => s.media));
    }
  }
  return { mpd, files };
}

/** [start, end] seconds of each cue of a WebVTT file, and its cue texts. */
export async function vttCues(path: string): Promise<Array<{ start: number; end: number; text: string }>> {
  const text = await readFile(path, 'utf8');
  const seconds = (t: string) => t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  return [...text.matchAll(/([\d:.]+) --> ([\d:.]+)\n(.+)/g)].map((m) => ({
    start: seconds(m[1]),
    end: seconds(m[2]),
    text: m[3],
  }));
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export type { Manifest };
