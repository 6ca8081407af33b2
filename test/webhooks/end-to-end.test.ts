import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhooks } from '@streamforge/sdk';
import { Webhook } from 'standardwebhooks';
import { generateClip } from '../support/clips';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { uploadAndComplete, waitForVideo } from '../transcode/system-helpers';
import { Receiver } from './receiver';

const LIFECYCLE = ['video.created', 'video.processing', 'video.playable', 'video.ready'];

let sys: TestSystem;
let api: ReturnType<typeof client>;
let all: Receiver;
let readyOnly: Receiver;
let work: string;

beforeAll(async () => {
  sys = await startSystem({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  all = await Receiver.start();
  readyOnly = await Receiver.start();
  work = await mkdtemp(join(tmpdir(), 'sf-webhooks-'));
});

afterAll(async () => {
  await all?.close();
  await readyOnly?.close();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('webhook deliveries end to end', () => {
  it('delivers a clip’s lifecycle, signed, verifiable by standardwebhooks and the SDK; filters by type', async () => {
    const everything = await api('POST', '/v1/webhook_endpoints', { url: all.url, enabled_events: ['*'] });
    const ready = await api('POST', '/v1/webhook_endpoints', { url: readyOnly.url, enabled_events: ['video.ready'] });
    expect([everything.status, ready.status]).toEqual([201, 201]);

    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 4, width: 320, height: 180 });
    const videoId = await uploadAndComplete(api, clip);
    await waitForVideo(api, videoId, (v) => v.status === 'ready');

    const received = await all.waitFor((r) => LIFECYCLE.every((t) => r.some((x) => x.event.type === t)));
    await readyOnly.waitFor((r) => r.some((x) => x.event.type === 'video.ready'));

    const sdk = new Webhooks();
    for (const delivery of received) {
      expect(delivery.headers['content-type']).toBe('application/json');
      // The reference implementation, unchanged, and our SDK both accept it.
      const verified = new Webhook(everything.body.secret).verify(delivery.body, {
        'webhook-id': delivery.id,
        'webhook-timestamp': delivery.timestamp,
        'webhook-signature': delivery.signature,
      });
      const unwrapped = await sdk.unwrap(
        delivery.body,
        delivery.headers as Record<string, string>,
        everything.body.secret,
      );
      expect(unwrapped).toEqual(verified);
      // The body is the event exactly as the API serves it.
      const viaApi = await api('GET', `/v1/events/${delivery.event.id}`);
      expect(JSON.parse(delivery.body)).toEqual(viaApi.body);
      expect(delivery.event.data.object.id).toBe(videoId);
    }
    expect(received.map((r) => r.event.type)).toEqual(expect.arrayContaining(LIFECYCLE));
    // Wrong secret: refused.
    expect(() =>
      new Webhook(ready.body.secret).verify(received[0].body, {
        'webhook-id': received[0].id,
        'webhook-timestamp': received[0].timestamp,
        'webhook-signature': received[0].signature,
      }),
    ).toThrow();

    // The ready-only endpoint has seen video.ready and nothing else, even after everything settled.
    const ids = received.map((r) => r.event.id);
    const deliveries = await api('GET', `/v1/webhook_endpoints/${everything.body.id}/deliveries?limit=100`);
    expect(deliveries.status).toBe(200);
    await waitForState(everything.body.id, ids.length);
    expect(readyOnly.received.map((r) => r.event.type)).toEqual(['video.ready']);
    const readyLog = await api('GET', `/v1/webhook_endpoints/${ready.body.id}/deliveries`);
    expect(readyLog.body.data).toHaveLength(1);
    expect(readyLog.body.data[0]).toMatchObject({
      object: 'webhook_delivery',
      event_type: 'video.ready',
      state: 'succeeded',
      attempts: 1,
      last_status_code: 204,
      id: readyOnly.received[0].id,
    });
  });

  it('signs with both secrets during a rotation overlap, each verifying alone; after it only the new one', async () => {
    const receiver = await Receiver.start();
    try {
      const created = await api('POST', '/v1/webhook_endpoints', {
        url: receiver.url,
        enabled_events: ['video.ready'],
      });
      const old = created.body.secret;
      const rotated = await api('POST', `/v1/webhook_endpoints/${created.body.id}/rotate_secret`, { expires_in: 3600 });
      const fresh = rotated.body.secret;
      await api('POST', `/v1/webhook_endpoints/${created.body.id}/test`);
      const [during] = await receiver.waitFor((r) => r.length === 1);
      expect(during.signature.split(' ')).toHaveLength(2);
      for (const secret of [old, fresh]) expect(verifies(secret, during)).toBe(true);

      // Overlap over: rotating with expires_in 0 drops every earlier secret at once.
      const again = await api('POST', `/v1/webhook_endpoints/${created.body.id}/rotate_secret`, { expires_in: 0 });
      await api('POST', `/v1/webhook_endpoints/${created.body.id}/test`);
      const [, after] = await receiver.waitFor((r) => r.length === 2);
      expect(after.signature.split(' ')).toHaveLength(1);
      expect(verifies(again.body.secret, after)).toBe(true);
      expect(verifies(fresh, after)).toBe(false);
      expect(verifies(old, after)).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});

function verifies(secret: string, delivery: { body: string; id: string; timestamp: string; signature: string }) {
  try {
    new Webhook(secret).verify(delivery.body, {
      'webhook-id': delivery.id,
      'webhook-timestamp': delivery.timestamp,
      'webhook-signature': delivery.signature,
    });
    return true;
  } catch {
    return false;
  }
}

async function waitForState(endpointId: string, count: number) {
  for (;;) {
    const list = await api('GET', `/v1/webhook_endpoints/${endpointId}/deliveries?state=succeeded&limit=100`);
    if (list.body.data.length >= count) return list.body.data;
    await new Promise((r) => setTimeout(r, 200));
  }
}
