/**
 * Pure (given its callbacks): how far an encode has got, from two witnesses.
 *
 * - ffmpeg's `-progress` blocks: `out_time_us`, `frame` and `dup_frames`. ffmpeg 5.1 prints a block
 *   only between demux steps, so when one input frame turns into thousands of duplicated output
 *   frames (a sparse-timestamp file) it goes silent for minutes while it encodes.
 * - Finished segments, which keep appearing through such a silence: `segments(count, seconds)`
 *   with the number of segments on disk and the seconds the slowest video rung has finished.
 *
 * Percents of `durationSeconds` are reported whole, each at most once and only upward, so callers
 * can write them to the database as is; 100 is left to the caller, which knows when the outputs are
 * really done. `onAdvance` hears every sign of output, which is what a hang watchdog needs.
 */
export interface ProgressTracker {
  /** One line of ffmpeg's `-progress` output. */
  line(line: string): void;
  /** The segments finished so far: how many (every track) and how many seconds (slowest video rung). */
  segments(count: number, seconds: number): void;
}

const COUNTERS = ['out_time_us', 'frame', 'dup_frames'] as const;

export function createProgressTracker(
  durationSeconds: number,
  onPercent: (percent: number) => void,
  onAdvance?: () => void,
): ProgressTracker {
  let last = -1;
  const highest = new Map<string, number>();
  let segmentCount = 0;
  const advance = (key: string, value: number): boolean => {
    if (value <= (highest.get(key) ?? -1)) return false;
    highest.set(key, value);
    onAdvance?.();
    return true;
  };
  const report = (seconds: number) => {
    if (durationSeconds <= 0) return;
    const percent = Math.min(99, Math.floor((seconds / durationSeconds) * 100));
    if (percent > last) {
      last = percent;
      onPercent(percent);
    }
  };
  return {
    line(line) {
      const match = /^([a-z_]+)=(\d+)$/.exec(line.trim());
      if (!match || !(COUNTERS as readonly string[]).includes(match[1])) return;
      const value = Number(match[2]);
      if (advance(match[1], value) && match[1] === 'out_time_us') report(value / 1e6);
    },
    segments(count, seconds) {
      if (count > segmentCount) {
        segmentCount = count;
        onAdvance?.();
      }
      report(seconds);
    },
  };
}

/** The `-progress` half alone, for callers that have no segments to count. */
export function createProgressParser(
  durationSeconds: number,
  onPercent: (percent: number) => void,
  onAdvance?: () => void,
): (line: string) => void {
  const tracker = createProgressTracker(durationSeconds, onPercent, onAdvance);
  return (line) => tracker.line(line);
}
