import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { CreateUploadParams, ListPage, ListParams, ResponseOf, Upload } from '../core/types';

/** The upload endpoints. A client built with an upload's `client_secret` may call all but create and list. */
export class Uploads {
  constructor(private readonly http: ApiTransport) {}

  create(params: CreateUploadParams, opts?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<Upload> {
    return this.http.request({ method: 'POST', path: '/v1/uploads', body: params, ...opts });
  }

  retrieve(id: string, opts?: { signal?: AbortSignal }): Promise<Upload> {
    return this.http.request({ method: 'GET', path: `/v1/uploads/${encodeURIComponent(id)}`, signal: opts?.signal });
  }

  list(params: ListParams = {}): PagedList<Upload> {
    return new PagedList(
      (query) => this.http.request<ListPage<Upload>>({ method: 'GET', path: '/v1/uploads', query }),
      params,
    );
  }

  /** A small status object (upload and video) that a browser may poll with the client_secret. */
  status(id: string, opts?: { signal?: AbortSignal }): Promise<ResponseOf<'/v1/uploads/{id}/status', 'get'>> {
    return this.http.request({
      method: 'GET',
      path: `/v1/uploads/${encodeURIComponent(id)}/status`,
      signal: opts?.signal,
    });
  }

  /** Fresh presigned URLs for the given parts (≤ 100), or for the next unrecorded ones. */
  partUrls(id: string, partNumbers?: number[], opts?: { signal?: AbortSignal }): Promise<Upload> {
    const body = partNumbers ? { part_numbers: partNumbers } : {};
    return this.http.request({
      method: 'POST',
      path: `/v1/uploads/${encodeURIComponent(id)}/part_urls`,
      body,
      signal: opts?.signal,
    });
  }

  recordParts(
    id: string,
    parts: Array<{ part_number: number; etag: string }>,
    opts?: { signal?: AbortSignal },
  ): Promise<Upload> {
    return this.http.request({
      method: 'POST',
      path: `/v1/uploads/${encodeURIComponent(id)}/parts`,
      body: { parts },
      signal: opts?.signal,
    });
  }

  complete(id: string, opts?: { signal?: AbortSignal }): Promise<Upload> {
    return this.http.request({
      method: 'POST',
      path: `/v1/uploads/${encodeURIComponent(id)}/complete`,
      signal: opts?.signal,
    });
  }

  abort(id: string): Promise<Upload> {
    return this.http.request({ method: 'DELETE', path: `/v1/uploads/${encodeURIComponent(id)}` });
  }
}
