import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RangeReader, SourceFeed } from './source-feed';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-feed-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const SOURCE = randomBytes(10_000);

/** Storage as a script: each read is logged, and `serve` decides what it yields. */
function storage(serve?: (start: number, end: number, call: number) => AsyncIterable<Uint8Array> | undefined) {
  const reads: Array<[number, number]> = [];
  const read: RangeReader = async (start, end) => {
    reads.push([start, end]);
    return (
      serve?.(start, end, reads.length) ??
      (async function* () {
        for (let at = start; at < end; at += 1000) yield SOURCE.subarray(at, Math.min(end, at + 1000));
      })()
    );
  };
  return { reads, read };
}

/** Storage whose first read yields nothing until `release` is called (the one lane kept busy). */
function firstReadHeld() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const { reads, read } = storage((s, e, call) =>
    call === 1
      ? (async function* () {
          await held;
          yield SOURCE.subarray(s, e);
        })()
      : undefined,
  );
  return { reads, read, release };
}

const start = (
  read: RangeReader,
  options: { lanes?: number; attempts?: number; aheadBytes?: number; splitBytes?: number } = {},
) =>
  SourceFeed.start({
    path: join(work, 'source'),
    size: SOURCE.length,
    read,
    chunkBytes: 2500,
    retryDelayMs: () => 0,
    ...options,
  });

async function readAll(feed: SourceFeed): Promise<void> {
  for (let at = 0; at < feed.size;) at += await feed.available(at);
}

describe('SourceFeed', () => {
  it('downloads every chunk into the local file, readers getting bytes as they arrive', async () => {
    const { reads, read } = storage();
    const feed = await start(read);
    await readAll(feed);
    expect(await feed.available(SOURCE.length)).toBe(0);
    await feed.close();
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
    expect(reads.sort((a, b) => a[0] - b[0])).toEqual([
      [0, 2500],
      [2500, 5000],
      [5000, 7500],
      [7500, 10_000],
    ]);
  });

  it('reads the chunk a reader waits on next (a moov at the end), ahead of the rest', async () => {
    const { reads, read, release } = firstReadHeld();
    const feed = await start(read, { lanes: 1 });
    // The one lane is busy with chunk 0; a reader wants the last bytes.
    expect(await feed.available(9_990)).toBe(10);
    expect(reads.map((r) => r[0])).toEqual([0, 7500]);
    release();
    await readAll(feed);
    await feed.close();
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
  });

  it('starts the read a reader waits on at its own offset when it is deep inside a chunk', async () => {
    const { reads, read, release } = firstReadHeld();
    const feed = await start(read, { lanes: 1, splitBytes: 1000 });
    // The moov at 9,000, 1,500 bytes into the last chunk: read from 9,000, not behind 7,500 – 9,000.
    expect(await feed.available(9_000)).toBe(1000);
    expect(reads).toEqual([
      [0, 2500],
      [9000, 10_000],
    ]);
    // Closer to a chunk's start than splitBytes: the chunk is read whole, from its start.
    expect(await feed.available(5_400)).toBe(600);
    expect(reads.at(-1)).toEqual([5000, 7500]);
    release();
    await readAll(feed);
    await feed.close();
    // The bytes before the split point came in their own read; the file is whole.
    expect(reads.map(([s, e]) => `${s}-${e}`).sort()).toEqual(
      ['0-2500', '2500-5000', '5000-7500', '7500-9000', '9000-10000'].sort(),
    );
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
  });

  it('reads with one lane until setLanes opens more', async () => {
    const releases: Array<() => void> = [];
    const { reads, read } = storage((s, e) =>
      (async function* () {
        await new Promise<void>((resolve) => releases.push(resolve));
        yield SOURCE.subarray(s, e);
      })(),
    );
    const feed = await start(read, { lanes: 1 });
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toEqual([[0, 2500]]);
    feed.setLanes(3);
    expect(reads).toEqual([
      [0, 2500],
      [2500, 5000],
      [5000, 7500],
    ]);
    while (releases.length) releases.shift()!();
    const done = readAll(feed);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      while (releases.length) releases.shift()!();
      if (feed.downloaded === SOURCE.length) break;
    }
    await done;
    await feed.close();
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
  });

  it('downloads only aheadBytes past where the readers are, keeping pace as they move on', async () => {
    const { reads, read } = storage();
    const feed = await start(read, { aheadBytes: 2500 });
    expect(await feed.available(0)).toBeGreaterThan(0);
    // Chunk 0 arrives whole, and nothing past it is asked for while no reader has moved.
    while (feed.downloaded < 2500) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toEqual([[0, 2500]]);
    // A reader at 2,400 brings chunk 1 (from 2,500) within reach, not chunk 2 (from 5,000).
    await feed.available(2400);
    expect(reads).toEqual([
      [0, 2500],
      [2500, 5000],
    ]);
    await readAll(feed);
    await feed.close();
    expect(reads.map(([s]) => s)).toEqual([0, 2500, 5000, 7500]);
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
  });

  it('resumes an interrupted read from its last byte', async () => {
    const { reads, read } = storage((s, e, call) =>
      call === 1
        ? (async function* () {
            yield SOURCE.subarray(s, s + 1200);
            throw new Error('connection reset');
          })()
        : undefined,
    );
    const feed = await start(read, { lanes: 1 });
    await readAll(feed);
    await feed.close();
    expect(reads.slice(0, 2)).toEqual([
      [0, 2500],
      [1200, 2500],
    ]);
    expect(feed.failed.aborted).toBe(false);
    expect(await readFile(join(work, 'source'))).toEqual(SOURCE);
  });

  it('fails (and tells waiting readers) when a chunk cannot be read in its attempts', async () => {
    const { reads, read } = storage((s) =>
      s >= 5000
        ? (async function* () {
            yield SOURCE.subarray(s, s + 10);
            throw new Error('storage is down');
          })()
        : undefined,
    );
    const feed = await start(read, { lanes: 1, attempts: 3 });
    await expect(readAll(feed)).rejects.toThrow(/could not be read from storage/);
    expect(feed.failed.aborted).toBe(true);
    expect((feed.failed.reason as Error).cause).toEqual(new Error('storage is down'));
    expect(reads.filter(([s]) => s >= 5000 && s < 7500)).toEqual([
      [5000, 7500],
      [5010, 7500],
      [5020, 7500],
    ]);
    await feed.close();
  });
});
