import { StreamForge } from '../src/node';
import { NotFoundError } from '../src/core/errors';
import { startSystem, type TestSystem } from '../../test/support/system';

let sys: TestSystem;
let sf: StreamForge;

beforeAll(async () => {
  sys = await startSystem();
  sf = new StreamForge(await sys.createKey('sdk-resources'), { baseUrl: sys.baseUrl });
});
afterAll(() => sys?.close());

describe('resources against the real API', () => {
  it('pages through every video with for await', async () => {
    const created: string[] = [];
    for (let i = 0; i < 12; i++) {
      const upload = await sf.uploads.create({ filename: `${i}.mp4`, size: 10, content_type: 'video/mp4' });
      created.push(upload.video_id);
    }
    const seen: string[] = [];
    for await (const video of sf.videos.list({ limit: 5 })) seen.push(video.id);
    expect(seen).toEqual([...created].reverse());
  });

  it('manages webhook endpoints: secret once, update, rotate, delete', async () => {
    const endpoint = await sf.webhookEndpoints.create({
      url: 'https://hooks.example.com/sf',
      enabled_events: ['video.ready'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await sf.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
    const updated = await sf.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect(updated.status).toBe('disabled');
    const rotated = await sf.webhookEndpoints.rotateSecret(endpoint.id, { expires_in: 60 });
    expect(rotated.secret).not.toBe(endpoint.secret);
    const ids: string[] = [];
    for await (const e of sf.webhookEndpoints.list()) ids.push(e.id);
    expect(ids).toContain(endpoint.id);
    await sf.webhookEndpoints.del(endpoint.id);
    await expect(sf.webhookEndpoints.retrieve(endpoint.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates and revokes API keys and reads events', async () => {
    const key = await sf.apiKeys.create({ name: 'temp' });
    expect(key.secret).toMatch(/^sf_test_/);
    await sf.apiKeys.revoke(key.id);
    const other = new StreamForge(key.secret!, { baseUrl: sys.baseUrl, maxRetries: 0 });
    await expect(other.videos.list({ limit: 1 })).rejects.toMatchObject({ status: 401 });
    const first = await sf.events.list({ limit: 1 });
    expect(first.data[0].type).toBe('video.created');
  });
});
