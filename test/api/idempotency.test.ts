import { createDataSource } from '@streamforge/core';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '10000' } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
});
afterAll(() => sys?.close());

const body = { filename: 'a.mp4', size: 1000, content_type: 'video/mp4', metadata: { a: '1', b: '2' } };
const withKey = (key: string) => ({ 'idempotency-key': key });

async function videoCount() {
  return (await api('GET', '/v1/videos?limit=100')).body.data.length as number;
}

describe('Idempotency-Key', () => {
  it('replays the first status and body exactly, whatever the key order of the retried body', async () => {
    const first = await api('POST', '/v1/uploads', body, withKey('replay-1'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const reordered = { metadata: { b: '2', a: '1' }, content_type: 'video/mp4', size: 1000, filename: 'a.mp4' };
    const second = await api('POST', '/v1/uploads', reordered, withKey('replay-1'));
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('refuses the same key with a different body', async () => {
    await api('POST', '/v1/uploads', body, withKey('mismatch-1'));
    const other = await api('POST', '/v1/uploads', { ...body, size: 2000 }, withKey('mismatch-1'));
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_reused' });
  });

  it('replays a client error too, and keeps keys apart per account', async () => {
    const bad = await api('POST', '/v1/uploads', { ...body, content_type: 'text/plain' }, withKey('bad-1'));
    expect(bad.status).toBe(400);
    const again = await api('POST', '/v1/uploads', { ...body, content_type: 'text/plain' }, withKey('bad-1'));
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(bad.body);
    const otherAccount = client(sys.baseUrl, await sys.createKey('globex'));
    expect(
      (await otherAccount('POST', '/v1/uploads', body, withKey('replay-1'))).headers.get('idempotent-replayed'),
    ).toBeNull();
  });

  it('remembers nothing of a request refused by its parameters: the corrected request runs under the same key', async () => {
    // Stripe's rule: a result is stored only once the endpoint started executing.
    const invalid = await api('POST', '/v1/uploads', { ...body, size: 'big' }, withKey('invalid-1'));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'parameter_invalid', param: 'size' });
    const corrected = await api('POST', '/v1/uploads', body, withKey('invalid-1'));
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    const again = await api('POST', '/v1/uploads', body, withKey('invalid-1'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(corrected.body);
  });

  it('twenty concurrent identical requests with one key create exactly one video; the rest replay or get 409', async () => {
    const before = await videoCount();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', '/v1/uploads', body, withKey('concurrent-1'))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
    }
    expect(await videoCount()).toBe(before + 1);
  });

  it('forgets keys after their retention: an expired key runs the request again, and its record is renewed', async () => {
    const first = await api('POST', '/v1/uploads', body, withKey('expiring-1'));
    const db = createDataSource(sys.config.databaseUrl);
    await db.initialize();
    try {
      await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'expiring-1'`);
    } finally {
      await db.destroy();
    }
    const second = await api('POST', '/v1/uploads', body, withKey('expiring-1'));
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    // The expired record was replaced by the second request's, with a new creation time: a retry replays it.
    const third = await api('POST', '/v1/uploads', body, withKey('expiring-1'));
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(third.body).toEqual(second.body);
  });

  it('refuses keys that are too long or not printable', async () => {
    const res = await api('POST', '/v1/uploads', body, withKey('k'.repeat(256)));
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('idempotency_error');
  });
});
