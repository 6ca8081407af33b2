import { createProgressParser } from './progress';

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
