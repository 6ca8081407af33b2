import { PassThrough } from 'node:stream';
import { RequestScope } from '../../api/src/common/request-scope';
import { UploadsService } from '../../api/src/uploads/uploads.service';
import { VideosService } from '../../api/src/videos/videos.service';
import { client, type ErrorBody } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let key: string;
const logs: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk) => logs.push(chunk.toString()));
  sys = await startSystem({
    env: { RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '60' },
    logLevel: 'info',
    logStream,
  });
  key = await sys.createKey('acme');
});
afterAll(() => sys?.close());

describe('HTTP errors all share the error shape', () => {
  it('405 with Allow for a known path and the wrong method', async () => {
    const other = await sys.createKey('method');
    const res = await fetch(`${sys.baseUrl}/v1/videos`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'method_not_allowed',
    });
  });

  it('413 for a body over 1 MiB and 415 for a body that is not JSON', async () => {
    const other = await sys.createKey('body');
    const headers = { authorization: `Bearer ${other}`, 'content-type': 'application/json' };
    const big = await fetch(`${sys.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error.request_id).toMatch(/^req_/);
    const xml = await fetch(`${sys.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/xml' },
      body: '<upload/>',
    });
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as ErrorBody).error.type).toBe('invalid_request_error');
  });

  it('429 with Retry-After once a key spends its budget; another key is unaffected', async () => {
    const limited = client(sys.baseUrl, await sys.createKey('limited'));
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof limited<ErrorBody>>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await limited('GET', '/v1/videos');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(last!.body.error.type).toBe('rate_limit_error');
    const otherKey = client(sys.baseUrl, await sys.createKey('unaffected'));
    const ok = await otherKey('GET', '/v1/videos');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ratelimit-limit')).toBe('5');
  });

  it('health: /healthz and /readyz answer without a key', async () => {
    expect((await fetch(`${sys.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${sys.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { postgres: 'ok', redis: 'ok', s3: 'ok' } });
  });
});

describe('logs', () => {
  it('are JSON lines with request ids and without keys, client secrets or URL signatures', async () => {
    const logKey = await sys.createKey('logs');
    const logged = client(sys.baseUrl, logKey);
    const upload = await logged('POST', '/v1/uploads', { filename: 'a.mp4', size: 10, content_type: 'video/mp4' });
    await client(sys.baseUrl, upload.body.client_secret)('GET', `/v1/uploads/${upload.body.id}?k=${logKey}`);
    await logged('GET', `/v1/videos/vid_missing?token=${logKey}`);
    const text = logs.join('');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const requestLines = lines.filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((l) => typeof l.reqId === 'string' && l.reqId.startsWith('req_'))).toBe(true);
    // One line per request, once it is answered: method, path, status and time together.
    const reqIds = requestLines.map((l) => l.reqId);
    expect(new Set(reqIds).size).toBe(reqIds.length);
    const missing = requestLines.find((l) => l.req?.url?.startsWith('/v1/videos/vid_missing'));
    expect(missing).toMatchObject({ req: { method: 'GET' }, res: { statusCode: 404 } });
    expect(typeof missing.responseTime).toBe('number');
    // The lean access line (logger.ts) and the request ids of the lines inside services agree.
    expect(missing.request_id).toBe(missing.reqId);
    expect(text).not.toContain(logKey);
    expect(text).not.toContain(key);
    expect(text).not.toContain(upload.body.client_secret);
    expect(text).not.toMatch(/X-Amz-Signature=[0-9a-f]/);
  });
});

describe('request ids inside services', () => {
  // Log lines written deep inside a service carry the request id the service sees; a read that runs
  // outside the request transaction and a POST whose body was parsed first must both see theirs.
  it.each([
    ['a scoped read', VideosService, 'get' as const],
    ['a POST with a body', UploadsService, 'create' as const],
  ])('%s sees its own request id', async (_, service, method) => {
    const seen: (string | undefined)[] = [];
    const instance = sys.api!.get<{ [name: string]: (...args: unknown[]) => Promise<unknown> }>(service);
    const original = instance[method].bind(instance);
    const spy = jest.spyOn(instance, method).mockImplementation((...args: unknown[]) => {
      seen.push(RequestScope.currentRequestId());
      return original(...args);
    });
    try {
      const call = client(sys.baseUrl, await sys.createKey(`ids-${method}`));
      const created = await call('POST', '/v1/uploads', { filename: 'a.mp4', size: 10, content_type: 'video/mp4' });
      const read = await call('GET', `/v1/videos/${created.body.video_id}`);
      expect([created.status, read.status]).toEqual([201, 200]);
      const answered = method === 'get' ? read : created;
      expect(seen).toEqual([answered.headers.get('request-id')]);
      expect(seen[0]).toMatch(/^req_/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('readiness', () => {
  it('/readyz answers 503 naming S3 once the store is gone', async () => {
    await sys.s3.close();
    const res = await fetch(`${sys.baseUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'unavailable',
      checks: { postgres: 'ok', redis: 'ok', s3: 'unavailable' },
    });
  });
});

describe('CORS', () => {
  it('lets a page on another origin call an upload endpoint with its client_secret and read Request-Id', async () => {
    const preflight = await fetch(`${sys.baseUrl}/v1/uploads/upl_x/parts`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await fetch(`${sys.baseUrl}/healthz`, { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-expose-headers')).toContain('Request-Id');
  });
});
