import { MediaError } from './errors';
import { type FixtureName, loadProbeFixture } from './fixtures/load';
import { checkLimits, type MediaInfo } from './media-info';
import { ALLOWED_DEMUXERS, buildProbeArgs, inputEnv, summarizeProbe, type FfprobeOutput } from './probe';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
  return undefined;
}

describe('summarizeProbe', () => {
  it('reads a landscape H.264/AAC MP4 as the viewer sees it', () => {
    const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
    expect(info).toEqual({
      duration: 2,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      bitRate: expect.any(Number),
      video: {
        index: 0,
        codec: 'h264',
        width: 640,
        height: 360,
        displayWidth: 640,
        displayHeight: 360,
        rotation: 0,
        fps: 25,
        pixFmt: 'yuv420p',
        duration: 2,
        bitRate: expect.any(Number),
        frameCount: 50,
        interlaced: false,
        hdr: null,
      },
      audio: { index: 1, codec: 'aac', channels: 1, sampleRate: 44100, duration: expect.closeTo(2, 1) },
    });
  });

  it('turns a phone portrait clip (display matrix −90°) upright: 90° clockwise, 360x640', () => {
    const { video } = summarizeProbe(loadProbeFixture('portrait-rotate90'));
    expect([video.width, video.height]).toEqual([640, 360]);
    expect(video.rotation).toBe(90);
    expect([video.displayWidth, video.displayHeight]).toEqual([360, 640]);
  });

  it('honours the legacy rotate tag of older ffprobe versions', () => {
    const probe = loadProbeFixture('landscape-640x360');
    probe.streams![0].tags = { rotate: '270' };
    const { video } = summarizeProbe(probe);
    expect(video.rotation).toBe(270);
    expect([video.displayWidth, video.displayHeight]).toEqual([360, 640]);
  });

  it('keeps the dimensions for an upside-down clip', () => {
    const probe = loadProbeFixture('portrait-rotate90');
    probe.streams![0].side_data_list = [{ side_data_type: 'Display Matrix', rotation: 180 }];
    const { video } = summarizeProbe(probe);
    expect([video.rotation, video.displayWidth, video.displayHeight]).toEqual([180, 640, 360]);
  });

  it('widens anamorphic video by its sample aspect ratio', () => {
    const { video, container } = summarizeProbe(loadProbeFixture('anamorphic-720x576-sar64-45'));
    expect(container).toBe('matroska,webm');
    expect([video.width, video.height]).toEqual([720, 576]);
    expect([video.displayWidth, video.displayHeight]).toEqual([1024, 576]);
  });

  it('accepts video without audio', () => {
    const info = summarizeProbe(loadProbeFixture('video-only'));
    expect(info.audio).toBeNull();
    expect(info.video.fps).toBe(30);
  });

  it('rejects audio-only files with no_video_stream', () => {
    expect(codeOf(() => summarizeProbe(loadProbeFixture('audio-only')))).toBe('no_video_stream');
  });

  it('does not take MP3 cover art for a video', () => {
    const probe = loadProbeFixture('cover-art');
    expect(probe.streams!.some((s) => s.codec_type === 'video')).toBe(true);
    expect(codeOf(() => summarizeProbe(probe))).toBe('no_video_stream');
  });

  it('picks the real video when cover art comes first', () => {
    const art = loadProbeFixture('cover-art').streams!.find((s) => s.codec_type === 'video')!;
    const probe = loadProbeFixture('landscape-640x360');
    probe.streams = [{ ...art, index: 0 }, ...probe.streams!.map((s) => ({ ...s, index: s.index + 1 }))];
    expect(summarizeProbe(probe).video.index).toBe(1);
  });

  it.each<[string, (p: FfprobeOutput) => void]>([
    [
      'no duration anywhere',
      (p) => {
        delete p.format!.duration;
        p.streams!.forEach((s) => delete s.duration);
      },
    ],
    [
      'a zero duration',
      (p) => {
        p.format!.duration = '0.000000';
        p.streams!.forEach((s) => delete s.duration);
      },
    ],
    [
      'no picture size',
      (p) => {
        delete p.streams![0].width;
      },
    ],
    [
      'a zero height',
      (p) => {
        p.streams![0].height = 0;
      },
    ],
  ])('calls a file with %s corrupt_media', (_, breakIt) => {
    const probe = loadProbeFixture('landscape-640x360');
    breakIt(probe);
    expect(codeOf(() => summarizeProbe(probe))).toBe('corrupt_media');
  });

  it('falls back to the stream duration when the container has none', () => {
    const probe = loadProbeFixture('landscape-640x360');
    delete probe.format!.duration;
    expect(summarizeProbe(probe).duration).toBeCloseTo(2, 1);
  });

  it('gives customer-readable messages', () => {
    try {
      summarizeProbe(loadProbeFixture('audio-only'));
    } catch (error) {
      expect((error as Error).message).toBe('The file has no video stream.');
    }
    expect.assertions(1);
  });
});

describe('summarizeProbe on each real-world input kind (stored ffprobe JSON)', () => {
  it.each<[FixtureName, Partial<MediaInfo['video']>]>([
    ['rotated-90', { rotation: 90, displayWidth: 180, displayHeight: 320 }],
    ['rotated-270', { rotation: 270, displayWidth: 180, displayHeight: 320 }],
    ['portrait-native', { rotation: 0, displayWidth: 180, displayHeight: 320 }],
    ['odd-444', { width: 321, height: 181, pixFmt: 'yuv444p' }],
    ['anamorphic', { width: 720, displayWidth: 1024, displayHeight: 576 }],
    ['interlaced', { interlaced: true }],
    ['h264-10bit', { pixFmt: 'yuv420p10le', hdr: null }],
    ['hevc-hdr-pq', { codec: 'hevc', hdr: 'pq', pixFmt: 'yuv420p10le' }],
    ['hevc-hdr-hlg', { codec: 'hevc', hdr: 'hlg' }],
    ['vp9-webm', { codec: 'vp9' }],
    ['av1-mkv', { codec: 'av1' }],
    ['mpeg4-avi', { codec: 'mpeg4' }],
    ['fps-120', { fps: 120 }],
    ['moov-at-end', { codec: 'h264', interlaced: false }],
    ['edit-list', { codec: 'h264' }],
  ])('%s', (name, expected) => {
    expect(summarizeProbe(loadProbeFixture(name)).video).toMatchObject(expected);
  });

  it('reads variable frame rate video, whose duration comes from the container', () => {
    const info = summarizeProbe(loadProbeFixture('vfr'));
    expect(info.duration).toBeCloseTo(2, 0);
    expect(info.video.fps).toBeGreaterThan(0);
  });

  it('takes the audio track marked default among several', () => {
    expect(summarizeProbe(loadProbeFixture('multi-audio')).audio).toMatchObject({ index: 2 });
  });

  it('knows when the audio runs past the picture', () => {
    const { audio, video } = summarizeProbe(loadProbeFixture('audio-longer'));
    expect(audio!.duration!).toBeGreaterThan(video.duration! + 1);
  });

  it('has no audio for a silent clip', () => {
    expect(summarizeProbe(loadProbeFixture('no-audio')).audio).toBeNull();
  });

  it('refuses a single picture as no_video_stream', () => {
    expect(codeOf(() => summarizeProbe(loadProbeFixture('single-frame')))).toBe('no_video_stream');
  });
});

describe('checkLimits', () => {
  const limits = { maxPixels: 3840 * 2160, maxDurationSeconds: 3600 };

  it('refuses a picture above the pixel limit, naming its size', () => {
    const run = () => checkLimits(summarizeProbe(loadProbeFixture('huge-picture')), limits);
    expect(codeOf(run)).toBe('limits_exceeded');
    expect(run).toThrow(/8192x8192 \(67.1 MP\); the limit is 8.3 MP/);
  });

  it('refuses a video above the duration limit', () => {
    expect(
      codeOf(() =>
        checkLimits(summarizeProbe(loadProbeFixture('landscape-640x360')), { ...limits, maxDurationSeconds: 1 }),
      ),
    ).toBe('limits_exceeded');
  });

  it('accepts 4K exactly', () => {
    const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
    expect(() => checkLimits({ ...info, video: { ...info.video, width: 3840, height: 2160 } }, limits)).not.toThrow();
  });
});

describe('buildProbeArgs', () => {
  it('confines ffprobe to the local file and to container demuxers', () => {
    const args = buildProbeArgs('/tmp/job/source');
    expect(args.slice(-6)).toEqual([
      '-protocol_whitelist',
      'file',
      '-format_whitelist',
      ALLOWED_DEMUXERS.join(','),
      '-i',
      'file:/tmp/job/source',
    ]);
    for (const dangerous of ['hls', 'concat', 'image2', 'http', 'tcp'])
      expect(ALLOWED_DEMUXERS).not.toContain(dangerous);
  });

  it('makes the decoder refuse oversized pictures before allocating them', () => {
    const args = buildProbeArgs('/tmp/job/source', 8_294_400);
    expect(args.slice(args.indexOf('-max_pixels'), args.indexOf('-max_pixels') + 2)).toEqual([
      '-max_pixels',
      '8294400',
    ]);
    expect(args.indexOf('-max_pixels')).toBeLessThan(args.indexOf('-i'));
  });

  it('confines ffprobe reading a served source to HTTP, through the serving process as its only proxy', () => {
    const served = { url: 'http://127.0.0.1:4000/abc', proxy: 'http://127.0.0.1:4000', localPath: '/tmp/job/source' };
    const args = buildProbeArgs(served, 8_294_400);
    expect(args.slice(-8)).toEqual([
      '-protocol_whitelist',
      'http,tcp',
      '-format_whitelist',
      ALLOWED_DEMUXERS.join(','),
      '-max_pixels',
      '8294400',
      '-i',
      'http://127.0.0.1:4000/abc',
    ]);
    expect(inputEnv(served)).toEqual({ http_proxy: 'http://127.0.0.1:4000', no_proxy: '' });
    expect(inputEnv('/tmp/job/source')).toEqual({});
  });

  it('never lets a file name pass for an option or a URL', () => {
    expect(buildProbeArgs('-f').at(-1)).toMatch(/^file:\/.*\/-f$/);
    expect(buildProbeArgs('http://example.com/x').at(-1)).toMatch(/^file:\//);
  });
});
