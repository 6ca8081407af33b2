/**
 * The two baselines the whole job is compared with, on the same source and ladder:
 * the bare one-pass ffmpeg command StreamForge builds (run alone, no download, probe, upload or
 * database), and the original brief's way — one ffmpeg process per rung (each decoding the
 * source again, audio muxed in), plus one for thumbnails so both produce the same outputs.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@streamforge/core';
import { buildLadderArgs } from '@streamforge/worker/dist/media/ffmpeg-args';
import { buildFilterGraph } from '@streamforge/worker/dist/media/filter-graph';
import { planLadder, type RenditionPlan } from '@streamforge/worker/dist/media/ladder';
import {
  inputEnv,
  type MediaInput,
  probeFile,
  summarizeProbe,
  type MediaInfo,
} from '@streamforge/worker/dist/media/probe';
import { runProcess } from '@streamforge/worker/dist/media/process-runner';
import { planStoryboard } from '@streamforge/worker/dist/media/storyboard';

const HOUR_MS = 3_600_000;

export async function plan(source: string, transcode: AppConfig['transcode']) {
  const info = summarizeProbe(await probeFile(source, { timeoutMs: 60_000 }));
  return { info, plans: planLadder(info, transcode.ladder) };
}

async function ffmpeg(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const result = await runProcess('ffmpeg', args, { timeoutMs: HOUR_MS, env });
  if (result.code !== 0) throw new Error(`ffmpeg failed: ${result.stderrTail}`);
  return (performance.now() - started) / 1000;
}

/**
 * Seconds for StreamForge's own single-pass command, alone: on the local file, or on `source` served
 * as the worker serves it (`serveSource`, ffmpeg reading over loopback HTTP).
 */
export async function bareSinglePass(
  source: MediaInput,
  outDir: string,
  info: MediaInfo,
  plans: RenditionPlan[],
  transcode: AppConfig['transcode'],
) {
  await rm(outDir, { recursive: true, force: true });
  for (const dir of [...plans.map((p) => p.id), 'audio', 'thumbs']) await mkdir(join(outDir, dir), { recursive: true });
  const top = plans.at(-1)!;
  const graph = buildFilterGraph(info, plans, planStoryboard(info.duration, top.width, top.height));
  return ffmpeg(
    buildLadderArgs(source, outDir, info, plans, graph, {
      preset: transcode.preset,
      crf: transcode.crf,
      maxPixels: transcode.maxPixels,
    }),
    inputEnv(source),
  );
}

/** Seconds for one ffmpeg per rung, in sequence, then one for thumbnails. */
export async function processPerRung(
  source: string,
  outDir: string,
  plans: RenditionPlan[],
  transcode: AppConfig['transcode'],
) {
  await rm(outDir, { recursive: true, force: true });
  let seconds = 0;
  for (const p of plans) {
    const dir = join(outDir, p.id);
    await mkdir(dir, { recursive: true });
    seconds += await ffmpeg([
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      source,
      '-vf',
      `scale=${p.width}:${p.height},setsar=1`,
      '-c:v',
      'libx264',
      '-profile:v',
      'high',
      '-pix_fmt',
      'yuv420p',
      '-preset',
      transcode.preset,
      '-crf',
      String(transcode.crf),
      '-maxrate',
      String(p.maxrate),
      '-bufsize',
      String(p.bufsize),
      '-force_key_frames',
      'expr:gte(t,n_forced*2)',
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-ac',
      '2',
      '-ar',
      '48000',
      '-b:a',
      '128k',
      '-f',
      'hls',
      '-hls_time',
      '4',
      '-hls_segment_type',
      'fmp4',
      '-hls_playlist_type',
      'vod',
      '-hls_segment_filename',
      join(dir, 'seg_%05d.m4s'),
      join(dir, 'index.m3u8'),
    ]);
  }
  await mkdir(join(outDir, 'thumbs'), { recursive: true });
  seconds += await ffmpeg([
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-i',
    source,
    '-vf',
    'fps=1/4,scale=320:-2',
    '-q:v',
    '5',
    join(outDir, 'thumbs', '%05d.jpg'),
  ]);
  return seconds;
}

const MINUTE = 60;

/** No prompts, no chatter, overwrite. */
const QUIET = ['-nostdin', '-loglevel', 'error', '-y'];

/** The path of the bench's source of `seconds` at `height`, made the first time and kept in the temp folder. */
export async function benchSource(seconds: number, height = 1080): Promise<string> {
  const path = join(tmpdir(), `sf-bench-source-${height}p-${seconds}s.mp4`);
  if (!existsSync(path)) await makeSource(path, seconds, height);
  return path;
}

/** A source with motion and noise (x264 cannot cheat on it), 30 fps, 48 kHz tone. */
async function makeSource(path: string, seconds: number, height: number): Promise<void> {
  if (seconds > MINUTE && seconds % MINUTE === 0) return repeatMinute(path, seconds, height);
  const width = Math.round((height * 16) / 9 / 2) * 2;
  await ffmpeg([
    ...QUIET,
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=30:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-vf',
    'noise=alls=12:allf=t+u',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-movflags',
    '+faststart',
    path,
  ]);
}

/**
 * A source of whole minutes: the one-minute source (made first if need be) stream-copied
 * end to end, so a 10-minute 1080p source takes seconds to make (12 s here) instead of most of an
 * hour of encoding, with the same bitrate and picture; its `moov` is moved to the front like the others.
 */
async function repeatMinute(path: string, seconds: number, height: number): Promise<void> {
  const minute = await benchSource(MINUTE, height);
  const list = `${path}.txt`;
  await writeFile(list, `file '${minute}'\n`.repeat(seconds / MINUTE));
  try {
    await ffmpeg([...QUIET, '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', path]);
  } finally {
    await rm(list, { force: true });
  }
}
