import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { ApiKey, ListPage, ListParams, RequestOf, ResponseOf } from '../core/types';

export type ApiKeyCreateParams = RequestOf<'/v1/api_keys', 'post', { name?: string; livemode?: boolean }>;

export class ApiKeys {
  constructor(private readonly http: ApiTransport) {}

  /** The new key's secret is in the answer once, and never again. */
  create(
    params: ApiKeyCreateParams = {},
    opts?: { idempotencyKey?: string },
  ): Promise<ResponseOf<'/v1/api_keys', 'post', ApiKey>> {
    return this.http.request({ method: 'POST', path: '/v1/api_keys', body: params, ...opts });
  }

  list(params: ListParams = {}): PagedList<ApiKey> {
    return new PagedList(
      (query) => this.http.request<ListPage<ApiKey>>({ method: 'GET', path: '/v1/api_keys', query }),
      params,
    );
  }

  /** Revokes the key: it answers 401 from now on. */
  revoke(id: string): Promise<ResponseOf<'/v1/api_keys/{id}', 'delete', ApiKey>> {
    return this.http.request({ method: 'DELETE', path: `/v1/api_keys/${encodeURIComponent(id)}` });
  }
}
