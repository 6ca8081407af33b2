import type { ApiTransport } from '../core/http';
import { PagedList } from '../core/pagination';
import type { ListPage, RequestOf, ResponseOf, Video, VideoListParams } from '../core/types';

export type VideoUpdateParams = RequestOf<
  '/v1/videos/{id}',
  'patch',
  { title?: string | null; metadata?: Record<string, string> }
>;

export class Videos {
  constructor(private readonly http: ApiTransport) {}

  retrieve(id: string, opts?: { signal?: AbortSignal }): Promise<Video> {
    return this.http.request({ method: 'GET', path: `/v1/videos/${encodeURIComponent(id)}`, signal: opts?.signal });
  }

  list(params: VideoListParams = {}): PagedList<Video> {
    return new PagedList(
      (query) => this.http.request<ListPage<Video>>({ method: 'GET', path: '/v1/videos', query }),
      params,
    );
  }

  update(id: string, params: VideoUpdateParams): Promise<ResponseOf<'/v1/videos/{id}', 'patch', Video>> {
    return this.http.request({ method: 'PATCH', path: `/v1/videos/${encodeURIComponent(id)}`, body: params });
  }

  /** Deletes the video with its source and outputs. */
  del(id: string): Promise<ResponseOf<'/v1/videos/{id}', 'delete'>> {
    return this.http.request({ method: 'DELETE', path: `/v1/videos/${encodeURIComponent(id)}` });
  }
}
