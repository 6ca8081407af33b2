import {
  bufferedAhead,
  evictionRange,
  gapJump,
  nextSegment,
  segmentIndexAt,
  stallNudge,
  type NextLoadInput,
} from './scheduler';

const SEGMENTS = Array.from({ length: 15 }, (_, i) => ({ start: i * 4, duration: 4 })); // 60 s
const next = (over: Partial<NextLoadInput>) =>
  nextSegment({ segments: SEGMENTS, ranges: [], time: 0, forwardGoal: 30, minSegments: 3, lastIndex: null, ...over });

describe('scheduler', () => {
  it('finds the segment playing at a time', () => {
    expect([0, 3.99, 4, 59.9, 100, -1].map((t) => segmentIndexAt(SEGMENTS, t))).toEqual([0, 0, 1, 14, 14, 0]);
  });

  it('loads from the start, then the segment after the buffered end, until 30 s are ahead', () => {
    expect(next({})).toBe(0);
    expect(next({ ranges: [[0, 8]] })).toBe(2);
    expect(next({ ranges: [[0, 28]], time: 0 })).toBe(7);
    expect(next({ ranges: [[0, 32]], time: 3 })).toBe(8);
    expect(next({ ranges: [[0, 32]], time: 0 })).toBeNull();
  });

  it('treats an AAC range ending a frame short as contiguous (no refetch of the same segment)', () => {
    expect(next({ ranges: [[0, 7.979]] })).toBe(2);
    expect(bufferedAhead([[0, 7.979]], 8.02)).toBeCloseTo(0, 5);
  });

  it('keeps at least 3 segments ahead even when the goal has shrunk', () => {
    expect(next({ ranges: [[0, 12]], time: 1, forwardGoal: 8 })).toBe(3);
    expect(next({ ranges: [[0, 16]], time: 1, forwardGoal: 8 })).toBeNull();
  });

  it('after a seek into a hole, loads from the segment holding the new position', () => {
    expect(next({ ranges: [[0, 20]], time: 41 })).toBe(10);
  });

  it('moves past a segment whose append did not extend the buffer', () => {
    expect(next({ ranges: [[0, 8]], lastIndex: 2 })).toBe(3);
  });

  it('stops after the last segment', () => {
    expect(next({ ranges: [[30, 60]], time: 50 })).toBeNull();
    expect(next({ ranges: [[30, 59.97]], time: 50 })).toBeNull();
  });

  it('evicts the back-buffer beyond 30 s in batches', () => {
    expect(evictionRange([[0, 40]], 33, 30)).toBeNull();
    expect(evictionRange([[0, 60]], 40, 30)).toEqual([0, 10]);
    expect(evictionRange([], 40, 30)).toBeNull();
  });

  it('nudges a stall after a second without progress, only with media ahead', () => {
    expect(stallNudge([[0, 10]], 5, 1200)).toBeCloseTo(5.1);
    expect(stallNudge([[0, 10]], 5, 400)).toBeNull();
    expect(stallNudge([[0, 5.3]], 5, 5000)).toBeNull();
  });

  it('jumps small holes, not large ones, and not while inside a range', () => {
    expect(gapJump([[0.08, 10]], 0)).toBeCloseTo(0.09);
    expect(
      gapJump(
        [
          [0, 10],
          [10.5, 20],
        ],
        9.98,
      ),
    ).toBeCloseTo(10.51);
    expect(
      gapJump(
        [
          [0, 10],
          [15, 20],
        ],
        9.98,
      ),
    ).toBeNull();
    expect(gapJump([[0, 10]], 5)).toBeNull();
  });
});
