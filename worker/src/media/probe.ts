import { open } from 'node:fs/promises';
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
  bit_rate?: string;
  nb_frames?: string;
  field_order?: string;
  color_transfer?: string;
  color_primaries?: string;
  bits_per_raw_sample?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; size?: string; [key: string]: unknown };
}

/**
 * Demuxers a customer upload may use. Playlist and indirection demuxers (hls, concat, image2,
 * …) are left out because they open other files or URLs named inside the upload.
 */
export const ALLOWED_DEMUXERS = [
  'mov',
  'mp4',
  'm4a',
  '3gp',
  '3g2',
  'mj2',
  'matroska',
  'webm',
  'mpegts',
  'avi',
  'flv',
  'ogg',
  'wav',
  'mp3',
  'aac',
  'mxf',
] as const;

/**
 * Where ffmpeg/ffprobe read the source: a local file, or the loopback URL of a source that is still
 * downloading (see `serveSource`).
 */
export type MediaInput = string | { url: string; proxy: string; localPath: string };

/**
 * Input options that confine ffmpeg/ffprobe to the one input they are given.
 * A local file: only the `file` protocol, and the `file:` prefix keeps a name such as `-x` or
 * `http:…` from being read as an option or a protocol. A served source: only `http` (and the
 * `tcp` it runs on), and `inputEnv` routes every HTTP request through the serving process, which
 * answers the source's own URL and refuses anything else.
 * `-max_pixels` makes the decoder refuse a picture larger than the limit before allocating it, so
 * a tiny file declaring 8192x8192 costs nothing.
 */
export function safeInputArgs(input: MediaInput, maxPixels?: number): string[] {
  const local = typeof input === 'string';
  return [
    '-protocol_whitelist',
    local ? 'file' : 'http,tcp',
    '-format_whitelist',
    ALLOWED_DEMUXERS.join(','),
    ...(maxPixels ? ['-max_pixels', String(maxPixels)] : []),
    '-i',
    local ? `file:${resolve(input)}` : input.url,
  ];
}

/** Environment for a process reading `input`: a served source's proxy, so no HTTP request goes anywhere else. */
export function inputEnv(input: MediaInput): Record<string, string> {
  return typeof input === 'string' ? {} : { http_proxy: input.proxy, no_proxy: '' };
}

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  maxPixels?: number;
}

/** Pure: the ffprobe arguments for `inputPath`. */
export function buildProbeArgs(input: MediaInput, maxPixels?: number): string[] {
  return ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ...safeInputArgs(input, maxPixels)];
}

const NOT_MEDIA = 'The file is not a video or audio file StreamForge can read.';

export async function probeFile(input: MediaInput, options: ProbeOptions): Promise<FfprobeOutput> {
  const result = await runProcess('ffprobe', buildProbeArgs(input, options.maxPixels), {
    ...options,
    env: inputEnv(input),
  });
  // Killed by a signal (OOM killer, operator) says nothing about the file: let the job retry.
  if (result.code === null) throw new Error(`ffprobe was killed by ${result.signal}`);
  const cause = new Error(`ffprobe exited with ${result.code}: ${result.stderrTail}`);
  if (/exceeds specified max pixel count/.test(result.stderrTail)) {
    // The decoder names the size it refused to allocate.
    const size = /Picture size (\d+x\d+) exceeds/.exec(result.stderrTail)?.[1] ?? 'larger than the limit';
    throw new MediaError(
      'limits_exceeded',
      `The picture is ${size}; the limit is ${((options.maxPixels ?? 0) / 1e6).toFixed(1)} MP.`,
      { cause },
    );
  }
  if (result.code !== 0) {
    // An MP4 (it starts with ftyp) whose index (moov) never arrived is a cut-off upload, not an unknown format.
    if (
      /moov atom not found/.test(result.stderrTail) &&
      (await startsWithFtyp(typeof input === 'string' ? input : input.localPath))
    ) {
      throw new MediaError(
        'corrupt_media',
        'The file is incomplete: its index is missing. It may have been truncated during upload.',
        { cause },
      );
    }
    throw new MediaError('unsupported_format', NOT_MEDIA, { cause });
  }
  try {
    return JSON.parse(result.stdout) as FfprobeOutput;
  } catch (parseError) {
    throw new MediaError('unsupported_format', NOT_MEDIA, { cause: parseError });
  }
}

async function startsWithFtyp(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    return bytesRead === 8 && buffer.toString('latin1', 4, 8) === 'ftyp';
  } finally {
    await handle.close();
  }
}

export { summarizeProbe, type MediaInfo } from './media-info';
