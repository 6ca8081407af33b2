import { loadProbeFixture } from './fixtures/load';
import { planRendition } from './ladder';
import { summarizeProbe, type MediaInfo } from './probe';

function source(displayWidth: number, displayHeight: number): MediaInfo {
  const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
  return { ...info, video: { ...info.video, displayWidth, displayHeight } };
}

describe('planRendition', () => {
  it('never upscales: a 640x360 upload stays 640x360', () => {
    expect(planRendition(summarizeProbe(loadProbeFixture('landscape-640x360')))).toMatchObject({
      id: '360p', width: 640, height: 360,
    });
  });

  it('caps 1080p at 720p by default, keeping 16:9', () => {
    expect(planRendition(source(1920, 1080))).toMatchObject({ id: '720p', width: 1280, height: 720 });
  });

  it('honours maxHeight with the nearest even width (854x480)', () => {
    expect(planRendition(source(1920, 1080), { maxHeight: 480 })).toMatchObject({ id: '480p', width: 854, height: 480 });
  });

  it('plans portrait phone video in display orientation', () => {
    expect(planRendition(summarizeProbe(loadProbeFixture('portrait-rotate90')))).toMatchObject({ width: 360, height: 640 });
    expect(planRendition(source(1080, 1920))).toMatchObject({ id: '720p', width: 406, height: 720 });
  });

  it('uses the display aspect of anamorphic video', () => {
    expect(planRendition(summarizeProbe(loadProbeFixture('anamorphic-720x576-sar64-45')))).toMatchObject({
      id: '576p', width: 1024, height: 576,
    });
  });

  it.each([
    [853, 481], [641, 359], [1001, 1001], [3, 3], [1, 1], [4096, 2], [2, 4096],
  ])('makes even sizes no larger than the %ix%i source', (w, h) => {
    const plan = planRendition(source(w, h));
    expect(plan.width % 2).toBe(0);
    expect(plan.height % 2).toBe(0);
    expect(plan.width).toBeGreaterThanOrEqual(2);
    expect(plan.height).toBeGreaterThanOrEqual(2);
    expect(plan.width).toBeLessThanOrEqual(Math.max(2, w));
    expect(plan.height).toBeLessThanOrEqual(Math.max(2, h));
    expect(plan.id).toBe(`${plan.height}p`);
  });

  it('gives bigger rungs more bits, with peaks capped above the average', () => {
    const small = planRendition(source(640, 360));
    const large = planRendition(source(1280, 720));
    expect(large.videoBitrate).toBeGreaterThan(small.videoBitrate);
    for (const plan of [small, large]) {
      expect(plan.maxrate).toBeGreaterThan(plan.videoBitrate);
      expect(plan.bufsize).toBeGreaterThanOrEqual(plan.maxrate);
    }
    expect(large.videoBitrate).toBeGreaterThanOrEqual(2_000_000);
    expect(large.videoBitrate).toBeLessThanOrEqual(4_000_000);
  });
});
