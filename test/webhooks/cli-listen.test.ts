import { join } from 'node:path';
import { client } from '../support/http';
import { NodeScripts } from '../support/node-scripts';
import { startSystem, type TestSystem } from '../support/system';
import { Receiver } from './receiver';
import { Webhook } from 'standardwebhooks';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let key: string;
const scripts = new NodeScripts();

beforeAll(async () => {
  sys = await startSystem({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  key = await sys.createKey('acme');
  api = client(sys.baseUrl, key);
});

afterAll(async () => {
  scripts.killAll();
  await sys?.close();
});

describe('streamforge listen --forward-to', () => {
  it('forwards new events to a local receiver, signed with the secret it prints', async () => {
    const receiver = await Receiver.start();
    try {
      const cli = scripts.run(
        [
          join('sdk-js', 'dist', 'cli', 'index.js'),
          'listen',
          '--forward-to',
          receiver.url,
          '--interval',
          '200',
          '--max',
          '1',
        ],
        { STREAMFORGE_API_KEY: key, STREAMFORGE_BASE_URL: sys.baseUrl },
      );
      const banner = await cli.waitFor(/Signing secret: whsec_\S+/);
      const secret = /Signing secret: (whsec_\S+)/.exec(banner)![1];
      const upload = await api('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' });
      expect(upload.status).toBe(201);
      await cli.waitFor(/--> video\.created .*<-- 204/, 30_000);
      const [got] = await receiver.waitFor((r) => r.length >= 1);
      const event = new Webhook(secret).verify(got.body, {
        'webhook-id': got.id,
        'webhook-timestamp': got.timestamp,
        'webhook-signature': got.signature,
      }) as any;
      expect(event).toMatchObject({ type: 'video.created', data: { object: { id: upload.body.video_id } } });
    } finally {
      await receiver.close();
    }
  });
});
