import type { components, paths } from '../generated/openapi';

/**
 * Types picked out of the generated document by path and method, so resources follow the API as
 * the document changes. A path the document does not have yet resolves to `Fallback`.
 */
type Operation<P extends string, M extends string> = P extends keyof paths
  ? M extends keyof paths[P]
    ? Exclude<paths[P][M], undefined>
    : never
  : never;

type SuccessBody<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202
        ? R[S] extends { content: { 'application/json': infer B } }
          ? B
          : never
        : never;
    }[keyof R]
  : never;

type RequestBodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Exclude<Q, undefined> : never;

type Or<T, Fallback> = [T] extends [never] ? Fallback : T;

export type ResponseOf<P extends string, M extends string, Fallback = Record<string, unknown>> = Or<
  SuccessBody<Operation<P, M>>,
  Fallback
>;
export type RequestOf<P extends string, M extends string, Fallback = Record<string, unknown>> = Or<
  RequestBodyOf<Operation<P, M>>,
  Fallback
>;
export type QueryParamsOf<P extends string, M extends string, Fallback = ListParams> = Or<
  QueryOf<Operation<P, M>>,
  Fallback
>;

export type Schemas = components['schemas'];

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface ApiErrorObject {
  type: string;
  code: string;
  message: string;
  param?: string;
  request_id?: string;
}

export type Video = Schemas['VideoObject'];
export type WebhookEndpoint = Schemas['WebhookEndpointObject'];
export type WebhookDelivery = Schemas['WebhookDeliveryObject'];
export type Upload = Schemas['UploadObject'];
export type PartUrl = Schemas['PartUrl'];
export type CreateUploadParams = RequestOf<'/v1/uploads', 'post'>;
export type VideoListParams = QueryParamsOf<'/v1/videos', 'get'>;

/** Objects the API is adding; typed from the document once their paths appear in it. */
export type Event = Or<ListItem<ResponseOf<'/v1/events', 'get', never>>, GenericObject>;
export type ApiKey = Or<ListItem<ResponseOf<'/v1/api_keys', 'get', never>>, GenericObject>;
type ListItem<L> = L extends { data: Array<infer T> } ? T : never;
/** Every event type, e.g. `'video.ready'`. */
export type EventType = Event extends { type: infer T } ? T : string;
/** The event of one type: `EventOf<'video.ready'>['data']['object']` is a video. */
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;

export interface GenericObject {
  id: string;
  object: string;
  created: number;
  [field: string]: unknown;
}
