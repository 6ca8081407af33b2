import { type Range, toRanges } from './scheduler';

/**
 * One SourceBuffer's operations, one at a time: MSE throws if an append or remove starts while
 * another is updating. Each call resolves on `updateend`, or rejects (QuotaExceededError, error).
 */
export class BufferQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** `onIdle` runs whenever the last queued operation has finished, so waiting work can start at once. */
  constructor(
    private readonly sourceBuffer: SourceBuffer,
    private readonly onIdle: () => void = () => undefined,
  ) {}

  get ranges(): Range[] {
    try {
      return toRanges(this.sourceBuffer.buffered);
    } catch {
      return []; // the SourceBuffer was removed from its MediaSource
    }
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  append(data: BufferSource): Promise<void> {
    return this.run(() => this.sourceBuffer.appendBuffer(data));
  }

  remove(start: number, end: number): Promise<void> {
    if (!(end > start)) return Promise.resolve();
    return this.run(() => this.sourceBuffer.remove(start, end));
  }

  /** Codec change across renditions (e.g. another H.264 level); a no-op where changeType is missing. */
  changeType(type: string): Promise<void> {
    return this.enqueue(async () => {
      if (typeof this.sourceBuffer.changeType === 'function') this.sourceBuffer.changeType(type);
    });
  }

  /** Resolves once everything queued so far is done (used before changing the MediaSource). */
  idle(): Promise<void> {
    return this.tail;
  }

  private run(start: () => void): Promise<void> {
    return this.enqueue(
      () =>
        new Promise<void>((resolve, reject) => {
          const sb = this.sourceBuffer;
          let failed = false;
          const onError = () => (failed = true);
          const onEnd = () => {
            sb.removeEventListener('error', onError);
            if (failed) reject(new DOMException('SourceBuffer error', 'MediaDecodeError'));
            else resolve();
          };
          sb.addEventListener('error', onError, { once: true });
          sb.addEventListener('updateend', onEnd, { once: true });
          try {
            start();
          } catch (error) {
            sb.removeEventListener('error', onError);
            sb.removeEventListener('updateend', onEnd);
            reject(error);
          }
        }),
    );
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.pending++;
    const result = this.tail.then(op).finally(() => {
      if (--this.pending === 0) setTimeout(this.onIdle, 0);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
