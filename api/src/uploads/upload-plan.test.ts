import { partLength, planUpload, S3_LIMITS } from './upload-plan';

const MiB = 1024 * 1024;
const opts = { multipartThreshold: 16 * MiB, partSize: 8 * MiB };

describe('planUpload', () => {
  it('sends files up to the threshold in one PUT', () => {
    expect(planUpload(16 * MiB, opts)).toEqual({ mode: 'single', partSize: null, partCount: 1 });
  });

  it('splits larger files into equal parts with a smaller last part', () => {
    const size = 20 * MiB + 3;
    const plan = planUpload(size, opts);
    expect(plan).toEqual({ mode: 'multipart', partSize: 8 * MiB, partCount: 3 });
    expect([1, 2, 3].map((n) => partLength(size, plan, n))).toEqual([8 * MiB, 8 * MiB, 4 * MiB + 3]);
  });

  it('grows the part size in whole MiB so a huge file stays within 10,000 parts', () => {
    const size = 200 * 1024 * MiB;
    const plan = planUpload(size, opts);
    if (plan.mode !== 'multipart') throw new Error('expected multipart');
    expect(plan.partCount).toBeLessThanOrEqual(S3_LIMITS.maxParts);
    expect(plan.partSize % MiB).toBe(0);
    expect(plan.partSize * plan.partCount).toBeGreaterThanOrEqual(size);
  });

  it('never plans parts below S3 minimum', () => {
    const plan = planUpload(30 * MiB, { multipartThreshold: 10 * MiB, partSize: 1 * MiB });
    expect(plan.partSize).toBe(5 * MiB);
  });
});
