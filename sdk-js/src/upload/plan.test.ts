import fc from 'fast-check';
import { choosePartSize, planParts, S3_LIMITS } from './plan';

const MiB = 1024 * 1024;
const MAX_FILE = S3_LIMITS.maxPartSize * S3_LIMITS.maxParts; // 5 GiB × 10,000 ≈ 48.8 TiB

describe('part planner', () => {
  test('any file up to the S3 maximum splits into ≤ 10,000 equal parts (but the last) that sum to its size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FILE }), fc.integer({ min: 1, max: 64 }), (size, preferredMiB) => {
        const partSize = choosePartSize(size, preferredMiB * MiB);
        const parts = planParts(size, partSize);
        // Plain checks in the loop (expect() per part would make 10,000-part plans slow).
        let sum = 0;
        const broken = parts.find((p, i) => {
          sum += p.size;
          const last = i === parts.length - 1;
          return (
            p.number !== i + 1 ||
            p.end - p.start !== p.size ||
            (i > 0 && p.start !== parts[i - 1].end) ||
            p.size <= 0 ||
            p.size > S3_LIMITS.maxPartSize ||
            (!last && (p.size !== partSize || p.size < S3_LIMITS.minPartSize))
          );
        });
        expect(broken).toBeUndefined();
        expect(parts.length).toBeLessThanOrEqual(S3_LIMITS.maxParts);
        expect(sum).toBe(size);
      }),
      { numRuns: 300 },
    );
  });

  test('a single PUT is one range over the whole file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 * 1024 * MiB }), (size) => {
        expect(planParts(size, null)).toEqual([{ number: 1, start: 0, end: size, size }]);
      }),
    );
  });

  test('plans S3 would refuse are refused', () => {
    expect(() => planParts(100 * MiB, 4 * MiB)).toThrow(RangeError);
    expect(() => planParts(10_001 * 5 * MiB, 5 * MiB)).toThrow(/10000/);
    expect(() => choosePartSize(MAX_FILE + 1)).toThrow(RangeError);
    expect(() => planParts(0, 5 * MiB)).toThrow(RangeError);
  });
});
