import { parseRetryAfter, RetrySchedule } from './retry-schedule';

const SVIX = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

describe('RetrySchedule', () => {
  it('follows the schedule with no jitter, then gives up', () => {
    const s = new RetrySchedule(SVIX, 0);
    expect(s.firstDelayMs()).toBe(0);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => s.nextDelayMs(n))).toEqual(SVIX.slice(1));
    expect(s.nextDelayMs(8)).toBeNull();
  });

  it('spreads each delay by at most ±20 %, reaching both ends', () => {
    expect(new RetrySchedule(SVIX, 0.2, () => 0).nextDelayMs(1)).toBe(4_000);
    expect(new RetrySchedule(SVIX, 0.2, () => 1).nextDelayMs(1)).toBe(6_000);
    const random = new RetrySchedule(SVIX, 0.2);
    for (let i = 0; i < 200; i++) {
      const d = random.nextDelayMs(2)!;
      expect(d).toBeGreaterThanOrEqual(240_000);
      expect(d).toBeLessThanOrEqual(360_000);
    }
  });

  it('honours Retry-After up to the next scheduled slot', () => {
    const s = new RetrySchedule(SVIX, 0);
    expect(s.nextDelayMs(2, 10_000)).toBe(10_000);
    expect(s.nextDelayMs(2, 86_400_000)).toBe(300_000);
    expect(s.nextDelayMs(8, 1_000)).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
