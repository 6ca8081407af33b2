import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { ListPage, ListParams, RequestOf, ResponseOf, WebhookDelivery, WebhookEndpoint } from '../core/types';

export type WebhookEndpointCreateParams = RequestOf<
  '/v1/webhook_endpoints',
  'post',
  { url: string; enabled_events: string[]; description?: string }
>;
export type WebhookEndpointUpdateParams = RequestOf<
  '/v1/webhook_endpoints/{id}',
  'patch',
  { url?: string; enabled_events?: string[]; description?: string; disabled?: boolean }
>;

export type DeliveryListParams = ListParams & { state?: WebhookDelivery['state'] };

const path = (id: string) => `/v1/webhook_endpoints/${encodeURIComponent(id)}`;

export class WebhookEndpoints {
  constructor(private readonly http: ApiTransport) {}

  /** The endpoint's `whsec_` signing secret is in the answer once, and never again. */
  create(params: WebhookEndpointCreateParams, opts?: { idempotencyKey?: string }): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'POST', path: '/v1/webhook_endpoints', body: params, ...opts });
  }

  retrieve(id: string): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'GET', path: path(id) });
  }

  list(params: ListParams = {}): PagedList<WebhookEndpoint> {
    return new PagedList(
      (query) => this.http.request<ListPage<WebhookEndpoint>>({ method: 'GET', path: '/v1/webhook_endpoints', query }),
      params,
    );
  }

  update(id: string, params: WebhookEndpointUpdateParams): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'PATCH', path: path(id), body: params });
  }

  del(id: string): Promise<ResponseOf<'/v1/webhook_endpoints/{id}', 'delete'>> {
    return this.http.request({ method: 'DELETE', path: path(id) });
  }

  /** A new secret, returned once; the old one keeps signing alongside it for `expires_in` seconds. */
  rotateSecret(id: string, params: { expires_in?: number } = {}): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'POST', path: `${path(id)}/rotate_secret`, body: params });
  }

  /** Deliveries to this endpoint, newest first: attempts, last status, duration, error and response. */
  deliveries(id: string, params: DeliveryListParams = {}): PagedList<WebhookDelivery> {
    return new PagedList(
      (query) => this.http.request<ListPage<WebhookDelivery>>({ method: 'GET', path: `${path(id)}/deliveries`, query }),
      params,
    );
  }

  /** Sends a `webhook_endpoint.test` event to this endpoint alone. */
  test(id: string, opts?: { idempotencyKey?: string }): Promise<WebhookDelivery> {
    return this.http.request({ method: 'POST', path: `${path(id)}/test`, ...opts });
  }

  /** Re-enables an endpoint disabled by hand, by a 410 Gone or by failing for too long. */
  enable(id: string, opts?: { idempotencyKey?: string }): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'POST', path: `${path(id)}/enable`, ...opts });
  }
}
