import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sys = await startSystem();
  api = client(sys.baseUrl, await sys.createKey('acme'));
});
afterAll(() => sys?.close());

describe('API keys', () => {
  it('creates a key of the caller’s mode, shows its secret once, lists it without it, and revokes it at once', async () => {
    const created = await api('POST', '/v1/api_keys', { name: 'backend' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'api_key', livemode: false, name: 'backend', revoked: false });
    expect(created.body.secret).toMatch(/^sf_test_/);
    const fresh = client(sys.baseUrl, created.body.secret);
    expect((await fresh('GET', '/v1/videos')).status).toBe(200);

    const list = await api('GET', '/v1/api_keys');
    const listed = list.body.data.find((k: any) => k.id === created.body.id);
    expect(listed.secret).toBeUndefined();
    expect(listed.display).toMatch(/^sf_test_.{4}….{4}$/);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    const revoked = await api('DELETE', `/v1/api_keys/${created.body.id}`);
    expect(revoked.body.revoked).toBe(true);
    const after = await fresh('GET', '/v1/videos');
    expect(after.status).toBe(401);
    expect(after.body.error.type).toBe('authentication_error');
  });

  it('refuses a key with a broken checksum without looking it up', async () => {
    const created = await api('POST', '/v1/api_keys', {});
    const secret: string = created.body.secret;
    const typo = secret.slice(0, 10) + (secret[10] === 'A' ? 'B' : 'A') + secret.slice(11);
    expect((await client(sys.baseUrl, typo)('GET', '/v1/videos')).status).toBe(401);
  });
});

describe('events and videos', () => {
  it('records an event for each change, in order, with the resource as it was', async () => {
    const upload = (await api('POST', '/v1/uploads', { filename: 'a.mp4', size: 100, content_type: 'video/mp4' })).body;
    const patched = await api('PATCH', `/v1/videos/${upload.video_id}`, {
      title: 'Renamed',
      metadata: { order: '42' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Renamed', metadata: { order: '42' } });
    const cleared = await api('PATCH', `/v1/videos/${upload.video_id}`, { metadata: { order: '' } });
    expect(cleared.body.metadata).toEqual({});

    const events = await api('GET', '/v1/events?limit=100');
    const mine = events.body.data.filter((e: any) => e.data.object.id === upload.video_id);
    expect(mine.map((e: any) => e.type)).toEqual(['video.updated', 'video.updated', 'video.created']);
    expect(mine[1].data.object.title).toBe('Renamed');
    const one = await api('GET', `/v1/events/${mine[0].id}`);
    expect(one.body).toMatchObject({ object: 'event', type: 'video.updated', livemode: false });
    expect(
      (await api('GET', '/v1/events?type=video.created')).body.data.every((e: any) => e.type === 'video.created'),
    ).toBe(true);
  });

  it('deletes a video, its stored objects, and emits video.deleted', async () => {
    const upload = (await api('POST', '/v1/uploads', { filename: 'b.mp4', size: 4, content_type: 'video/mp4' })).body;
    const put = await fetch(upload.part_urls[0].url, {
      method: 'PUT',
      body: 'abcd',
      headers: { 'content-type': 'video/mp4' },
    });
    expect(put.status).toBe(200);
    const deleted = await api('DELETE', `/v1/videos/${upload.video_id}`);
    expect(deleted.body).toEqual({ id: upload.video_id, object: 'video', deleted: true });
    expect((await api('GET', `/v1/videos/${upload.video_id}`)).status).toBe(404);
    expect((await api('GET', `/v1/uploads/${upload.id}`)).status).toBe(404);
    const { ObjectStorage } = await import('@streamforge/core');
    const storage = new ObjectStorage(sys.config.s3);
    try {
      expect((await storage.listKeys('')).filter((k) => k.includes(upload.video_id))).toEqual([]);
    } finally {
      storage.destroy();
    }
    const events = await api('GET', '/v1/events?type=video.deleted');
    expect(events.body.data[0].data.object.id).toBe(upload.video_id);
  });

  it('validates metadata limits and names the param', async () => {
    const upload = (await api('POST', '/v1/uploads', { filename: 'c.mp4', size: 4, content_type: 'video/mp4' })).body;
    const tooLong = await api('PATCH', `/v1/videos/${upload.video_id}`, { metadata: { k: 'x'.repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.param).toBe('metadata.k');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect((await api('PATCH', `/v1/videos/${upload.video_id}`, { metadata: many })).status).toBe(400);
  });
});

describe('upload limits', () => {
  it('refuses non-video content types and files above the maximum size', async () => {
    const type = await api('POST', '/v1/uploads', { filename: 'a.txt', size: 10, content_type: 'text/plain' });
    expect(type.status).toBe(400);
    expect(type.body.error).toMatchObject({ code: 'content_type_not_allowed', param: 'content_type' });
    const big = await api('POST', '/v1/uploads', {
      filename: 'a.mp4',
      size: 51 * 1024 ** 3,
      content_type: 'video/mp4',
    });
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ code: 'upload_too_large', param: 'size' });
  });
});
