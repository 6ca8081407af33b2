import { DEFAULT_LADDER, parseLadder } from '@streamforge/core';
import { checkCost, encodeCost, MEDIA_SECOND_PIXELS } from './cost';
import { loadProbeFixture } from './fixtures/load';
import { planLadder } from './ladder';
import { summarizeProbe } from './media-info';

const ladder = parseLadder(DEFAULT_LADDER);

function costOf(name: Parameters<typeof loadProbeFixture>[0]) {
  const info = summarizeProbe(loadProbeFixture(name));
  return encodeCost(info, planLadder(info, ladder));
}

describe('encodeCost', () => {
  it('prices a second of 1080p30 through the default ladder at one media second', () => {
    const info = summarizeProbe(loadProbeFixture('sparse-timestamps'));
    const second = { ...info, duration: 1, video: { ...info.video, fps: 30 } };
    expect(encodeCost(second, planLadder(second, ladder))).toEqual({
      frames: 30,
      ladderPixels: MEDIA_SECOND_PIXELS / 30,
      mediaSeconds: 1,
    });
  });

  it('charges the 7 KB sparse file for every frame the encoder will fill in: 600 s at 60 fps in 1080p', () => {
    const cost = costOf('sparse-timestamps');
    expect(cost.frames).toBe(36_002);
    expect(cost.mediaSeconds).toBeCloseTo(1200, 0);
  });

  it('charges a small picture for its small ladder', () => {
    const cost = costOf('landscape-640x360');
    // 2 s at 25 fps through 360p only.
    expect(cost.frames).toBe(50);
    expect(cost.ladderPixels).toBe(640 * 360);
    expect(cost.mediaSeconds).toBeCloseTo((50 * 640 * 360) / MEDIA_SECOND_PIXELS, 6);
  });

  it('counts frame rates above 60 at 60, as the filter graph caps them', () => {
    const info = summarizeProbe(loadProbeFixture('fps-120'));
    expect(info.video.fps).toBeGreaterThan(60);
    expect(costOf('fps-120').frames).toBe(Math.ceil(info.duration * 60));
  });
});

describe('checkCost', () => {
  it('refuses a video above the per-video limit with limits_exceeded, naming both numbers', () => {
    const cost = costOf('sparse-timestamps');
    expect(() => checkCost(cost, 600)).toThrow(
      expect.objectContaining({ code: 'limits_exceeded', message: expect.stringMatching(/1201 media seconds.*600/) }),
    );
    expect(() => checkCost(cost, 1300)).not.toThrow();
  });
});
