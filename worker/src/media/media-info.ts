import { MediaError } from './errors';
import type { FfprobeOutput, FfprobeStream } from './probe';

export interface MediaInfo {
  /** Seconds. */
  duration: number;
  /** ffprobe's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  /** Bits per second of the whole file when the container says, for capping the ladder. */
  bitRate: number | null;
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
    /** The video track's bits per second when stated. */
    bitRate: number | null;
    /** Frame count when the container states it. */
    frameCount: number | null;
    /** Stored as fields (broadcast, old camcorders): must be deinterlaced. */
    interlaced: boolean;
    /** High dynamic range transfer that must be tone-mapped for SDR H.264. */
    hdr: 'pq' | 'hlg' | null;
  };
  audio: { index: number; codec: string; channels: number; sampleRate: number; duration: number | null } | null;
}

/** Pure: the facts the pipeline needs from ffprobe's output, or the customer-facing reason it cannot go on. */
export function summarizeProbe(probe: FfprobeOutput): MediaInfo {
  const streams = probe.streams ?? [];
  // Cover art in audio files is a one-frame "video" stream; it does not make a video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) throw new MediaError('no_video_stream', 'The file has no video stream.');
  const audios = streams.filter((s) => s.codec_type === 'audio');
  // Several tracks (languages, commentary): the one the file marks as default, else the first.
  const audio = audios.find((s) => s.disposition?.default) ?? audios[0];

  const frameCount = positive(video.nb_frames);
  if (frameCount === 1) throw new MediaError('no_video_stream', 'The file holds a single picture, not a video.');
  const duration = firstPositive([probe.format?.duration, video.duration, audio?.duration]);
  if (duration === null)
    throw new MediaError('corrupt_media', 'The file does not say how long it is; it may be damaged or truncated.');
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
    bitRate: positive(probe.format?.bit_rate),
    video: {
      index: video.index,
      codec: video.codec_name ?? 'unknown',
      width: video.width,
      height: video.height,
      displayWidth: quarterTurn ? video.height : anamorphicWidth,
      displayHeight: quarterTurn ? anamorphicWidth : video.height,
      rotation,
      fps: parseRatio(video.avg_frame_rate) ?? parseRatio(video.r_frame_rate),
      duration: positive(video.duration),
      pixFmt: video.pix_fmt ?? null,
      bitRate: positive(video.bit_rate),
      frameCount,
      interlaced: ['tt', 'bb', 'tb', 'bt'].includes(video.field_order ?? ''),
      hdr: video.color_transfer === 'smpte2084' ? 'pq' : video.color_transfer === 'arib-std-b67' ? 'hlg' : null,
    },
    audio: audio
      ? {
          index: audio.index,
          codec: audio.codec_name ?? 'unknown',
          channels: audio.channels ?? 0,
          sampleRate: Number(audio.sample_rate ?? 0),
          duration: positive(audio.duration),
        }
      : null,
  };
}

export interface InputLimits {
  maxPixels: number;
  maxDurationSeconds: number;
}

/** Pure: refuses what this service will not transcode, before a single frame is decoded. */
export function checkLimits(info: MediaInfo, limits: InputLimits): void {
  const pixels = info.video.width * info.video.height;
  if (pixels > limits.maxPixels) {
    throw new MediaError(
      'limits_exceeded',
      `The picture is ${info.video.width}x${info.video.height} (${(pixels / 1e6).toFixed(1)} MP); the limit is ${(limits.maxPixels / 1e6).toFixed(1)} MP.`,
    );
  }
  if (info.duration > limits.maxDurationSeconds) {
    throw new MediaError(
      'limits_exceeded',
      `The video lasts ${Math.round(info.duration)} s; the limit is ${limits.maxDurationSeconds} s.`,
    );
  }
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

function positive(value: string | undefined): number | null {
  return firstPositive([value]);
}

function firstPositive(values: Array<string | undefined>): number | null {
  for (const value of values) {
    const n = Number(value);
    if (value !== undefined && Number.isFinite(n) && n > 0) return n;
  }
  return null;
}
