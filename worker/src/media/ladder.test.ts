import { parseLadder, DEFAULT_LADDER } from '@streamforge/core';
import { loadProbeFixture } from './fixtures/load';
import { planLadder } from './ladder';
import { summarizeProbe, type MediaInfo } from './media-info';

const LADDER = parseLadder(DEFAULT_LADDER); // 360:1000, 720:3000, 1080:6000

function source(displayWidth: number, displayHeight: number, bitRate: number | null = null): MediaInfo {
  const info = summarizeProbe(loadProbeFixture('landscape-640x360'));
  return { ...info, bitRate: null, video: { ...info.video, displayWidth, displayHeight, bitRate } };
}
const sizes = (info: MediaInfo) => planLadder(info, LADDER).map((p) => [p.id, p.width, p.height]);

describe('planLadder', () => {
  it('gives a 1080p source the whole 360/720/1080 ladder at 16:9', () => {
    expect(sizes(source(1920, 1080))).toEqual([
      ['360p', 640, 360],
      ['720p', 1280, 720],
      ['1080p', 1920, 1080],
    ]);
  });

  it('plans portrait video by its short side, in display orientation', () => {
    expect(sizes(source(1080, 1920))).toEqual([
      ['360p', 360, 640],
      ['720p', 720, 1280],
      ['1080p', 1080, 1920],
    ]);
    expect(sizes(summarizeProbe(loadProbeFixture('portrait-rotate90')))).toEqual([['360p', 360, 640]]);
  });

  it('never upscales: a 640x360 upload gets one 360p rung', () => {
    expect(sizes(source(640, 360))).toEqual([['360p', 640, 360]]);
  });

  it('keeps a source between two rungs at its own size (480p gets 360p and 480p)', () => {
    expect(sizes(source(854, 480))).toEqual([
      ['360p', 640, 360],
      ['480p', 854, 480],
    ]);
  });

  it('stops at the top configured rung for sources above it (4K gets up to 1080p)', () => {
    expect(sizes(source(3840, 2160)).at(-1)).toEqual(['1080p', 1920, 1080]);
  });

  it('always has one rung, even for a source smaller than the smallest rung', () => {
    expect(sizes(source(320, 180))).toEqual([['180p', 320, 180]]);
    expect(sizes(source(3, 3))).toEqual([['2p', 2, 2]]);
  });

  it('uses the display aspect of anamorphic video (720x576 shown as 1024x576)', () => {
    expect(sizes(summarizeProbe(loadProbeFixture('anamorphic')))).toEqual([
      ['360p', 640, 360],
      ['576p', 1024, 576],
    ]);
  });

  it.each([
    [853, 481],
    [641, 359],
    [1001, 1001],
    [321, 181],
    [4096, 2],
    [2, 4096],
  ])('makes even sizes no larger than the %ix%i source', (w, h) => {
    for (const plan of planLadder(source(w, h), LADDER)) {
      expect(plan.width % 2).toBe(0);
      expect(plan.height % 2).toBe(0);
      expect(plan.width).toBeLessThanOrEqual(w);
      expect(plan.height).toBeLessThanOrEqual(h);
    }
  });

  it('caps each rung at its configured maxrate, with a two-second buffer', () => {
    expect(planLadder(source(1920, 1080), LADDER).map((p) => [p.maxrate, p.bufsize])).toEqual([
      [1_000_000, 2_000_000],
      [3_000_000, 6_000_000],
      [6_000_000, 12_000_000],
    ]);
  });

  it('never spends more than 1.3x the source bitrate on any rung', () => {
    expect(planLadder(source(1920, 1080, 2_000_000), LADDER).map((p) => p.maxrate)).toEqual([
      1_000_000, 2_600_000, 2_600_000,
    ]);
  });

  it('follows a configured ladder', () => {
    expect(sizes({ ...source(1920, 1080) }).length).toBe(3);
    expect(planLadder(source(1920, 1080), parseLadder('240:400,480:1200')).map((p) => p.id)).toEqual(['240p', '480p']);
  });
});
