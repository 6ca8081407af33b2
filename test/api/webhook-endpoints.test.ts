import { Webhook } from 'standardwebhooks';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sys = await startSystem();
  api = client(sys.baseUrl, await sys.createKey('acme'));
});
afterAll(() => sys?.close());

describe('webhook endpoints', () => {
  it('creates an endpoint with a Standard Webhooks secret shown once, and never lists the secret', async () => {
    const created = await api('POST', '/v1/webhook_endpoints', {
      url: 'https://hooks.example.com/sf',
      enabled_events: ['video.ready', 'video.failed', 'video.ready'],
      description: 'backend',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'webhook_endpoint',
      url: 'https://hooks.example.com/sf',
      enabled_events: ['video.ready', 'video.failed'],
      status: 'enabled',
      livemode: false,
    });
    expect(created.body.id).toMatch(/^we_/);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // The secret is a usable Standard Webhooks key: the reference library signs and verifies with it.
    const hook = new Webhook(created.body.secret);
    const timestamp = new Date();
    const signature = hook.sign('msg_1', timestamp, '{"a":1}');
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
    expect(hook.verify('{"a":1}', headers)).toEqual({ a: 1 });

    const got = await api('GET', `/v1/webhook_endpoints/${created.body.id}`);
    expect(got.body.secret).toBeUndefined();
    const list = await api('GET', '/v1/webhook_endpoints');
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
  });

  it('updates, disables, rotates the secret and deletes', async () => {
    const { body } = await api('POST', '/v1/webhook_endpoints', {
      url: 'http://hooks.example.com/hook',
      enabled_events: ['*', 'video.ready'],
    });
    expect(body.enabled_events).toEqual(['*']);
    const patched = await api('PATCH', `/v1/webhook_endpoints/${body.id}`, {
      disabled: true,
      enabled_events: ['video.deleted'],
    });
    expect(patched.body).toMatchObject({ status: 'disabled', enabled_events: ['video.deleted'] });
    const rotated = await api('POST', `/v1/webhook_endpoints/${body.id}/rotate_secret`, { expires_in: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(body.secret);
    const deleted = await api('DELETE', `/v1/webhook_endpoints/${body.id}`);
    expect(deleted.body).toEqual({ id: body.id, object: 'webhook_endpoint', deleted: true });
    expect((await api('GET', `/v1/webhook_endpoints/${body.id}`)).status).toBe(404);
  });

  it('refuses unknown event types and malformed URLs, naming the param', async () => {
    const events = await api('POST', '/v1/webhook_endpoints', {
      url: 'https://x.example',
      enabled_events: ['video.exploded'],
    });
    expect(events.status).toBe(400);
    expect(events.body.error.param).toBe('enabled_events');
    const url = await api('POST', '/v1/webhook_endpoints', { url: 'ftp://x.example', enabled_events: ['*'] });
    expect(url.status).toBe(400);
    expect(url.body.error).toMatchObject({ code: 'url_invalid', param: 'url' });
  });
});
