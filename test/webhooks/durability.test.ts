import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@streamforge/worker';
import { client, waitFor } from '../support/http';
import { startSystem, testResolver, type TestSystem } from '../support/system';
import { deleteRedisPrefix, FAST_RECOVERY, startWorkerProcess, type WorkerProcess } from '../transcode/system-helpers';
import { Receiver } from './receiver';

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SWEEP_INTERVAL: '500ms', WEBHOOK_RELAY_INTERVAL: '200ms' };

let sys: TestSystem;
let api: ReturnType<typeof client>;
let receiver: Receiver;
let worker: INestApplicationContext | undefined;
const children: WorkerProcess[] = [];

beforeAll(async () => {
  sys = await startSystem({ env: { ...FAST_RECOVERY, ...ENV } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  receiver = await Receiver.start();
  const created = await api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] });
  expect(created.status).toBe(201);
});

afterEach(async () => {
  for (const w of children.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  }
  await worker?.close();
  worker = undefined;
  receiver.respond = () => ({ status: 204 });
});

afterAll(async () => {
  await receiver?.close();
  await sys?.close();
});

const startWorker = async () =>
  (worker = await createWorkerApp(sys.config, { logger: ['error'], resolveHost: testResolver }));

/** `n` new events (`video.created`); returns their ids. */
async function events(n: number): Promise<string[]> {
  const videos: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await api('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' });
    videos.push(res.body.video_id);
  }
  const list = await api('GET', '/v1/events?type=video.created&limit=100');
  return list.body.data.filter((e: any) => videos.includes(e.data.object.id)).map((e: any) => e.id);
}

const receivedAll = (ids: string[]) => () =>
  receiver.waitFor((r) => ids.every((id) => r.some((x) => x.event.id === id)), 90_000);

describe('nothing lost', () => {
  it('delivers every event created while the worker was down once it starts', async () => {
    const ids = await events(5);
    expect(receiver.received.filter((r) => ids.includes(r.event.id))).toHaveLength(0);
    await startWorker();
    await receivedAll(ids)();
    // One delivery per event and endpoint, never two.
    const perEvent = ids.map((id) => receiver.received.filter((r) => r.event.id === id).length);
    expect(perEvent).toEqual(ids.map(() => 1));
  });

  it('delivers every event when the Redis keys are deleted mid-flight, with the same webhook-id', async () => {
    // The receiver holds the first answers while Redis loses everything.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    receiver.respond = (_req, res) => {
      void held.then(() => res.writeHead(500).end());
    };
    await startWorker();
    const ids = await events(4);
    await receiver.waitFor((r) => ids.some((id) => r.some((x) => x.event.id === id)));
    await deleteRedisPrefix(sys.config);
    receiver.respond = () => ({ status: 204 });
    release();
    await receivedAll(ids)();
    await waitFor(
      async () => {
        const lists = await Promise.all(ids.map((id) => api('GET', `/v1/events/${id}/deliveries`)));
        return lists.map((l) => l.body.data);
      },
      (lists: any[][]) => lists.every((l) => l.length === 1 && l[0].state === 'succeeded'),
    );
    for (const id of ids) {
      const seen = new Set(receiver.received.filter((r) => r.event.id === id).map((r) => r.id));
      expect(seen.size).toBe(1);
    }
  });

  it('a worker SIGKILLed after the receiver answered 2xx, before recording it: the event arrives again, same webhook-id', async () => {
    const ids0 = receiver.received.length;
    const killed: WorkerProcess = await startWorkerProcess(sys.config, { ...ENV });
    children.push(killed);
    // 200 and the headers at once, the body held open: the worker cannot have recorded it yet.
    let first = true;
    receiver.respond = (_req, res) => {
      if (first) {
        first = false;
        res.writeHead(200);
        res.write('ok');
        return;
      }
      res.writeHead(200).end();
    };
    const [id] = await events(1);
    const delivery = (await receiver.waitFor((r) => r.slice(ids0).some((x) => x.event.id === id))).find(
      (x) => x.event.id === id,
    )!;
    killed.child.kill('SIGKILL');
    await killed.exited;
    await startWorker();
    await receiver.waitFor((r) => r.filter((x) => x.event.id === id).length >= 2);
    const again = receiver.received.filter((x) => x.event.id === id);
    expect(new Set(again.map((x) => x.id))).toEqual(new Set([delivery.id]));
    const log = await waitFor(
      () => api('GET', `/v1/events/${id}/deliveries`),
      (r) => r.body.data[0]?.state === 'succeeded',
    );
    expect(log.body.data[0].id).toBe(delivery.id);
  });
});
