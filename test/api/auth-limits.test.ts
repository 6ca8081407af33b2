/**
 * Failed authentication is limited per client address, before any database lookup and apart from
 * the per-key budget; with Redis gone the limit still holds. Client addresses are told apart by
 * binding the test's sockets to different loopback addresses (127.0.0.0/8 is all loopback).
 */
import http from 'node:http';
import { generateApiKey, randomBase62 } from '@streamforge/core';
import { SpareRedis } from '../support/spare-redis';
import { startSystem, type TestSystem } from '../support/system';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

function from(sys: TestSystem, localAddress: string) {
  const url = new URL(sys.baseUrl);
  return (path: string, authorization?: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          localAddress,
          agent: false,
          headers: authorization ? { authorization } : {},
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end();
    });
}

const wrongKey = () => generateApiKey(false).secret;

/** Sends `count` requests one after another and returns their statuses. */
async function statuses(send: () => Promise<Answer>, count: number) {
  const seen: Answer[] = [];
  for (let i = 0; i < count; i++) seen.push(await send());
  return seen;
}

describe('with Redis up', () => {
  let sys: TestSystem;
  let key: string;
  let uploadId: string;
  beforeAll(async () => {
    sys = await startSystem({ env: { AUTH_FAILURE_LIMIT: '30', AUTH_FAILURE_WINDOW_SECONDS: '600' } });
    key = await sys.createKey('limits');
    const res = await fetch(`${sys.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.mp4', size: 10, content_type: 'video/mp4' }),
    });
    uploadId = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => sys?.close());

  it('200 wrong keys from one address: 429 with Retry-After long before the 200th; another address unaffected', async () => {
    const attacker = from(sys, '127.0.0.2');
    const seen = await statuses(() => attacker('/v1/videos', `Bearer ${wrongKey()}`), 200);
    const first429 = seen.findIndex((a) => a.status === 429);
    expect(seen.slice(0, 30).every((a) => a.status === 401)).toBe(true);
    expect(first429).toBe(30);
    expect(seen.slice(first429).every((a) => a.status === 429)).toBe(true);
    const refused = seen[first429];
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'too_many_failed_authentications' });
    expect(refused.headers['request-id']).toBe(refused.body.error.request_id);
    // The blocked address is refused before its credential is looked at, even a valid one.
    expect((await attacker('/v1/videos', `Bearer ${key}`)).status).toBe(429);

    const customer = from(sys, '127.0.0.3');
    const ok = await customer('/v1/videos', `Bearer ${key}`);
    expect(ok.status).toBe(200);
  });

  it('the same with wrong client_secrets, and with no credential at all', async () => {
    const attacker = from(sys, '127.0.0.4');
    const secret = () => `${uploadId}_secret_${randomBase62(32)}`;
    const seen = await statuses(() => attacker(`/v1/uploads/${uploadId}`, `Bearer ${secret()}`), 60);
    expect(seen.slice(0, 30).map((a) => a.status)).toEqual(Array(30).fill(401));
    expect(seen.slice(30).every((a) => a.status === 429)).toBe(true);

    const anonymous = from(sys, '127.0.0.5');
    const bare = await statuses(() => anonymous('/v1/videos'), 40);
    expect(bare.findIndex((a) => a.status === 429)).toBe(30);

    expect((await from(sys, '127.0.0.6')('/v1/videos', `Bearer ${key}`)).status).toBe(200);
  });

  it('successful requests do not spend the address budget', async () => {
    const busy = from(sys, '127.0.0.7');
    const seen = await statuses(() => busy('/v1/events', `Bearer ${key}`), 45);
    expect(seen.every((a) => a.status === 200)).toBe(true);
  });
});

describe('with Redis gone', () => {
  let redis: SpareRedis;
  let sys: TestSystem;
  let key: string;

  beforeAll(async () => {
    redis = await SpareRedis.start();
    sys = await startSystem({
      env: { REDIS_URL: redis.url, AUTH_FAILURE_LIMIT: '20', AUTH_FAILURE_WINDOW_SECONDS: '600' },
    });
    key = await sys.createKey('redisless');
    await redis.kill();
  });
  afterAll(async () => {
    // Back again, so the api's queue connections close cleanly instead of retrying forever.
    if (!redis.running) await redis.restart();
    await sys?.close();
    await redis.kill();
  });

  it('still refuses failed authentication past the budget instead of waving it through', async () => {
    const attacker = from(sys, '127.0.0.8');
    const seen = await statuses(() => attacker('/v1/videos', `Bearer ${wrongKey()}`), 60);
    expect(seen.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(seen.findIndex((a) => a.status === 429)).toBe(20);

    const anonymous = from(sys, '127.0.0.9');
    const bare = await statuses(() => anonymous('/v1/videos'), 30);
    expect(bare.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(bare.findIndex((a) => a.status === 429)).toBe(20);
  });

  it('keeps the per-key budget in memory: a valid key is served and counted', async () => {
    const res = await from(sys, '127.0.0.10')('/v1/videos', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBe('100');
  });
});
