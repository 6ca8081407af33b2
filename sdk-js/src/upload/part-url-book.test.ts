import type { Upload } from '../core/types';
import { PartUrlBook } from './part-url-book';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A scripted API and a hand-moved clock: the API signs each batch for `ttlMs` from the clock's
 * time, and tests read back which parts it was asked for. Nothing waits for real time.
 */
function harness(opts: { ttlMs: number; wanted?: number[]; prefetchBelow?: number }) {
  let now = 1_700_000_000_000;
  let batch = 0;
  const asked: number[][] = [];
  const signed = (numbers: number[]) => {
    batch += 1;
    return {
      part_urls: numbers.map((n) => ({ part_number: n, url: `http://s3.test/p${n}?batch=${batch}`, size: 0 })),
      part_urls_expire_at: (now + opts.ttlMs) / 1000,
    } as Pick<Upload, 'part_urls' | 'part_urls_expire_at'>;
  };
  const book = new PartUrlBook(
    async (numbers) => {
      asked.push(numbers);
      return signed(numbers) as Upload;
    },
    () => opts.wanted ?? [1],
    opts.prefetchBelow ?? 1,
    () => now,
  );
  return {
    book,
    asked,
    /** What the API returns when the upload is created: part URLs signed now. */
    created: (numbers: number[]) => signed(numbers),
    at: (ms: number) => (now = ms),
    get now() {
      return now;
    },
  };
}

test('1-hour part URLs are used until 5 minutes before they expire, then signed again', async () => {
  const h = harness({ ttlMs: HOUR });
  const expiresAt = h.now + HOUR;
  h.book.add(h.created([1]));

  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=1');
  h.at(expiresAt - 5 * MINUTE - 1);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=1');
  expect(h.asked).toEqual([]);

  const refreshedAt = h.at(expiresAt - 5 * MINUTE);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=2');
  expect(h.asked).toEqual([[1]]);
  // The new URL lasts an hour from its signing, and is kept until 5 minutes before that.
  h.at(refreshedAt + HOUR - 5 * MINUTE - 1);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=2');
  expect(h.asked).toEqual([[1]]);
});

test('short-lived URLs (a small PRESIGNED_URL_TTL_SECONDS) are refreshed at half their life', async () => {
  const h = harness({ ttlMs: MINUTE });
  const issued = h.now;
  h.book.add(h.created([1]));

  h.at(issued + 30_000 - 1);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=1');
  h.at(issued + 30_000);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=2');
  expect(h.asked).toEqual([[1]]);
});

test('a URL never reaches a part after its expiry, even when nobody asked in between', async () => {
  const h = harness({ ttlMs: HOUR });
  const expiresAt = h.now + HOUR;
  h.book.add(h.created([1]));
  h.at(expiresAt + 1);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=2');
});

test('refreshing one part signs the other stale pending parts in the same request', async () => {
  const h = harness({ ttlMs: HOUR, wanted: [1, 2, 3], prefetchBelow: 1 });
  h.book.add(h.created([1, 2, 3]));
  h.at(h.now + HOUR - 5 * MINUTE);
  expect(await h.book.get(2)).toBe('http://s3.test/p2?batch=2');
  expect(h.asked).toEqual([[2, 1, 3]]);
  expect(await h.book.get(1)).toBe('http://s3.test/p1?batch=2');
  expect(await h.book.get(3)).toBe('http://s3.test/p3?batch=2');
  expect(h.asked).toHaveLength(1);
});
