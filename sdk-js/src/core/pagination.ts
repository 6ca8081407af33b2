import type { ListPage, ListParams } from './types';

/**
 * A list call. `await` it for one page; `for await` it to walk every object across pages
 * (newest first), fetching the next page only when the loop gets there.
 */
export class PagedList<T extends { id: string }> implements AsyncIterable<T>, PromiseLike<ListPage<T>> {
  private firstPage?: Promise<ListPage<T>>;

  constructor(
    private readonly fetchPage: (params: ListParams) => Promise<ListPage<T>>,
    private readonly params: ListParams,
  ) {}

  then<R1 = ListPage<T>, R2 = never>(
    onFulfilled?: ((page: ListPage<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    this.firstPage ??= this.fetchPage(this.params);
    return this.firstPage.then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const backwards = Boolean(this.params.ending_before);
    let page: ListPage<T> = await (this.firstPage ??= this.fetchPage(this.params));
    for (;;) {
      // Paging backwards, each page is still newest first, so walk it from the end.
      const items = backwards ? [...page.data].reverse() : page.data;
      for (const item of items) yield item;
      if (!page.has_more || page.data.length === 0) return;
      const cursor = backwards
        ? { ending_before: page.data[0].id, starting_after: undefined }
        : { starting_after: page.data[page.data.length - 1].id, ending_before: undefined };
      page = await this.fetchPage({ ...this.params, ...cursor });
    }
  }

  /** Collects up to `limit` objects across pages. */
  async toArray(limit = Infinity): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) {
      if (out.length >= limit) break;
      out.push(item);
    }
    return out;
  }
}
