import { type FileHandle, open, stat } from 'node:fs/promises';

/**
 * The source as ffprobe and ffmpeg read it: a local file and how much of it is there yet.
 * `available` waits for bytes that have not arrived; `failed` fires when they never will.
 */
export interface SourceBytes {
  readonly path: string;
  readonly size: number;
  /** Aborted (reason: the error) once the source cannot be read completely; the attempt should retry. */
  readonly failed: AbortSignal;
  /** How many bytes from `offset` on are on local disk: at least one, waiting for it if need be (0 at the end). */
  available(offset: number): Promise<number>;
}

/** Bytes [start, end) of the stored source: the port the worker fills with ranged storage reads. */
export type RangeReader = (start: number, end: number, signal: AbortSignal) => Promise<AsyncIterable<Uint8Array>>;

export interface SourceFeedOptions {
  path: string;
  size: number;
  read: RangeReader;
  /** Bytes per ranged read (default 8 MiB). */
  chunkBytes?: number;
  /**
   * Ranged reads in flight at once (default 4; `setLanes` changes it); one more may run for a read
   * ffmpeg waits on.
   */
  lanes?: number;
  /**
   * A reader waiting this far or further into a chunk not yet being read (the `moov` at the end of
   * an MP4, a seek) has the chunk split there, so its read starts at its own offset instead of behind
   * the rest of the chunk (default 1 MiB).
   */
  splitBytes?: number;
  /**
   * How far past the readers' latest position chunks are fetched (default 32 MiB). Downloading only
   * this far ahead keeps the download from taking CPU and bandwidth from the encode's first seconds.
   */
  aheadBytes?: number;
  /** Reads per chunk before the source counts as unreadable (default 5), each resuming where the last stopped. */
  attempts?: number;
  /** A read that delivers nothing for this long is abandoned and retried (default 30 s). */
  idleMs?: number;
  /** Pause before retry `n` (1-based); default 250 ms doubling. */
  retryDelayMs?: (attempt: number) => number;
}

/** A source already on local disk (tests, benchmarks): everything is available at once. */
export async function localSource(path: string): Promise<SourceBytes> {
  const { size } = await stat(path);
  return {
    path,
    size,
    failed: new AbortController().signal,
    available: async (offset) => Math.max(0, size - offset),
  };
}

interface Chunk {
  start: number;
  end: number;
  /** Bytes on disk from `start` on. */
  filled: number;
  state: 'waiting' | 'reading' | 'done';
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Downloads the source into a local file in chunks, several ranged reads at a time, while ffmpeg
 * already reads what has arrived. Chunks go in order and only `aheadBytes` past where the readers
 * are, except that a chunk a reader waits on (the `moov` at the end of an MP4, a seek) jumps the
 * queue. An interrupted read resumes from its last byte; a chunk that keeps failing fails the feed,
 * so the attempt ends and the job retries.
 */
export class SourceFeed implements SourceBytes {
  readonly path: string;
  readonly size: number;
  private readonly chunks: Chunk[] = [];
  private readonly waiters = new Set<{ offset: number; resolve: (n: number) => void; reject: (e: Error) => void }>();
  private readonly urgent: Chunk[] = [];
  private readonly failure = new AbortController();
  private readonly stopped = new AbortController();
  private readonly settled: Promise<void>[] = [];
  private activeLanes = 0;
  private lanes: number;
  private downloadedBytes = 0;
  /** Where a reader last asked for bytes: chunks are fetched up to `aheadBytes` past it. */
  private readAt = 0;
  /** Every chunk before this index has been taken, so the in-order search starts here. */
  private cursor = 0;

  private constructor(
    private readonly options: SourceFeedOptions,
    private readonly file: FileHandle,
  ) {
    this.path = options.path;
    this.size = options.size;
    this.lanes = options.lanes ?? 4;
    const chunkBytes = options.chunkBytes ?? 8 * 1024 * 1024;
    for (let start = 0; start < this.size; start += chunkBytes) {
      this.chunks.push({ start, end: Math.min(this.size, start + chunkBytes), filled: 0, state: 'waiting' });
    }
  }

  /** Creates the local file and starts downloading into it. */
  static async start(options: SourceFeedOptions): Promise<SourceFeed> {
    const feed = new SourceFeed(options, await open(options.path, 'w+'));
    feed.topUp();
    return feed;
  }

  get failed(): AbortSignal {
    return this.failure.signal;
  }

  /** Bytes written to the local file so far. */
  get downloaded(): number {
    return this.downloadedBytes;
  }

  available(offset: number): Promise<number> {
    if (offset >= this.size) return Promise.resolve(0);
    this.readAt = offset;
    this.topUp();
    const index = this.chunkAt(offset);
    let chunk = this.chunks[index];
    const ready = chunk.start + chunk.filled - offset;
    if (ready > 0) return Promise.resolve(ready);
    if (this.failure.signal.aborted) return Promise.reject(this.failure.signal.reason as Error);
    if (this.stopped.signal.aborted) return Promise.reject(new Error('The source feed was closed'));
    if (chunk.state === 'waiting') {
      if (offset - chunk.start >= (this.options.splitBytes ?? 1024 * 1024)) {
        // The bytes before the reader stay a chunk of their own, read in their turn.
        const tail: Chunk = { start: offset, end: chunk.end, filled: 0, state: 'waiting' };
        chunk.end = offset;
        this.chunks.splice(index + 1, 0, tail);
        chunk = tail;
      }
      this.urgent.unshift(chunk);
      // Every lane busy elsewhere: one extra lane, so a seek never waits behind whole chunks.
      if (this.activeLanes <= this.lanes) this.addLane();
    }
    return new Promise((resolve, reject) => this.waiters.add({ offset, resolve, reject }));
  }

  /**
   * Changes how many ranged reads run at once: one while only the head matters (the probe), all of
   * them once ffmpeg reads on. Lanes above the new count finish their chunk first.
   */
  setLanes(lanes: number): void {
    this.lanes = lanes;
    this.topUp();
  }

  /** Stops downloading and closes the file (which stays on disk for the caller to remove). */
  async close(): Promise<void> {
    this.stopped.abort();
    this.rejectWaiters(new Error('The source feed was closed'));
    await Promise.all(this.settled);
    await this.file.close();
  }

  /** The index of the chunk holding `offset` (chunks are in order; a split makes them uneven). */
  private chunkAt(offset: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.chunks[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Starts lanes while there are idle ones and chunks within reach of the readers. */
  private topUp() {
    if (this.stopped.signal.aborted || this.failure.signal.aborted) return;
    while (this.activeLanes < this.lanes && this.nextChunk(false)) this.addLane();
  }

  private addLane() {
    this.activeLanes++;
    this.settled.push(
      this.lane().finally(() => {
        this.activeLanes--;
      }),
    );
  }

  /** The chunk to read next: one a reader waits on, else the first not yet read within reach. */
  private nextChunk(take = true): Chunk | undefined {
    while (this.urgent.length) {
      const chunk = this.urgent[0];
      if (chunk.state === 'waiting') {
        if (take) this.urgent.shift();
        return chunk;
      }
      this.urgent.shift();
    }
    // Called for every slice a reader takes: skip the chunks already taken instead of rescanning them.
    while (this.cursor < this.chunks.length && this.chunks[this.cursor].state !== 'waiting') this.cursor++;
    const next = this.chunks[this.cursor];
    const reach = this.readAt + (this.options.aheadBytes ?? 32 * 1024 * 1024);
    return next && next.start < reach ? next : undefined;
  }

  private async lane(): Promise<void> {
    for (;;) {
      if (this.stopped.signal.aborted || this.failure.signal.aborted) return;
      // A lane beyond the count (the extra one for a waiting reader, or after setLanes) stops here.
      if (this.activeLanes > this.lanes && !this.urgent.length) return;
      const chunk = this.nextChunk();
      if (!chunk) return;
      chunk.state = 'reading';
      try {
        await this.fill(chunk);
        chunk.state = 'done';
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        this.fail(error as Error);
        return;
      }
    }
  }

  private async fill(chunk: Chunk): Promise<void> {
    const attempts = this.options.attempts ?? 5;
    const idleMs = this.options.idleMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      const read = new AbortController();
      const signal = AbortSignal.any([read.signal, this.stopped.signal]);
      let idle = setTimeout(() => read.abort(new Error(`storage sent nothing for ${idleMs} ms`)), idleMs);
      try {
        const body = await this.options.read(chunk.start + chunk.filled, chunk.end, signal);
        for await (const piece of body) {
          clearTimeout(idle);
          if (chunk.start + chunk.filled + piece.length > chunk.end) throw new Error('storage sent more than asked');
          await this.file.write(piece, 0, piece.length, chunk.start + chunk.filled);
          chunk.filled += piece.length;
          this.downloadedBytes += piece.length;
          this.wake(chunk);
          if (signal.aborted) throw signal.reason as Error;
          idle = setTimeout(() => read.abort(new Error(`storage sent nothing for ${idleMs} ms`)), idleMs);
        }
        if (chunk.start + chunk.filled < chunk.end) throw new Error('storage ended the read early');
        return;
      } catch (error) {
        if (this.stopped.signal.aborted) throw error;
        if (attempt >= attempts) {
          throw new Error(
            `The source could not be read from storage (bytes ${chunk.start + chunk.filled}-${chunk.end}, ${attempt} attempts)`,
            { cause: error },
          );
        }
        await wait(this.options.retryDelayMs?.(attempt) ?? 250 * 2 ** (attempt - 1));
      } finally {
        clearTimeout(idle);
      }
    }
  }

  private wake(chunk: Chunk) {
    const end = chunk.start + chunk.filled;
    for (const waiter of this.waiters) {
      if (waiter.offset >= chunk.start && waiter.offset < end) {
        this.waiters.delete(waiter);
        waiter.resolve(end - waiter.offset);
      }
    }
  }

  private fail(error: Error) {
    if (!this.failure.signal.aborted) this.failure.abort(error);
    this.rejectWaiters(error);
  }

  private rejectWaiters(error: Error) {
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
  }
}
