/**
 * Time spent in each step of a job, in order: each `end(step)` charges the time since the previous
 * one (or the start) to that step. What the worker logs when a video becomes playable, so the time
 * to playable can be taken apart instead of guessed at.
 */
export class StepTimer {
  private readonly started: number;
  private last: number;
  private readonly steps: Array<{ step: string; ms: number }> = [];

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = this.last = now();
  }

  end(step: string): void {
    const at = this.now();
    this.steps.push({ step, ms: at - this.last });
    this.last = at;
  }

  /** `total 4321 ms: claim 12 ms, source head 8 ms, …` */
  describe(): string {
    const parts = this.steps.map(({ step, ms }) => `${step} ${Math.round(ms)} ms`);
    return `${Math.round(this.last - this.started)} ms: ${parts.join(', ')}`;
  }
}
