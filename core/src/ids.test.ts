import { newId, randomBase62 } from './ids';

describe('random ids', () => {
  it('are prefixed base62 of the asked length, and never repeat across many pool refills', () => {
    const ids = Array.from({ length: 2000 }, () => newId('vid'));
    for (const id of ids) expect(id).toMatch(/^vid_[0-9A-Za-z]{24}$/);
    // 2,000 ids of 24 characters draw ~50 KB, a dozen refills of the 4 KiB pool.
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every base62 character equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const text = randomBase62(62 * 10_000);
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // Expected 10,000 each (standard deviation ~100). Without the rejection of bytes 248-255, the
    // first eight characters would come up ~21 % more often than the others.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(9_000);
      expect(count).toBeLessThan(11_000);
    }
  });
});
