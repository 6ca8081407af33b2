import { readFile, rm, writeFile } from 'node:fs/promises';
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
    ? [
        '-b:v',
        videoBitrate,
        '-minrate',
        videoBitrate,
        '-maxrate',
        videoBitrate,
        '-bufsize',
        videoBitrate,
        '-x264-params',
        'nal-hrd=cbr',
      ]
    : ['-crf', '28'];
  const encodeTarget = rotate ? `${path}.unrotated.mp4` : path;
  await ffmpeg([
    ...sources,
    '-c:v',
    'libx264',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'veryfast',
    ...rate,
    ...(audio ? ['-c:a', 'aac', '-b:a', '96k'] : []),
    '-movflags',
    '+faststart',
    encodeTarget,
  ]);
  if (!rotate) return;
  try {
    // ffmpeg 5.1 turns the rotate tag into a display matrix only when stream-copying; the tag is
    // counter-clockwise there, so 360 - rotate gives the clockwise turn phones record.
    await ffmpeg([
      '-i',
      encodeTarget,
      '-c',
      'copy',
      '-metadata:s:v:0',
      `rotate=${360 - rotate}`,
      '-movflags',
      '+faststart',
      path,
    ]);
  } finally {
    await rm(encodeTarget, { force: true });
  }
}

/**
 * The hostile file of issue 13: two 1080p frames 600 s apart in Matroska, so ffprobe reports a
 * 600 s, 60 fps video that is a few KB. Encoders fill the gap with 36,000 duplicated frames per
 * rung, and ffmpeg prints no progress while it does.
 */
export async function generateSparseTimestamps(path: string): Promise<void> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=1920x1080:r=60',
    '-frames:v',
    '2',
    '-vf',
    'setpts=N*36000',
    '-fps_mode',
    'passthrough',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-f',
    'matroska',
    path,
  ]);
}

/**
 * An MP4 cut off after `fraction` of its bytes, with the index (moov) at the front: the header
 * promises the whole clip, the frames stop early. ffmpeg encodes what is there and exits 0.
 */
export async function generateTruncatedClip(path: string, options: ClipOptions & { fraction: number }) {
  const whole = `${path}.whole.mp4`;
  await generateClip(whole, options);
  const bytes = await readFile(whole);
  await rm(whole, { force: true });
  await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * options.fraction)));
}

/** Writes a plain text file at `path`, whatever its extension says: an upload that is not media. */
export async function generateNonVideo(path: string): Promise<void> {
  await writeFile(path, 'This is a plain text file, not a video.\n'.repeat(64));
}

async function ffmpeg(args: string[]): Promise<void> {
  const result = await runProcess('ffmpeg', ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args], {
    timeoutMs: TIMEOUT_MS,
  });
  if (result.code !== 0) throw new Error(`ffmpeg could not make the test clip: ${result.stderrTail}`);
}

/**
 * Real-world input kinds, each a tiny clip (about 2 s at 320x180 unless the kind is about size)
 * made the way cameras, phones and editors make them. The file extension matters to nothing
 * but humans: the worker reads the content.
 */
export const INPUT_KINDS = {
  /** Display matrix rotation both ways: a phone held upright, and upside-down the other way. */
  'rotated-90': {
    ext: 'mp4',
    make: (out: string) => generateClip(out, { seconds: 2, width: 320, height: 180, rotate: 90 }),
  },
  'rotated-270': {
    ext: 'mp4',
    make: (out: string) => generateClip(out, { seconds: 2, width: 320, height: 180, rotate: 270 }),
  },
  'portrait-native': { ext: 'mp4', make: (out: string) => generateClip(out, { seconds: 2, width: 180, height: 320 }) },
  /** 4:4:4 H.264 (High 4:4:4 Predictive) with odd sides, which 4:2:0 cannot hold. */
  'odd-444': {
    ext: 'mkv',
    make: (out: string) => encode(out, testsrc('320x180'), ['-vf', 'scale=321:181,format=yuv444p', '-c:v', 'libx264']),
  },
  /** PAL 16:9: 720x576 stored, 1024x576 shown. */
  anamorphic: {
    ext: 'mkv',
    make: (out: string) =>
      encode(out, testsrc('720x576'), ['-vf', 'setsar=64/45', '-c:v', 'libx264', '-pix_fmt', 'yuv420p']),
  },
  /** Frames dropped irregularly and timestamps kept: variable frame rate, as phones record. */
  vfr: {
    ext: 'mkv',
    make: (out: string) =>
      encode(out, testsrc('320x180', 30), [
        '-vf',
        "select='not(mod(n\\,3))+not(mod(n\\,5))'",
        '-fps_mode',
        'vfr',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
      ]),
  },
  /** Top field first, interlaced-coded H.264, as broadcast and old camcorders. */
  interlaced: {
    ext: 'ts',
    make: (out: string) =>
      encode(out, testsrc('320x180'), [
        '-vf',
        'setfield=tff',
        '-c:v',
        'libx264',
        '-flags',
        '+ildct+ilme',
        '-x264opts',
        'tff=1',
        '-pix_fmt',
        'yuv420p',
        '-f',
        'mpegts',
      ]),
  },
  'h264-10bit': {
    ext: 'mp4',
    make: (out: string) => encode(out, testsrc('320x180'), ['-c:v', 'libx264', '-pix_fmt', 'yuv420p10le']),
  },
  /** HDR10: HEVC Main 10, BT.2020, PQ. */
  'hevc-hdr-pq': {
    ext: 'mp4',
    make: (out: string) => encode(out, testsrc('320x180'), [...X265, ...hdr('smpte2084'), '-tag:v', 'hvc1']),
  },
  /** HLG, as phones record HDR. */
  'hevc-hdr-hlg': {
    ext: 'mov',
    make: (out: string) =>
      encode(out, testsrc('320x180'), [...X265, ...hdr('arib-std-b67'), '-tag:v', 'hvc1', '-f', 'mov']),
  },
  'vp9-webm': {
    ext: 'webm',
    make: (out: string) =>
      encode(
        out,
        [...testsrc('320x180'), ...sine(2)],
        ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus', '-f', 'webm'],
      ),
  },
  'av1-mkv': {
    ext: 'mkv',
    make: (out: string) => encode(out, testsrc('320x180'), ['-c:v', 'libsvtav1', '-preset', '12']),
  },
  'mpeg4-avi': {
    ext: 'avi',
    make: (out: string) =>
      encode(out, [...testsrc('320x180'), ...sine(2)], ['-c:v', 'mpeg4', '-c:a', 'mp3', '-f', 'avi']),
  },
  /** A camera's MP4: index (moov) after the media, not moved to the front. */
  'moov-at-end': {
    ext: 'mp4',
    make: (out: string) =>
      encode(out, [...testsrc('320x180'), ...sine(2)], ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac']),
  },
  /** An edit list cutting into the first GOP, as a trimmed-without-re-encoding export. */
  'edit-list': { ext: 'mp4', make: (out: string) => trimmedCopy(out) },
  'no-audio': {
    ext: 'mp4',
    make: (out: string) => generateClip(out, { seconds: 2, width: 320, height: 180, audio: false }),
  },
  'audio-longer': {
    ext: 'mp4',
    make: (out: string) =>
      encode(out, [...testsrc('320x180'), ...sine(4)], ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac']),
  },
  /** Two audio tracks, the second marked default (a dub over the original). */
  'multi-audio': {
    ext: 'mkv',
    make: (out: string) =>
      encode(
        out,
        [...testsrc('320x180'), ...sine(2, 440), ...sine(2, 880)],
        [
          '-map',
          '0:v',
          '-map',
          '1:a',
          '-map',
          '2:a',
          '-c:v',
          'libx264',
          '-pix_fmt',
          'yuv420p',
          '-c:a',
          'aac',
          '-disposition:a:0',
          '0',
          '-disposition:a:1',
          'default',
        ],
      ),
  },
  'fps-120': {
    ext: 'mp4',
    make: (out: string) => encode(out, testsrc('320x180', 120), ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']),
  },
} satisfies Record<string, { ext: string; make: (out: string) => Promise<void> }>;
export type InputKind = keyof typeof INPUT_KINDS;

const X265 = ['-c:v', 'libx265', '-x265-params', 'log-level=error', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le'];
const hdr = (transfer: string) => ['-color_primaries', 'bt2020', '-color_trc', transfer, '-colorspace', 'bt2020nc'];
const testsrc = (size: string, rate = 25, seconds = 2) => [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
];
const sine = (seconds: number, frequency = 440) => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=${frequency}:sample_rate=48000:duration=${seconds}`,
];

async function encode(out: string, inputs: string[], args: string[]): Promise<void> {
  await ffmpeg([...inputs, ...args, out]);
}

async function trimmedCopy(out: string): Promise<void> {
  const whole = `${out}.whole.mp4`;
  await encode(
    whole,
    [...testsrc('320x180', 25, 3), ...sine(3)],
    ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '50', '-c:a', 'aac'],
  );
  try {
    await ffmpeg(['-ss', '0.5', '-i', whole, '-c', 'copy', out]);
  } finally {
    await rm(whole, { force: true });
  }
}

/** Refused inputs, each with the error code the video must end with. */
export const REFUSED_KINDS = {
  'not-media': { code: 'unsupported_format', make: (out: string) => generateNonVideo(out) },
  empty: { code: 'unsupported_format', make: (out: string) => writeFile(out, '') },
  'audio-only': { code: 'no_video_stream', make: (out: string) => encode(out, sine(2), ['-c:a', 'aac', '-f', 'mp4']) },
  'cover-art': {
    code: 'no_video_stream',
    make: (out: string) =>
      encode(
        out,
        [...sine(2), '-f', 'lavfi', '-i', 'color=c=red:s=300x300:d=1'],
        [
          '-map',
          '0:a',
          '-map',
          '1:v',
          '-frames:v',
          '1',
          '-c:a',
          'libmp3lame',
          '-c:v',
          'mjpeg',
          '-disposition:v',
          'attached_pic',
          '-f',
          'mp3',
        ],
      ),
  },
  'single-frame': {
    code: 'no_video_stream',
    make: (out: string) => encode(out, testsrc('320x180'), ['-frames:v', '1', '-c:v', 'libx264', '-f', 'mp4']),
  },
  truncated: {
    code: 'corrupt_media',
    make: async (out: string) => {
      const whole = `${out}.whole.mp4`;
      await generateClip(whole, { seconds: 6, width: 320, height: 180 });
      const bytes = await readFile(whole);
      await rm(whole, { force: true });
      // faststart puts moov first: the header promises 6 s, but most frames are missing.
      await writeFile(out, bytes.subarray(0, Math.floor(bytes.length / 3)));
    },
  },
  /** A camera MP4 (index at the end) cut off mid-upload: the index never arrived. */
  'truncated-moov-at-end': {
    code: 'corrupt_media',
    make: async (out: string) => {
      const whole = `${out}.whole.mp4`;
      await encode(
        whole,
        [...testsrc('320x180'), ...sine(2)],
        ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      );
      const bytes = await readFile(whole);
      await rm(whole, { force: true });
      await writeFile(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  },
  /** 200 KB declaring 8192x8192: must be refused before a frame is decoded. */
  'huge-picture': {
    code: 'limits_exceeded',
    make: (out: string) =>
      encode(
        out,
        ['-f', 'lavfi', '-i', 'color=c=gray:size=8192x8192:rate=1:duration=2'],
        ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
      ),
  },
} satisfies Record<string, { code: string; make: (out: string) => Promise<void> }>;
export type RefusedKind = keyof typeof REFUSED_KINDS;
