import { createHmac } from 'node:crypto';
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
    // The secret is a Standard Webhooks key of 24 random bytes: a signature made by the spec's recipe
    // (HMAC-SHA256 keyed with the base64-decoded secret) verifies with the reference library, and one
    // made with the secret's text as the key does not.
    const key = Buffer.from(created.body.secret.slice('whsec_'.length), 'base64');
    expect(key).toHaveLength(24);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const sign = (k: Buffer | string) =>
      `v1,${createHmac('sha256', k).update(`msg_1.${timestamp}.{"a":1}`).digest('base64')}`;
    const headers = (signature: string) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
    const hook = new Webhook(created.body.secret);
    expect(hook.verify('{"a":1}', headers(sign(key)))).toEqual({ a: 1 });
    expect(() => hook.verify('{"a":1}', headers(sign(created.body.secret)))).toThrow();

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
