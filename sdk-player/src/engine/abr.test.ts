import { ABR_DEFAULTS, chooseRendition, Ewma, sizeCap, ThroughputEstimator, type AbrInput } from './abr';

const LADDER = [
  { width: 320, height: 180, bandwidth: 400_000 },
  { width: 640, height: 360, bandwidth: 1_000_000 },
  { width: 1280, height: 720, bandwidth: 3_000_000 },
  { width: 1920, height: 1080, bandwidth: 6_000_000 },
];
const input = (over: Partial<AbrInput>): AbrInput => ({
  renditions: LADDER,
  current: 1,
  estimateBps: 1_500_000,
  now: 100,
  lastSwitchAt: 0,
  cap: 3,
  manual: null,
  ...over,
});

describe('throughput estimate', () => {
  it('an EWMA of a constant is that constant, whatever the weights', () => {
    const e = new Ewma(3);
    e.sample(0.5, 2_000_000);
    e.sample(4, 2_000_000);
    expect(e.estimate).toBeCloseTo(2_000_000, 0);
  });

  it('starts from the assumed 1 Mbps, then follows samples', () => {
    const t = new ThroughputEstimator();
    expect(t.estimate).toBe(1_000_000);
    expect(t.sample(500_000, 1000)).toBe(true); // 4 Mbit/s
    expect(t.estimate).toBeCloseTo(4_000_000, -3);
  });

  it('ignores tiny downloads; counts a cache hit or loopback load as taking at least 5 ms', () => {
    const t = new ThroughputEstimator();
    expect(t.sample(10_000, 100)).toBe(false);
    expect(t.estimate).toBe(1_000_000);
    expect(t.sample(50_000, 0.5)).toBe(true);
    expect(t.estimate).toBeCloseTo((50_000 * 8) / 0.005, -3); // 80 Mbit/s, not infinity
  });

  it('takes the lower EWMA: a sudden drop shows at once, a sudden rise slowly', () => {
    const t = new ThroughputEstimator();
    for (let i = 0; i < 10; i++) t.sample(1_000_000, 1000); // 8 Mbit/s for 10 s
    t.sample(125_000, 1000); // then 1 Mbit/s
    const afterDrop = t.estimate;
    expect(afterDrop).toBeLessThan(7_000_000);
    const fast = new Ewma(3);
    const slow = new Ewma(9);
    for (const e of [fast, slow]) {
      for (let i = 0; i < 10; i++) e.sample(1, 8_000_000);
      e.sample(1, 1_000_000);
    }
    expect(afterDrop).toBeCloseTo(Math.min(fast.estimate, slow.estimate), -2);
    for (let i = 0; i < 3; i++) t.sample(2_000_000, 1000); // 16 Mbit/s
    expect(t.estimate).toBeLessThan(16_000_000);
  });

  it('weighted by media seconds, a recovered link is believed within three 4 s segments', () => {
    const t = new ThroughputEstimator();
    for (let i = 0; i < 10; i++) t.sample(40_000, 1000, 4); // 320 kbit/s
    expect(t.estimate).toBeLessThan(400_000);
    for (let i = 0; i < 3; i++) t.sample(40_000, 4, 4); // loopback
    expect(t.estimate).toBeGreaterThan(10_000_000);
  });
});

describe('rendition choice', () => {
  it('switches down at once when the estimate × 0.95 falls below the current bitrate', () => {
    expect(chooseRendition(input({ current: 2, estimateBps: 3_000_000, now: 1, lastSwitchAt: 0.5 }))).toBe(1);
    expect(chooseRendition(input({ current: 2, estimateBps: 300_000 }))).toBe(0);
  });

  it('switches up only with a margin (× 0.8) and not within 8 s of the last switch', () => {
    expect(chooseRendition(input({ estimateBps: 3_500_000 }))).toBe(1); // 3.5 × 0.8 = 2.8 < 3
    expect(chooseRendition(input({ estimateBps: 3_800_000 }))).toBe(2);
    expect(chooseRendition(input({ estimateBps: 3_800_000, now: 105, lastSwitchAt: 100 }))).toBe(1);
    expect(chooseRendition(input({ estimateBps: 3_800_000, now: 108, lastSwitchAt: 100 }))).toBe(2);
    expect(ABR_DEFAULTS).toEqual({ downFactor: 0.95, upFactor: 0.8, minUpInterval: 8 });
  });

  it('never goes above the size cap, and leaves a rung above it at once', () => {
    expect(chooseRendition(input({ estimateBps: 100_000_000, cap: 1 }))).toBe(1);
    expect(chooseRendition(input({ current: 3, estimateBps: 100_000_000, cap: 1 }))).toBe(1);
  });

  it('a manual choice overrides Auto, the estimate and the cap', () => {
    expect(chooseRendition(input({ manual: 3, estimateBps: 100_000, cap: 0 }))).toBe(3);
    expect(chooseRendition(input({ manual: 9 }))).toBe(3);
  });

  it('caps at the first rendition covering the rendered size × devicePixelRatio, and at max-resolution', () => {
    expect(sizeCap(LADDER, 640, 360)).toBe(1);
    expect(sizeCap(LADDER, 640 * 2, 360 * 2)).toBe(2);
    expect(sizeCap(LADDER, 700, 394)).toBe(2);
    expect(sizeCap(LADDER, 4000, 2000)).toBe(3);
    expect(sizeCap(LADDER, 4000, 2000, 720)).toBe(2);
    expect(sizeCap(LADDER, 0, 0)).toBe(0);
  });
});
