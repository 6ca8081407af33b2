import { buildManifest, type ManifestInput } from './manifest';

const input: ManifestInput = {
  complete: true,
  segmentDuration: 4,
  video: [
    {
      id: '360p',
      init: '360p/init.mp4',
      format: { codecs: 'avc1.64001e', width: 640, height: 360 },
      segments: [
        { url: '360p/seg_00000.m4s', duration: 4, bytes: 400_000 },
        { url: '360p/seg_00001.m4s', duration: 4, bytes: 500_000 },
        { url: '360p/seg_00002.m4s', duration: 0.1, bytes: 20_000 },
      ],
    },
  ],
  audio: {
    id: 'audio',
    init: 'audio/init.mp4',
    format: { codecs: 'mp4a.40.2', channels: 2, sampleRate: 48_000 },
    segments: [{ url: 'audio/seg_00000.m4s', duration: 8.1, bytes: 129_600 }],
  },
};

describe('buildManifest', () => {
  const manifest = buildManifest(input);
  const [rendition] = manifest.renditions;

  it('is version 1, complete, with the playable duration of the video and the segment target', () => {
    expect(manifest).toMatchObject({ version: 1, complete: true, duration: 8.1, segment_duration: 4 });
  });

  it('places each segment where the previous one ends', () => {
    expect(rendition.segments.map((s) => s.start)).toEqual([0, 4, 8]);
  });

  it('uses the peak segment bitrate as bandwidth and the whole-track average as average_bandwidth', () => {
    // The short last segment peaks: 20 000 B * 8 / 0.1 s; the average is 920 000 B * 8 / 8.1 s.
    expect(rendition.bandwidth).toBe(1_600_000);
    expect(rendition.average_bandwidth).toBe(Math.ceil((920_000 * 8) / 8.1));
  });

  it('keeps URLs relative and labels video and audio for MSE', () => {
    expect(rendition).toMatchObject({
      type: 'video',
      mime_type: 'video/mp4',
      init: '360p/init.mp4',
      codecs: 'avc1.64001e',
      width: 640,
      height: 360,
    });
    expect(manifest.audio).toMatchObject({
      id: 'audio',
      type: 'audio',
      mime_type: 'audio/mp4',
      codecs: 'mp4a.40.2',
      channels: 2,
      sample_rate: 48_000,
      bandwidth: 128_000,
    });
  });

  it('has no audio track for video-only sources, and no extras until they exist', () => {
    const silent = buildManifest({ ...input, audio: null, complete: false });
    expect(silent).toMatchObject({ audio: null, complete: false, poster: null, storyboard: null, thumbnails: null });
  });

  it('does not accumulate floating-point noise in start times', () => {
    const many = buildManifest({
      ...input,
      video: [
        {
          ...input.video[0],
          segments: Array.from({ length: 30 }, (_, i) => ({ url: `s${i}`, duration: 0.1, bytes: 1 })),
        },
      ],
    });
    expect(many.renditions[0].segments[29].start).toBe(2.9);
  });
});
