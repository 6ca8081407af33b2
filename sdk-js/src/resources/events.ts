import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { Event, ListPage, QueryParamsOf } from '../core/types';

export type EventListParams = QueryParamsOf<
  '/v1/events',
  'get',
  { limit?: number; starting_after?: string; ending_before?: string; type?: string }
>;

export class Events {
  constructor(private readonly http: ApiTransport) {}

  retrieve(id: string): Promise<Event> {
    return this.http.request({ method: 'GET', path: `/v1/events/${encodeURIComponent(id)}` });
  }

  list(params: EventListParams = {}): PagedList<Event> {
    return new PagedList(
      (query) => this.http.request<ListPage<Event>>({ method: 'GET', path: '/v1/events', query }),
      params,
    );
  }
}
