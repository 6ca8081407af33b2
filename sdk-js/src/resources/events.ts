import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { Event, ListPage, ListParams, QueryParamsOf, WebhookDelivery } from '../core/types';

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

  /** Deliveries of this event to every endpoint, newest first. */
  deliveries(id: string, params: ListParams & { state?: WebhookDelivery['state'] } = {}): PagedList<WebhookDelivery> {
    return new PagedList(
      (query) =>
        this.http.request<ListPage<WebhookDelivery>>({
          method: 'GET',
          path: `/v1/events/${encodeURIComponent(id)}/deliveries`,
          query,
        }),
      params,
    );
  }

  /** Sends the event again: to one endpoint, or to every enabled endpoint subscribed to its type. */
  redeliver(
    id: string,
    params: { webhook_endpoint?: string } = {},
    opts?: { idempotencyKey?: string },
  ): Promise<ListPage<WebhookDelivery>> {
    return this.http.request({
      method: 'POST',
      path: `/v1/events/${encodeURIComponent(id)}/redeliver`,
      body: params,
      ...opts,
    });
  }
}
