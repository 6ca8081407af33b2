import { appendFile, copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadConfig } from '@streamforge/core';
import type { Manifest } from '../../worker/src/media/manifest';
import { localSink, type PipelineResult, transcodeVideo } from '../../worker/src/media/pipeline';
import { runProcess } from '../../worker/src/media/process-runner';

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

/** Times of the video keyframes in a joined track, to 1 ms. */
export async function keyframeTimes(file: string): Promise<number[]> {
  const probe = await ffprobeJson(file, ['-select_streams', 'v', '-show_entries', 'packet=pts_time,flags']);
  return probe.packets
    .filter((p: any) => p.flags.startsWith('K'))
    .map((p: any) => Math.round(Number(p.pts_time) * 1000));
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
