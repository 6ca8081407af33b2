import { EventRecord, Video } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { RequestScope } from '../../api/src/common/request-scope';
import { VideosService } from '../../api/src/videos/videos.service';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let acme: { accountId: string; livemode: boolean };
let globex: { accountId: string; livemode: boolean };
let acmeVideo: string;

beforeAll(async () => {
  sys = await startSystem();
  for (const name of ['acme', 'globex']) {
    const api = client(sys.baseUrl, await sys.createKey(name));
    const upload = await api('POST', '/v1/uploads', { filename: `${name}.mp4`, size: 10, content_type: 'video/mp4' });
    if (name === 'acme') acmeVideo = upload.body.video_id;
  }
  const rows = await sys.api!.get(DataSource).query('SELECT id, name FROM accounts ORDER BY name');
  acme = { accountId: rows.find((r: any) => r.name === 'acme').id, livemode: false };
  globex = { accountId: rows.find((r: any) => r.name === 'globex').id, livemode: false };
});
afterAll(() => sys?.close());

describe('row-level security backs up the account scope', () => {
  it('runs API requests as the non-owner role, seeing only the caller’s rows even without a WHERE', async () => {
    const scope = sys.api!.get(RequestScope);
    const seen = await scope.run(acme, async () => ({
      role: (await scope.manager.query('SELECT current_user AS role'))[0].role,
      videos: await scope.manager.find(Video),
      count: Number((await scope.manager.query('SELECT count(*) FROM videos'))[0].count),
    }));
    expect(seen.role).toBe('streamforge_app');
    expect(seen.videos.map((v) => v.accountId)).toEqual([acme.accountId]);
    expect(seen.count).toBe(1);
    const liveView = await scope.run({ ...acme, livemode: true }, () => scope.manager.find(Video));
    expect(liveView).toEqual([]);
  });

  it('refuses to write a row into another account', async () => {
    const scope = sys.api!.get(RequestScope);
    await expect(
      scope.run(acme, () =>
        scope.manager.query(`UPDATE videos SET title = 'pwned' WHERE account_id = $1 RETURNING id`, [globex.accountId]),
      ),
    ).resolves.toEqual([[], 0]);
    await expect(
      scope.run(acme, () =>
        scope.manager.query(
          `INSERT INTO events (id, account_id, livemode, type, data) VALUES ('evt_x', $1, false, 'video.created', '{}')`,
          [globex.accountId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('transactional outbox', () => {
  it('a failure after the change leaves neither the change nor its event', async () => {
    const scope = sys.api!.get(RequestScope);
    const videos = sys.api!.get(VideosService);
    await expect(
      scope.run(acme, async () => {
        await videos.update(acme, acmeVideo, { title: 'half-done' });
        throw new Error('crash between the change and the response');
      }),
    ).rejects.toThrow('crash between');
    const after = await scope.run(acme, async () => ({
      video: await scope.manager.findOneByOrFail(Video, { id: acmeVideo }),
      events: await scope.manager.find(EventRecord, { where: { type: 'video.updated' } }),
    }));
    expect(after.video.title).not.toBe('half-done');
    expect(after.events).toEqual([]);
  });

  it('a committed change always has its event', async () => {
    const scope = sys.api!.get(RequestScope);
    const videos = sys.api!.get(VideosService);
    await scope.run(acme, () => videos.update(acme, acmeVideo, { title: 'done' }));
    const events = await scope.run(acme, () => scope.manager.find(EventRecord, { where: { type: 'video.updated' } }));
    expect(events).toHaveLength(1);
    expect((events[0].data.object as any).title).toBe('done');
  });
});
