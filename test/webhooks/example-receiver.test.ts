import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../support/clips';
import { client } from '../support/http';
import { freePort } from '../support/net';
import { NodeScripts } from '../support/node-scripts';
import { startSystem, type TestSystem } from '../support/system';
import { uploadAndComplete } from '../transcode/system-helpers';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let key: string;
let work: string;
const scripts = new NodeScripts();

beforeAll(async () => {
  sys = await startSystem({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  key = await sys.createKey('acme');
  api = client(sys.baseUrl, key);
  work = await mkdtemp(join(tmpdir(), 'sf-example-'));
});

afterAll(async () => {
  scripts.killAll();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('examples/webhook-receiver against a real StreamForge', () => {
  it('verifies with the SDK, sees video.ready, refuses a forged delivery, gets a test event', async () => {
    const port = await freePort();
    const endpoint = await api('POST', '/v1/webhook_endpoints', {
      url: `http://127.0.0.1:${port}/hooks`,
      enabled_events: ['*'],
    });
    const receiver = scripts.run([join('examples', 'webhook-receiver', 'server.mjs')], {
      PORT: String(port),
      STREAMFORGE_WEBHOOK_SECRET: endpoint.body.secret,
    });
    await receiver.waitFor(/Webhook receiver on/);

    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 4, width: 320, height: 180 });
    const videoId = await uploadAndComplete(api, clip);
    await receiver.waitFor(new RegExp(`video\\.ready ${videoId} http`));

    // A forged delivery is refused; a replay of a real one is acknowledged and ignored.
    const forged = await fetch(`http://127.0.0.1:${port}/hooks`, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_x',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: '{}',
    });
    expect(forged.status).toBe(400);
    const test = await api('POST', `/v1/webhook_endpoints/${endpoint.body.id}/test`);
    await receiver.waitFor(/webhook_endpoint\.test/);
    const redelivery = await api('GET', `/v1/webhook_endpoints/${endpoint.body.id}/deliveries?limit=1`);
    expect(redelivery.body.data[0].id).toBe(test.body.id);
  });
});
