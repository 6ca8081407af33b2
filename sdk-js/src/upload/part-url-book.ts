import type { PartUrl, Upload } from '../core/types';

const BATCH = 50;
/** Ask again when a URL has less than this left: a part must finish before its URL expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Presigned part URLs on hand. Asks the API for a batch when a part has none (the part and the
 * next pending ones), prefetches before the supply runs out, and forgets a URL storage refused.
 */
export class PartUrlBook {
  private readonly urls = new Map<number, { url: string; refreshAt: number }>();
  private readonly pending = new Map<number, Promise<void>>();

  constructor(
    private readonly fetchUrls: (partNumbers: number[]) => Promise<Upload>,
    /** Parts not yet recorded, in upload order: what a batch should cover. */
    private readonly wanted: () => number[],
    private readonly prefetchBelow: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  add(upload: Pick<Upload, 'part_urls' | 'part_urls_expire_at'>) {
    const expiresAt = (upload.part_urls_expire_at ?? 0) * 1000;
    // Short-lived URLs (a small PRESIGNED_URL_TTL_SECONDS) are refreshed at half their life instead.
    const refreshAt = expiresAt - Math.min(REFRESH_MARGIN_MS, (expiresAt - this.now()) / 2);
    for (const p of (upload.part_urls ?? []) as PartUrl[]) this.urls.set(p.part_number, { url: p.url, refreshAt });
  }

  /** Storage refused this URL (403: expired or clock skew): the next `get` signs it again. */
  invalidate(partNumber: number) {
    this.urls.delete(partNumber);
  }

  async get(partNumber: number): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = this.fresh(partNumber);
      if (entry) {
        this.prefetch();
        return entry;
      }
      await (this.pending.get(partNumber) ?? this.fetch([partNumber]));
    }
    throw new Error(`The API returned no URL for part ${partNumber}.`);
  }

  private fresh(partNumber: number): string | null {
    const entry = this.urls.get(partNumber);
    return entry && entry.refreshAt > this.now() ? entry.url : null;
  }

  private prefetch() {
    const missing = this.wanted().filter((n) => !this.fresh(n) && !this.pending.has(n));
    const covered = this.wanted().filter((n) => this.fresh(n)).length;
    if (missing.length && covered < this.prefetchBelow) this.fetch([]).catch(() => {});
  }

  /** One request for `first` plus the next wanted parts without a fresh URL. */
  private fetch(first: number[]): Promise<void> {
    const numbers = [...first];
    for (const n of this.wanted()) {
      if (numbers.length >= BATCH) break;
      if (!numbers.includes(n) && !this.fresh(n) && !this.pending.has(n)) numbers.push(n);
    }
    if (numbers.length === 0) return Promise.resolve();
    const settled = this.fetchUrls(numbers)
      .then((upload) => this.add(upload))
      .finally(() => numbers.forEach((n) => this.pending.delete(n)));
    numbers.forEach((n) => this.pending.set(n, settled));
    return settled;
  }
}
