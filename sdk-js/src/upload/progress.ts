export interface UploadProgress {
  /** Bytes of parts whose ETag the API has recorded: they will never be sent again. */
  bytesCommitted: number;
  /** Bytes of parts being sent now (lost if the attempt fails). */
  bytesInFlight: number;
  bytesTotal: number;
  /** (committed + in flight) / total, 0–100. */
  percent: number;
  /** Bytes per second, an exponentially weighted moving average. */
  speed: number;
  /** Seconds left at the current speed; null until there is a speed. */
  etaSeconds: number | null;
  partsCommitted: number;
  partCount: number;
}

const EMIT_INTERVAL_MS = 100; // at most ~10 events a second
const SAMPLE_INTERVAL_MS = 250;
const ALPHA = 0.3;

/** Counts bytes and turns them into throttled progress events with an EWMA speed. */
export class ProgressMeter {
  private committed = 0;
  private partsCommitted = 0;
  private readonly inFlight = new Map<number, number>();
  /** Only ever grows: bytes put on the wire, for the speed estimate. */
  private transferred = 0;
  private speed = 0;
  private lastSample: { at: number; transferred: number } | null = null;
  private lastEmit = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly total: number,
    private readonly partCount: number,
    private readonly emit: (p: UploadProgress) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  setCommitted(bytes: number, parts: number) {
    this.committed = bytes;
    this.partsCommitted = parts;
    this.changed();
  }

  partBytes(part: number, sent: number) {
    const before = this.inFlight.get(part) ?? 0;
    if (sent > before) this.transferred += sent - before;
    this.inFlight.set(part, sent);
    this.changed();
  }

  partFailed(part: number) {
    this.inFlight.delete(part);
    this.changed();
  }

  partCommitted(part: number, size: number) {
    this.inFlight.delete(part);
    this.committed += size;
    this.partsCommitted += 1;
    this.changed();
  }

  /** Drops in-flight bytes (a pause aborts them) and emits at once. */
  reset() {
    this.inFlight.clear();
    this.lastSample = null;
    this.flush();
  }

  snapshot(): UploadProgress {
    this.sample();
    let inFlight = 0;
    for (const v of this.inFlight.values()) inFlight += v;
    const done = Math.min(this.total, this.committed + inFlight);
    return {
      bytesCommitted: this.committed,
      bytesInFlight: inFlight,
      bytesTotal: this.total,
      percent: this.total ? (done / this.total) * 100 : 100,
      speed: Math.round(this.speed),
      etaSeconds: this.speed > 0 ? Math.ceil((this.total - done) / this.speed) : null,
      partsCommitted: this.partsCommitted,
      partCount: this.partCount,
    };
  }

  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastEmit = this.now();
    this.emit(this.snapshot());
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private changed() {
    const wait = EMIT_INTERVAL_MS - (this.now() - this.lastEmit);
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  private sample() {
    const at = this.now();
    if (!this.lastSample) {
      this.lastSample = { at, transferred: this.transferred };
      return;
    }
    const dt = at - this.lastSample.at;
    if (dt < SAMPLE_INTERVAL_MS) return;
    const rate = ((this.transferred - this.lastSample.transferred) * 1000) / dt;
    this.speed = this.speed === 0 ? rate : ALPHA * rate + (1 - ALPHA) * this.speed;
    this.lastSample = { at, transferred: this.transferred };
  }
}
