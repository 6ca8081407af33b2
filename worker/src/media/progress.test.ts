import { createProgressParser, createProgressTracker } from './progress';

function feed(duration: number, lines: string[]): number[] {
  const seen: number[] = [];
  const parse = createProgressParser(duration, (p) => seen.push(p));
  lines.forEach(parse);
  return seen;
}

describe('createProgressParser', () => {
  it('turns out_time_us into whole percents of the duration', () => {
    expect(
      feed(10, ['frame=1', 'out_time_us=0', 'out_time_us=2500000', 'progress=continue', 'out_time_us=5000000']),
    ).toEqual([0, 25, 50]);
  });

  it('reports each percent once and never goes backwards', () => {
    expect(
      feed(10, ['out_time_us=5000000', 'out_time_us=5000001', 'out_time_us=1000000', 'out_time_us=6000000']),
    ).toEqual([50, 60]);
  });

  it('stops at 99 so 100 means the outputs are really there', () => {
    expect(feed(6, ['out_time_us=6016000', 'progress=end'])).toEqual([99]);
  });

  it('ignores N/A and negative times from the first progress blocks', () => {
    expect(feed(10, ['out_time_us=N/A', 'out_time_us=-23000'])).toEqual([]);
  });
});

describe('createProgressTracker', () => {
  function track(duration: number) {
    const seen: number[] = [];
    let advances = 0;
    const tracker = createProgressTracker(
      duration,
      (p) => seen.push(p),
      () => advances++,
    );
    return { tracker, seen, advances: () => advances };
  }

  it('moves with finished segments while ffmpeg prints nothing (duplicated frames of a sparse file)', () => {
    const { tracker, seen, advances } = track(600);
    ['frame=1', 'out_time_us=0', 'dup_frames=0'].forEach((l) => tracker.line(l));
    tracker.segments(3, 4);
    tracker.segments(3, 4);
    tracker.segments(60, 120);
    expect(seen).toEqual([0, 20]);
    expect(advances()).toBe(3 + 2);
  });

  it('takes the further of the two witnesses and never goes back', () => {
    const { tracker, seen } = track(100);
    tracker.line('out_time_us=50000000');
    tracker.segments(4, 8);
    tracker.line('out_time_us=60000000');
    expect(seen).toEqual([50, 60]);
  });

  it('counts frame and dup_frames counters as signs of life, not as time', () => {
    const { tracker, seen, advances } = track(10);
    tracker.line('frame=10');
    tracker.line('dup_frames=500');
    tracker.line('frame=10');
    expect(seen).toEqual([]);
    expect(advances()).toBe(2);
  });
});
