/**
 * When the next attempt happens. `scheduleMs[i]` is the delay before attempt i+1 (the first is
 * normally 0); each is spread by ± `jitter` so a burst of failures does not retry in lockstep.
 * A receiver's Retry-After (429/503) is honoured up to the next scheduled slot: it may bring the
 * retry forward, never push it past the schedule.
 */
export class RetrySchedule {
  constructor(
    private readonly scheduleMs: number[],
    private readonly jitter: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the first attempt. */
  firstDelayMs(): number {
    return this.spread(this.scheduleMs[0] ?? 0);
  }

  /** Delay before the next attempt after `attemptsMade` failed ones, or null when none is left. */
  nextDelayMs(attemptsMade: number, retryAfterMs: number | null = null): number | null {
    if (attemptsMade >= this.scheduleMs.length) return null;
    const scheduled = this.spread(this.scheduleMs[attemptsMade]);
    return retryAfterMs === null ? scheduled : Math.max(0, Math.min(retryAfterMs, scheduled));
  }

  get attempts(): number {
    return this.scheduleMs.length;
  }

  private spread(ms: number): number {
    return Math.round(ms * (1 + this.jitter * (2 * this.random() - 1)));
  }
}

/** Retry-After as seconds or an HTTP date → milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
