import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { Receiver } from './receiver';

/** The schedule compressed to milliseconds; jitter stays on (±20 %). */
const SCHEDULE_MS = [0, 300, 600, 900];

let sys: TestSystem;
let api: ReturnType<typeof client>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  sys = await startSystem({
    worker: true,
    env: {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_SCHEDULE: SCHEDULE_MS.join(','),
      WEBHOOK_RELAY_INTERVAL: '100ms',
      WEBHOOK_TIMEOUT: '3s',
    },
  });
  api = client(sys.baseUrl, await sys.createKey('acme'));
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await sys?.close();
});

async function endpointFor(events: string[] = ['video.created']) {
  const receiver = await Receiver.start();
  receivers.push(receiver);
  const created = await api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: events });
  expect(created.status).toBe(201);
  return { receiver, endpoint: created.body };
}

/** One new event (`video.created`) for every subscribed endpoint. */
async function anEvent() {
  const res = await api('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' });
  expect(res.status).toBe(201);
  return res.body.video_id as string;
}

async function deliveriesOf(endpointId: string) {
  return (await api('GET', `/v1/webhook_endpoints/${endpointId}/deliveries?limit=100`)).body.data;
}

function settledDelivery(endpointId: string, state: string) {
  return waitFor(
    () => deliveriesOf(endpointId),
    (list: any[]) => list.length > 0 && list.every((d) => d.state === state),
    60_000,
  );
}

describe('retry schedule', () => {
  it('retries a receiver answering 500 per the schedule, with one webhook-id, then marks it exhausted', async () => {
    const { receiver, endpoint } = await endpointFor();
    receiver.respond = () => ({ status: 500, body: 'boom' });
    await anEvent();
    const [delivery] = await settledDelivery(endpoint.id, 'exhausted');
    expect(receiver.received).toHaveLength(SCHEDULE_MS.length);
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([delivery.id]));
    // Each retry waits at least its slot less the 20 % jitter (a busy machine only makes it later).
    for (let i = 1; i < SCHEDULE_MS.length; i++) {
      expect(receiver.received[i].at - receiver.received[i - 1].at).toBeGreaterThanOrEqual(SCHEDULE_MS[i] * 0.8 - 5);
    }
    expect(delivery).toMatchObject({
      attempts: SCHEDULE_MS.length,
      last_status_code: 500,
      last_response_body: 'boom',
      next_attempt_at: null,
    });
  });

  it('a receiver that recovers gets exactly one success and no more', async () => {
    const { receiver, endpoint } = await endpointFor();
    receiver.respond = () => (receiver.received.length < 3 ? { status: 503 } : { status: 200 });
    await anEvent();
    const [delivery] = await settledDelivery(endpoint.id, 'succeeded');
    expect(delivery).toMatchObject({ attempts: 3, last_status_code: 200 });
    // Another event through the same endpoint proves the worker is past anything it might still send.
    receiver.respond = () => ({ status: 200 });
    await anEvent();
    await waitFor(
      () => deliveriesOf(endpoint.id),
      (list: any[]) => list.length === 2 && list.every((d) => d.state === 'succeeded'),
    );
    expect(receiver.received.filter((r) => r.id === delivery.id)).toHaveLength(3);
  });

  it('honours Retry-After on 429 up to the next slot: a schedule of an hour retries in a second', async () => {
    const sys2 = await startSystem({
      worker: true,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SCHEDULE: '0,1h', WEBHOOK_RELAY_INTERVAL: '100ms' },
    });
    const receiver = await Receiver.start();
    receivers.push(receiver);
    try {
      const api2 = client(sys2.baseUrl, await sys2.createKey('acme'));
      await api2('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] });
      receiver.respond = () =>
        receiver.received.length === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 };
      await api2('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' });
      const [first, second] = await receiver.waitFor((r) => r.length >= 2);
      expect(second.id).toBe(first.id);
      expect(second.at - first.at).toBeGreaterThanOrEqual(1000 * 0.8 - 5);
    } finally {
      await sys2.close();
    }
  });

  it('410 Gone disables the endpoint at once and emits webhook_endpoint.disabled; enable turns it back on', async () => {
    const { receiver, endpoint } = await endpointFor();
    receiver.respond = () => ({ status: 410 });
    await anEvent();
    const [delivery] = await settledDelivery(endpoint.id, 'failed');
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 410 });
    const after = await api('GET', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(after.body).toMatchObject({ status: 'disabled', disabled_reason: 'gone' });
    const events = await api('GET', '/v1/events?type=webhook_endpoint.disabled&limit=100');
    expect(events.body.data.map((e: any) => e.data.object.id)).toContain(endpoint.id);

    // Disabled: a new event makes no delivery to it. A second endpoint shows when the relay has fanned
    // that event out, so the enable below cannot race the relay into delivering it.
    const witness = await endpointFor();
    const second = await anEvent();
    await witness.receiver.waitFor((r) => r.some((x) => x.event.data.object.id === second));
    const enabled = await api('POST', `/v1/webhook_endpoints/${endpoint.id}/enable`);
    expect(enabled.body).toMatchObject({ status: 'enabled', disabled_reason: null });
    receiver.respond = () => ({ status: 200 });
    const test = await api('POST', `/v1/webhook_endpoints/${endpoint.id}/test`);
    expect(test.status).toBe(202);
    await receiver.waitFor((r) => r.some((x) => x.event.type === 'webhook_endpoint.test'));
    expect(receiver.received.map((r) => r.event.type)).toEqual(['video.created', 'webhook_endpoint.test']);
  });

  it('disables an endpoint that keeps failing past WEBHOOK_DISABLE_AFTER', async () => {
    const sys2 = await startSystem({
      worker: true,
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SCHEDULE: '0,50,50,50,50',
        WEBHOOK_DISABLE_AFTER: '100ms',
        WEBHOOK_RELAY_INTERVAL: '100ms',
      },
    });
    const receiver = await Receiver.start();
    receivers.push(receiver);
    try {
      const api2 = client(sys2.baseUrl, await sys2.createKey('acme'));
      const endpoint = (
        await api2('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['video.created'] })
      ).body;
      receiver.respond = () => ({ status: 500 });
      await api2('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' });
      const disabled = await waitFor(
        () => api2('GET', `/v1/webhook_endpoints/${endpoint.id}`),
        (r) => r.body.status === 'disabled',
      );
      expect(disabled.body.disabled_reason).toBe('failing');
      const events = await api2('GET', '/v1/events?type=webhook_endpoint.disabled');
      expect(events.body.data).toHaveLength(1);
    } finally {
      await sys2.close();
    }
  });
});
