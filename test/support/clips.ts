import { rm, writeFile } from 'node:fs/promises';
import { runProcess } from '../../worker/src/media/process-runner';

export interface ClipOptions {
  seconds: number;
  width?: number;
  height?: number;
  /** A 440 Hz sine track (AAC) alongside the picture; default true. */
  audio?: boolean;
  fps?: number;
  /**
   * Constant video bitrate such as `'20M'`, for clips of a known large size. The test pattern
   * compresses to almost nothing, so the rate is enforced as CBR with filler data
   * (`-b:v = -minrate = -maxrate = -bufsize`, `-x264-params nal-hrd=cbr`) and the file really is
   * about bitrate × seconds / 8 bytes. Measured with ffmpeg 5.1 at 640x360:
   * `{ seconds: 5, videoBitrate: '20M' }` → 11.7 MiB in ~0.4 s; 60 s at 20M → 144 MiB in ~4 s.
   * Without it a 6 s clip is ~0.4 MB.
   */
  videoBitrate?: string;
  /**
   * Store the picture with a display rotation, the way phones record portrait video: a
   * 640x360 clip with `rotate: 90` plays as 360x640.
   */
  rotate?: 0 | 90 | 180 | 270;
}

const TIMEOUT_MS = 120_000;

/**
 * Writes an H.264 (High) / AAC MP4 test clip at `path`: lavfi `testsrc2` (a moving pattern with a
 * frame counter) plus a sine tone, moov at the front like a web upload.
 */
export async function generateClip(path: string, options: ClipOptions): Promise<void> {
  const { seconds, width = 640, height = 360, audio = true, fps = 25, videoBitrate, rotate = 0 } = options;
  const sources = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  if (audio) sources.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  const rate = videoBitrate
    ? ['-b:v', videoBitrate, '-minrate', videoBitrate, '-maxrate', videoBitrate, '-bufsize', videoBitrate, '-x264-params', 'nal-hrd=cbr']
    : ['-crf', '28'];
  const encodeTarget = rotate ? `${path}.unrotated.mp4` : path;
  await ffmpeg([
    ...sources,
    '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', ...rate,
    ...(audio ? ['-c:a', 'aac', '-b:a', '96k'] : []),
    '-movflags', '+faststart', encodeTarget,
  ]);
  if (!rotate) return;
  try {
    // ffmpeg 5.1 turns the rotate tag into a display matrix only when stream-copying; the tag is
    // counter-clockwise there, so 360 - rotate gives the clockwise turn phones record.
    await ffmpeg(['-i', encodeTarget, '-c', 'copy', '-metadata:s:v:0', `rotate=${360 - rotate}`, '-movflags', '+faststart', path]);
  } finally {
    await rm(encodeTarget, { force: true });
  }
}

/** Writes a plain text file at `path`, whatever its extension says: an upload that is not media. */
export async function generateNonVideo(path: string): Promise<void> {
  await writeFile(path, 'This is a plain text file, not a video.\n'.repeat(64));
}

async function ffmpeg(args: string[]): Promise<void> {
  const result = await runProcess('ffmpeg', ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args], { timeoutMs: TIMEOUT_MS });
  if (result.code !== 0) throw new Error(`ffmpeg could not make the test clip: ${result.stderrTail}`);
}
