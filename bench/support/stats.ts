/** The figures every benchmark prints: median (mean of the middle two for an even count), min, max. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summary(xs: number[], digits = 2): { median: string; min: string; max: string } {
  return {
    median: median(xs).toFixed(digits),
    min: Math.min(...xs).toFixed(digits),
    max: Math.max(...xs).toFixed(digits),
  };
}

/** `summary` of every column of a bench's rows but `run` (the pair's number), by column name. */
export function columnSummaries(
  rows: Array<Record<string, number>>,
  digits = 2,
): Record<string, ReturnType<typeof summary>> {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'run');
  return Object.fromEntries(
    columns.map((column) => [
      column,
      summary(
        rows.map((row) => row[column]),
        digits,
      ),
    ]),
  );
}

/** `median (min–max)` */
export function describe(xs: number[], digits = 2): string {
  const s = summary(xs, digits);
  return `${s.median} (${s.min}–${s.max})`;
}
