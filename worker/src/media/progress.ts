/**
 * Pure (given its callbacks): turns ffmpeg `-progress` lines into whole percents of `durationSeconds`.
 * Reports each percent at most once and only upward, so callers can write it to the database as is;
 * 100 is left to the caller, which knows when the outputs are really done. `onAdvance` hears every
 * forward move of ffmpeg's output clock, which is what a hang watchdog needs.
 */
export function createProgressParser(
  durationSeconds: number,
  onPercent: (percent: number) => void,
  onAdvance?: () => void,
): (line: string) => void {
  let last = -1;
  let lastMicros = -1;
  return (line) => {
    const match = /^out_time_us=(\d+)$/.exec(line.trim());
    if (!match) return;
    const micros = Number(match[1]);
    if (micros > lastMicros) {
      lastMicros = micros;
      onAdvance?.();
    }
    if (durationSeconds <= 0) return;
    const percent = Math.min(99, Math.floor((micros / 1e6 / durationSeconds) * 100));
    if (percent > last) {
      last = percent;
      onPercent(percent);
    }
  };
}
