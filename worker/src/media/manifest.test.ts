import { buildManifest, buildRendition, type ProducedRendition } from './manifest';

const produced: ProducedRendition = {
  id: '360p',
  width: 640,
  height: 360,
  codecs: 'avc1.64001e,mp4a.40.2',
  init: '360p/init.mp4',
  segments: [
    { url: '360p/seg_00000.m4s', duration: 4, bytes: 400_000 },
    { url: '360p/seg_00001.m4s', duration: 4, bytes: 500_000 },
    { url: '360p/seg_00002.m4s', duration: 0.1, bytes: 20_000 },
  ],
};

describe('buildRendition', () => {
  const rendition = buildRendition(produced);

  it('places each segment where the previous one ends', () => {
    expect(rendition.segments.map((s) => s.start)).toEqual([0, 4, 8]);
  });

  it('uses the peak segment bitrate as bandwidth, so a connection that fits it keeps up with every segment', () => {
    // The short last segment peaks: 20 000 B * 8 / 0.1 s.
    expect(rendition.bandwidth).toBe(1_600_000);
  });

  it('keeps URLs relative and labels the rendition for MSE', () => {
    expect(rendition).toMatchObject({ type: 'video', mime_type: 'video/mp4', init: '360p/init.mp4', codecs: 'avc1.64001e,mp4a.40.2' });
    expect(rendition.segments[0]).toEqual({ url: '360p/seg_00000.m4s', start: 0, duration: 4, bytes: 400_000 });
  });

  it('does not accumulate floating-point noise in start times', () => {
    const many = buildRendition({
      ...produced,
      segments: Array.from({ length: 30 }, (_, i) => ({ url: `s${i}`, duration: 0.1, bytes: 1 })),
    });
    expect(many.segments[29].start).toBe(2.9);
  });
});

describe('buildManifest', () => {
  it('is version 1 with the playable duration and the segment target', () => {
    const manifest = buildManifest([produced], 4);
    expect(manifest).toMatchObject({ version: 1, duration: 8.1, segment_duration: 4 });
    expect(manifest.renditions).toHaveLength(1);
  });
});
