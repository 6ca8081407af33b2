import { StreamForge } from '../node/index';
import {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from './errors';

/** A scripted fetch: each test says what the next answers are and checks what was sent. */
function scriptedFetch(answers: Array<Response | Error | (() => Promise<Response>)>) {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const apiError = (status: number, type: string, code: string, requestId = 'req_123') =>
  json(
    status,
    { error: { type, code, message: `${code} happened`, request_id: requestId } },
    { 'request-id': requestId },
  );

const client = (fetch: typeof globalThis.fetch, extra = {}) =>
  new StreamForge('sf_test_abc', { baseUrl: 'http://api.test/', fetch, retryBaseMs: 1, retryCapMs: 2, ...extra });

test('errors are classes by status carrying the API error and request id', async () => {
  const { fetch } = scriptedFetch([
    apiError(404, 'not_found_error', 'resource_missing'),
    apiError(401, 'authentication_error', 'invalid_api_key'),
  ]);
  const sf = client(fetch);
  const notFound = await sf.videos.retrieve('vid_nope').catch((e) => e);
  expect(notFound).toBeInstanceOf(NotFoundError);
  expect(notFound).toMatchObject({
    status: 404,
    code: 'resource_missing',
    requestId: 'req_123',
    type: 'not_found_error',
  });
  expect(notFound.message).toContain('req_123');
  await expect(sf.videos.list()).rejects.toBeInstanceOf(AuthenticationError);
});

test('safe requests retry 5xx and network errors with backoff, then give up with the last error', async () => {
  const { fetch, sent } = scriptedFetch([
    new TypeError('fetch failed'),
    apiError(503, 'api_error', 'unavailable'),
    json(200, { id: 'vid_1' }),
  ]);
  await expect(client(fetch).videos.retrieve('vid_1')).resolves.toEqual({ id: 'vid_1' });
  expect(sent).toHaveLength(3);

  const failing = scriptedFetch([
    apiError(500, 'api_error', 'x'),
    apiError(500, 'api_error', 'x'),
    apiError(500, 'api_error', 'x'),
  ]);
  await expect(client(failing.fetch).videos.retrieve('vid_1')).rejects.toBeInstanceOf(InternalServerError);
  expect(failing.sent).toHaveLength(3);
});

test('4xx answers are not retried', async () => {
  const { fetch, sent } = scriptedFetch([apiError(400, 'invalid_request_error', 'parameter_invalid')]);
  await expect(client(fetch).videos.retrieve('bad')).rejects.toMatchObject({ status: 400 });
  expect(sent).toHaveLength(1);
});

test('a POST carries an Idempotency-Key, and its retries reuse the same key', async () => {
  const { fetch, sent } = scriptedFetch([new TypeError('socket hang up'), json(201, { id: 'upl_1' })]);
  await client(fetch).uploads.create({ filename: 'a.mp4', size: 10, content_type: 'video/mp4' });
  const keys = sent.map((s) => (s.init.headers as Record<string, string>)['idempotency-key']);
  expect(keys[0]).toMatch(/^sdk_[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  expect((sent[0].init.headers as Record<string, string>).authorization).toBe('Bearer sf_test_abc');
});

test('429 waits for Retry-After before trying again', async () => {
  const { fetch, sent } = scriptedFetch([apiError(429, 'rate_limit_error', 'rate_limited'), json(200, { ok: true })]);
  const rateLimited = apiError(429, 'rate_limit_error', 'rate_limited');
  rateLimited.headers.set('retry-after', '0');
  await expect(client(fetch).videos.retrieve('vid_1')).resolves.toEqual({ ok: true });
  expect(sent).toHaveLength(2);
  const once = scriptedFetch([rateLimited]);
  await expect(client(once.fetch, { maxRetries: 0 }).videos.retrieve('vid_1')).rejects.toBeInstanceOf(RateLimitError);
});

test('a request that outlives its timeout fails with TimeoutError', async () => {
  const hang = () => new Promise<Response>(() => {});
  const { fetch } = scriptedFetch([
    // fetch honours the abort signal: emulate that
    () => hang(),
  ]);
  const abortable = (async (url: string, init: RequestInit) =>
    new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      void fetch(url, init);
    })) as unknown as typeof globalThis.fetch;
  const error = await client(abortable, { timeoutMs: 20, maxRetries: 0 })
    .videos.retrieve('vid_1')
    .catch((e) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toBeInstanceOf(ConnectionError);
});

test('for await walks every page with starting_after; await gives one page', async () => {
  const page = (ids: string[], hasMore: boolean) =>
    json(200, { object: 'list', data: ids.map((id) => ({ id })), has_more: hasMore, url: '/v1/videos' });
  const { fetch, sent } = scriptedFetch([
    page(['vid_5', 'vid_4'], true),
    page(['vid_3', 'vid_2'], true),
    page(['vid_1'], false),
  ]);
  const seen: string[] = [];
  for await (const video of client(fetch).videos.list({ limit: 2 })) seen.push(video.id);
  expect(seen).toEqual(['vid_5', 'vid_4', 'vid_3', 'vid_2', 'vid_1']);
  expect(sent.map((s) => new URL(s.url).search)).toEqual([
    '?limit=2',
    '?limit=2&starting_after=vid_4',
    '?limit=2&starting_after=vid_2',
  ]);

  const single = scriptedFetch([page(['vid_9'], true)]);
  const first = await client(single.fetch).videos.list();
  expect(first.data.map((v) => v.id)).toEqual(['vid_9']);
  expect(first.has_more).toBe(true);
});
