import { resolve } from 'node:path';
import { MediaError } from './errors';
import { runProcess } from './process-runner';

/** The slice of `ffprobe -show_format -show_streams -of json` this module reads. */
export interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  pix_fmt?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  channels?: number;
  sample_rate?: string;
  duration?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; [key: string]: unknown };
}

/**
 * Demuxers a customer upload may use. Playlist and indirection demuxers (hls, concat, image2,
 * …) are left out because they open other files or URLs named inside the upload.
 */
export const ALLOWED_DEMUXERS = [
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'mpegts',
  'avi', 'flv', 'ogg', 'wav', 'mp3', 'aac', 'mxf',
] as const;

/**
 * Input options that confine ffmpeg/ffprobe to the local file they are given.
 * The `file:` prefix keeps a name such as `-x` or `http:…` from being read as an option or a protocol.
 */
export function safeInputArgs(inputPath: string): string[] {
  return [
    '-protocol_whitelist', 'file',
    '-format_whitelist', ALLOWED_DEMUXERS.join(','),
    '-i', `file:${resolve(inputPath)}`,
  ];
}

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Pure: the ffprobe arguments for `inputPath`. */
export function buildProbeArgs(inputPath: string): string[] {
  return ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ...safeInputArgs(inputPath)];
}

export async function probeFile(inputPath: string, options: ProbeOptions): Promise<FfprobeOutput> {
  const result = await runProcess('ffprobe', buildProbeArgs(inputPath), options);
  // Killed by a signal (OOM killer, operator) says nothing about the file: let the job retry.
  if (result.code === null) throw new Error(`ffprobe was killed by ${result.signal}`);
  if (result.code !== 0) {
    throw new MediaError('unsupported_format', 'The file is not a video or audio file StreamForge can read.', {
      cause: new Error(`ffprobe exited with ${result.code ?? result.signal}: ${result.stderrTail}`),
    });
  }
  try {
    return JSON.parse(result.stdout) as FfprobeOutput;
  } catch (cause) {
    throw new MediaError('unsupported_format', 'The file is not a video or audio file StreamForge can read.', { cause });
  }
}

export interface MediaInfo {
  /** Seconds. */
  duration: number;
  /** ffprobe's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  video: {
    /** Input stream index, for `-map 0:<index>`. */
    index: number;
    codec: string;
    /** Coded size, as stored. */
    width: number;
    height: number;
    /** Size as a viewer sees it: after the sample aspect ratio and the rotation. */
    displayWidth: number;
    displayHeight: number;
    /** Clockwise degrees the player must turn the picture: 0, 90, 180 or 270. */
    rotation: number;
    /** Null when the container does not say (some variable frame rate files). */
    fps: number | null;
    /** The video track's own length when the container states it (MP4 does, Matroska does not). */
    duration: number | null;
    pixFmt: string | null;
  };
  audio: { index: number; codec: string; channels: number; sampleRate: number } | null;
}

/** Pure: the facts the pipeline needs from ffprobe's output, or the customer-facing reason it cannot go on. */
export function summarizeProbe(probe: FfprobeOutput): MediaInfo {
  const streams = probe.streams ?? [];
  // Cover art in audio files is a one-frame "video" stream; it does not make a video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) throw new MediaError('no_video_stream', 'The file has no video stream.');
  const audio = streams.find((s) => s.codec_type === 'audio');

  const duration = firstPositive([probe.format?.duration, video.duration, audio?.duration]);
  if (duration === null) throw new MediaError('corrupt_media', 'The file does not say how long it is; it may be damaged or truncated.');
  if (!video.width || !video.height || video.width <= 0 || video.height <= 0) {
    throw new MediaError('corrupt_media', 'The video stream has no picture size; the file may be damaged.');
  }

  const rotation = clockwiseRotation(video);
  const sar = parseRatio(video.sample_aspect_ratio);
  const anamorphicWidth = sar && sar !== 1 ? Math.round(video.width * sar) : video.width;
  const quarterTurn = rotation === 90 || rotation === 270;
  return {
    duration,
    container: probe.format?.format_name ?? 'unknown',
    video: {
      index: video.index,
      codec: video.codec_name ?? 'unknown',
      width: video.width,
      height: video.height,
      displayWidth: quarterTurn ? video.height : anamorphicWidth,
      displayHeight: quarterTurn ? anamorphicWidth : video.height,
      rotation,
      fps: parseRatio(video.avg_frame_rate) ?? parseRatio(video.r_frame_rate),
      duration: firstPositive([video.duration]),
      pixFmt: video.pix_fmt ?? null,
    },
    audio: audio
      ? {
          index: audio.index,
          codec: audio.codec_name ?? 'unknown',
          channels: audio.channels ?? 0,
          sampleRate: Number(audio.sample_rate ?? 0),
        }
      : null,
  };
}

/**
 * Phones store portrait video as landscape plus a rotation. Old ffprobe reports it as a clockwise
 * `rotate` tag, new ffprobe as display-matrix side data whose angle is counter-clockwise.
 */
function clockwiseRotation(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix');
  const degrees = typeof matrix?.rotation === 'number' ? -matrix.rotation : Number(stream.tags?.rotate ?? 0);
  if (!Number.isFinite(degrees)) return 0;
  const quarterTurns = Math.round(degrees / 90);
  return (((quarterTurns % 4) + 4) % 4) * 90;
}

function parseRatio(value: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)(?:[:/](\d+(?:\.\d+)?))?$/.exec(value ?? '');
  if (!match) return null;
  const ratio = Number(match[1]) / Number(match[2] ?? 1);
  return Number.isFinite(ratio) && ratio > 0 ? ratio : null;
}

function firstPositive(values: Array<string | undefined>): number | null {
  for (const value of values) {
    const n = Number(value);
    if (value !== undefined && Number.isFinite(n) && n > 0) return n;
  }
  return null;
}
