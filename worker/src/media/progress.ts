/**
 * Pure (given its callback): turns ffmpeg `-progress` lines into whole percents of `durationSeconds`.
 * Reports each percent at most once and only upward, so callers can write it to the database as is;
 * 100 is left to the caller, which knows when the outputs are really done.
 */
export function createProgressParser(durationSeconds: number, onPercent: (percent: number) => void): (line: string) => void {
  let last = -1;
  return (line) => {
    const match = /^out_time_us=(\d+)$/.exec(line.trim());
    if (!match || durationSeconds <= 0) return;
    const percent = Math.min(99, Math.floor((Number(match[1]) / 1e6 / durationSeconds) * 100));
    if (percent > last) {
      last = percent;
      onPercent(percent);
    }
  };
}
