/**
 * Each api instance keeps valid keys in memory for a few seconds; a revocation on any instance is
 * pushed to every other through Redis pub/sub, and an instance that cannot hear Redis does not
 * trust its cache. Two api instances here share one database and one Redis prefix, as two
 * processes behind a load balancer would.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '@streamforge/api';
import { ApiKeyCache } from '../../api/src/auth/api-key-cache';
import { client, waitFor } from '../support/http';
import { SpareRedis } from '../support/spare-redis';
import { startSystem, testResolver, type TestSystem } from '../support/system';

async function secondInstance(sys: TestSystem): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createApiApp(sys.config, { logLevel: 'error', resolveHost: testResolver });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** The cache is trusted once its subscription is confirmed: wait for that state, not for a time. */
const subscribed = (app: NestFastifyApplication) =>
  waitFor(
    async () => app.get(ApiKeyCache).trusted,
    (trusted) => trusted,
    30_000,
  );

describe('two api instances sharing a database and Redis', () => {
  let sys: TestSystem;
  let other: { app: NestFastifyApplication; url: string };
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    sys = await startSystem();
    other = await secondInstance(sys);
    admin = client(sys.baseUrl, await sys.createKey('acme'));
    await subscribed(sys.api!);
    await subscribed(other.app);
  });
  afterAll(async () => {
    await other?.app.close();
    await sys?.close();
  });

  it('a key created on one instance works on the other at once', async () => {
    const created = await admin('POST', '/v1/api_keys', { name: 'fresh' });
    expect(created.status).toBe(201);
    const first = await client(other.url, created.body.secret)('GET', '/v1/videos');
    expect(first.status).toBe(200);
  });

  it('a key revoked on one instance is refused by the other, told through Redis pub/sub', async () => {
    const created = await admin('POST', '/v1/api_keys', { name: 'doomed' });
    const doomed = client(other.url, created.body.secret);
    // Served twice by the other instance: the second answer comes from its cache.
    expect((await doomed('GET', '/v1/videos')).status).toBe(200);
    expect((await doomed('GET', '/v1/videos')).status).toBe(200);

    const heard = new Promise<string>((resolve) => {
      const cache = other.app.get(ApiKeyCache);
      const listener = (keyId: string) => {
        if (keyId !== created.body.id) return;
        cache.events.off('invalidated', listener);
        resolve(keyId);
      };
      cache.events.on('invalidated', listener);
    });
    const revoked = await admin('DELETE', `/v1/api_keys/${created.body.id}`);
    expect(revoked.body.revoked).toBe(true);
    expect(await heard).toBe(created.body.id);

    const after = await waitFor(
      () => doomed('GET', '/v1/videos'),
      (answer) => answer.status !== 200,
      30_000,
    );
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_api_key');
  });
});

describe('with Redis unavailable', () => {
  let redis: SpareRedis;
  let sys: TestSystem;
  const revokeBehindTheApisBack = (secretOwner: string) =>
    sys.asOwner((db) =>
      db.query(
        `UPDATE api_keys SET revoked_at = now()
         WHERE account_id = (SELECT id FROM accounts WHERE name = $1) AND revoked_at IS NULL`,
        [secretOwner],
      ),
    );

  beforeAll(async () => {
    redis = await SpareRedis.start();
    // A long TTL, so nothing here depends on how fast this machine is: only the subscription's
    // state decides whether an entry is used.
    sys = await startSystem({ env: { REDIS_URL: redis.url, API_KEY_CACHE_SECONDS: '300' } });
    await subscribed(sys.api!);
  });
  afterAll(async () => {
    // Back again, so the api's queue connections close cleanly instead of retrying forever.
    if (!redis.running) await redis.restart();
    await sys?.close();
    await redis.kill();
  });

  it('while subscribed, a cached key is answered from memory (a change must be announced)', async () => {
    const api = client(sys.baseUrl, await sys.createKey('cached'));
    expect((await api('GET', '/v1/videos')).status).toBe(200);
    await revokeBehindTheApisBack('cached');
    // A busy machine can delay a heartbeat past its deadline, which (rightly) bypasses the cache.
    await subscribed(sys.api!);
    expect((await api('GET', '/v1/videos')).status).toBe(200);
  });

  it('once the subscription is lost the cache is bypassed: a key revoked meanwhile is refused', async () => {
    const api = client(sys.baseUrl, await sys.createKey('bypassed'));
    expect((await api('GET', '/v1/videos')).status).toBe(200);
    expect((await api('GET', '/v1/videos')).status).toBe(200);

    await redis.kill();
    await waitFor(
      async () => sys.api!.get(ApiKeyCache).trusted,
      (trusted) => !trusted,
      30_000,
    );
    await revokeBehindTheApisBack('bypassed');
    const next = await api('GET', '/v1/videos');
    expect(next.status).toBe(401);
  });
});
