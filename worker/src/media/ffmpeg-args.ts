import { join, resolve } from 'node:path';
import type { RenditionPlan } from './ladder';
import type { MediaInfo } from './probe';
import { safeInputArgs } from './probe';

/** Segment length in seconds; the player and the manifest rely on it. */
export const SEGMENT_SECONDS = 4;
/** Keyframe interval in seconds; divides SEGMENT_SECONDS so every rung cuts at the same instants. */
export const KEYFRAME_SECONDS = 2;
export const INIT_FILENAME = 'init.mp4';
export const SEGMENT_PATTERN = 'seg_%05d.m4s';
export const PLAYLIST_FILENAME = 'index.m3u8';

const CRF = 23;
const AUDIO_BITRATE = '128k';

/**
 * Pure: arguments for one ffmpeg process that writes `plan` as CMAF fMP4 (HLS muxer) into
 * `outDir/<plan.id>/`. The caller creates that folder.
 */
export function buildCmafArgs(inputPath: string, outDir: string, info: MediaInfo, plan: RenditionPlan): string[] {
  const renditionDir = join(resolve(outDir), plan.id);
  return [
    '-nostdin', '-hide_banner', '-y',
    '-progress', 'pipe:1', '-nostats',
    ...safeInputArgs(inputPath),
    // The customer's tags (GPS location, device, names) stay private; chapters are not played.
    '-map_metadata', '-1', '-map_chapters', '-1',
    ...videoArgs(info, plan),
    ...audioArgs(info),
    ...hlsArgs(renditionDir),
  ];
}

function videoArgs(info: MediaInfo, plan: RenditionPlan): string[] {
  return [
    // By stream index: `0:v:0` could be cover art sitting before the real video.
    '-map', `0:${info.video.index}`,
    // ffmpeg auto-rotates before the filter, so the target size is already in display orientation.
    '-vf', `scale=${plan.width}:${plan.height},setsar=1`,
    '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-preset', 'veryfast',
    '-crf', String(CRF), '-maxrate', String(plan.maxrate), '-bufsize', String(plan.bufsize),
    // Keyframes at fixed times (not scene cuts) so segments line up across rungs for ABR switching.
    '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`, '-sc_threshold', '0',
  ];
}

function audioArgs(info: MediaInfo): string[] {
  if (!info.audio) return ['-an'];
  return [
    '-map', `0:${info.audio.index}`,
    '-c:a', 'aac', '-profile:a', 'aac_low', '-ac', '2', '-ar', '48000', '-b:a', AUDIO_BITRATE,
  ];
}

function hlsArgs(renditionDir: string): string[] {
  return [
    '-f', 'hls',
    '-hls_time', String(SEGMENT_SECONDS),
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', INIT_FILENAME,
    '-hls_segment_filename', join(renditionDir, SEGMENT_PATTERN),
    '-hls_playlist_type', 'vod',
    '-hls_flags', 'independent_segments',
    join(renditionDir, PLAYLIST_FILENAME),
  ];
}
