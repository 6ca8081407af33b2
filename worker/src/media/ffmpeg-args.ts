import { join, resolve } from 'node:path';
import { OUTPUT_FILES, TRACK_FILES } from '@streamforge/core';
import { labels } from './filter-graph';
import type { RenditionPlan } from './ladder';
import type { MediaInfo } from './media-info';
import { type MediaInput, safeInputArgs } from './probe';

/** Segment length in seconds after the first; the player and the manifests rely on it. */
export const SEGMENT_SECONDS = 4;
/**
 * The first segment's length: half a second of media, so every track has something playable as soon
 * as the encoder has done half a second of every rung; the segments after it are SEGMENT_SECONDS.
 * Short enough only because a video track's own timestamps start at 0 (see cmaf-timing): with the
 * B-frame delay left to the edit list, hls.js mistook where such a segment ends.
 */
export const FIRST_SEGMENT_SECONDS = 0.5;
/**
 * Keyframe interval after the first segment (keyframes at 0, 0.5, 2.5, 4.5, … s); divides SEGMENT_SECONDS,
 * so every rung cuts at the same instants.
 */
export const KEYFRAME_SECONDS = 2;
/** The published init segment, made by the worker from ffmpeg's (see cmaf-timing). */
export const INIT_FILENAME = TRACK_FILES.init;
/** ffmpeg's init segment, read by the worker only. */
export const PIECE_INIT_FILENAME = 'piece_init.mp4';
/** ffmpeg's pieces, one keyframe interval each, read by the worker only (see segment-groups). */
export const PIECE_PATTERN = 'piece_%05d.m4s';
/** Published segments, made of pieces. */
export const SEGMENT_PATTERN = TRACK_FILES.segmentPattern;
/** ffmpeg's own playlist, read by the worker only; the published `index.m3u8` is generated. */
export const PLAYLIST_FILENAME = 'ffmpeg.m3u8';
export const AUDIO_ID = 'audio';

/**
 * ffmpeg's pieces per published segment after the first piece (see segment-groups): a video track
 * is cut at every keyframe, so its pieces are KEYFRAME_SECONDS long; the audio is cut every
 * FIRST_SEGMENT_SECONDS.
 */
export function piecesPerSegment(trackId: string): number {
  return SEGMENT_SECONDS / (trackId === AUDIO_ID ? FIRST_SEGMENT_SECONDS : KEYFRAME_SECONDS);
}
export const THUMBS_DIR = OUTPUT_FILES.thumbnailsDir;
export const THUMB_PATTERN = '%05d.jpg';
export const STORYBOARD_IMAGE = OUTPUT_FILES.storyboardImage;
export const POSTER_IMAGE = OUTPUT_FILES.poster;
const AUDIO_BITRATE = '128k';

export interface EncodeSettings {
  preset: string;
  crf: number;
  maxPixels: number;
  /**
   * Threads for the decoder, the filter graph and each encoder; 0 or unset lets ffmpeg use every
   * core. Set when several jobs share a host, so each takes its share instead of all contending.
   */
  threads?: number;
}

/**
 * Pure: the one ffmpeg process for a whole job. One decode and `filterGraph` feed an HLS/fMP4
 * (CMAF) output per rung in `outDir/<plan.id>/`, cut into pieces at its keyframes, the shared audio
 * in `outDir/audio/`, thumbnails, the storyboard sprite and the poster. Playlists are EVENT type so
 * they list each piece as soon as it is complete, which lets the worker publish while encoding goes on.
 */
export function buildLadderArgs(
  input: MediaInput,
  outDir: string,
  info: MediaInfo,
  plans: RenditionPlan[],
  filterGraph: string,
  settings: EncodeSettings,
): string[] {
  const out = resolve(outDir);
  const threads = settings.threads ? ['-threads', String(settings.threads)] : [];
  return [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-progress',
    'pipe:1',
    '-nostats',
    ...threads,
    ...safeInputArgs(input, settings.maxPixels),
    ...(settings.threads ? ['-filter_complex_threads', String(settings.threads)] : []),
    '-filter_complex',
    filterGraph,
    ...plans.flatMap((plan, i) => [
      ...videoArgs(labels.rung(i), plan, settings, info.video.hdr !== null),
      ...hlsArgs(join(out, plan.id)),
    ]),
    ...(info.audio ? [...audioArgs(info), ...hlsArgs(join(out, AUDIO_ID))] : []),
    '-map',
    `[${labels.thumbs}]`,
    '-fps_mode',
    'passthrough',
    '-q:v',
    '5',
    '-f',
    'image2',
    join(out, THUMBS_DIR, THUMB_PATTERN),
    // Rewritten with every new tile (a sliding window); the last write holds them all.
    '-map',
    `[${labels.storyboard}]`,
    '-fps_mode',
    'passthrough',
    '-q:v',
    '5',
    '-update',
    '1',
    '-f',
    'image2',
    join(out, STORYBOARD_IMAGE),
    '-map',
    `[${labels.poster}]`,
    '-frames:v',
    '1',
    '-q:v',
    '3',
    '-update',
    '1',
    '-f',
    'image2',
    join(out, POSTER_IMAGE),
  ];
}

/** The customer's tags (GPS location, device, names) stay private; chapters are not played. */
const PRIVATE = ['-map_metadata', '-1', '-map_chapters', '-1'];

/** Tone-mapped pictures are BT.709; saying so keeps players from guessing (and washing colours out). */
const BT709_TAGS = ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'];

function videoArgs(label: string, plan: RenditionPlan, settings: EncodeSettings, toneMapped: boolean): string[] {
  return [
    '-map',
    `[${label}]`,
    ...PRIVATE,
    '-an',
    '-c:v',
    'libx264',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    settings.preset,
    '-crf',
    String(settings.crf),
    '-maxrate',
    String(plan.maxrate),
    '-bufsize',
    String(plan.bufsize),
    // Keyframes at fixed times (not scene cuts) so segments line up across rungs for ABR switching:
    // the first picture, then FIRST_SEGMENT_SECONDS, then every KEYFRAME_SECONDS after it.
    '-force_key_frames',
    `expr:gte(t,${FIRST_SEGMENT_SECONDS}+(n_forced-1)*${KEYFRAME_SECONDS})`,
    '-sc_threshold',
    '0',
    ...(toneMapped ? BT709_TAGS : []),
    ...(settings.threads ? ['-threads', String(settings.threads)] : []),
    // B-frames put the first picture 2 frames late; keep x264's negative first DTS so the init's edit
    // list says where presentation starts; the worker moves that shift into the samples (cmaf-timing).
    '-avoid_negative_ts',
    'disabled',
  ];
}

function audioArgs(info: MediaInfo): string[] {
  const audio = info.audio!;
  const videoSeconds = info.video.duration;
  // Audio running on past the last picture would leave players on a frozen frame.
  const trim =
    videoSeconds && audio.duration && audio.duration > videoSeconds + 0.5 ? ['-t', videoSeconds.toFixed(3)] : [];
  return [
    '-map',
    `0:${audio.index}`,
    ...PRIVATE,
    '-vn',
    ...trim,
    '-c:a',
    'aac',
    '-profile:a',
    'aac_low',
    '-ac',
    '2',
    '-ar',
    '48000',
    '-b:a',
    AUDIO_BITRATE,
  ];
}

function hlsArgs(dir: string): string[] {
  return [
    '-f',
    'hls',
    // Video: cut at every forced keyframe (they are never closer than this); audio: every half second.
    // The worker joins pieces into segments (a short first one, then SEGMENT_SECONDS).
    '-hls_time',
    String(FIRST_SEGMENT_SECONDS),
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    PIECE_INIT_FILENAME,
    '-hls_segment_filename',
    join(dir, PIECE_PATTERN),
    // EVENT playlists are rewritten atomically (temp file + rename) after each finished segment.
    '-hls_playlist_type',
    'event',
    '-hls_flags',
    'independent_segments',
    join(dir, PLAYLIST_FILENAME),
  ];
}
