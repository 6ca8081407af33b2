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

  it('lists deliveries, sends a test event, redelivers an event and re-enables an endpoint', async () => {
    const endpoint = await sf.webhookEndpoints.create({ url: 'https://hooks.example.com/sdk', enabled_events: ['*'] });
    const test = await sf.webhookEndpoints.test(endpoint.id);
    expect(test).toMatchObject({ object: 'webhook_delivery', trigger: 'test', event_type: 'webhook_endpoint.test' });
    const testEvent = await sf.events.retrieve(test.event_id);
    // The discriminated union: after the check, data.object is a webhook endpoint.
    if (testEvent.type !== 'webhook_endpoint.test') throw new Error(`unexpected ${testEvent.type}`);
    expect(testEvent.data.object.url).toBe('https://hooks.example.com/sdk');

    const upload = await sf.uploads.create({ filename: 'r.mp4', size: 10, content_type: 'video/mp4' });
    const created = (await sf.events.list({ type: 'video.created', limit: 100 })).data.find(
      (e) => e.data.object.id === upload.video_id,
    )!;
    const redelivered = await sf.events.redeliver(created.id, { webhook_endpoint: endpoint.id });
    expect(redelivered.data).toHaveLength(1);
    expect(redelivered.data[0]).toMatchObject({
      trigger: 'manual',
      webhook_endpoint_id: endpoint.id,
      state: 'pending',
    });
    const ofEvent = await sf.events.deliveries(created.id).toArray();
    expect(ofEvent.map((d) => d.id)).toContain(redelivered.data[0].id);
    const ofEndpoint = await sf.webhookEndpoints.deliveries(endpoint.id, { state: 'pending' }).toArray();
    expect(ofEndpoint.map((d) => d.id)).toEqual(expect.arrayContaining([test.id, redelivered.data[0].id]));

    await sf.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect(await sf.webhookEndpoints.enable(endpoint.id)).toMatchObject({ status: 'enabled', disabled_reason: null });
  });
});
