import { EventRecord, Video } from '@streamforge/core';
import { Client } from 'pg';
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
  const rows = await sys.asOwner((db) => db.query('SELECT id, name FROM accounts ORDER BY name'));
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
});

describe("through the api's own database connection, an injected statement cannot escape", () => {
  const scope = () => sys.api!.get(RequestScope);
  /** Runs `sql` inside acme's request transaction, on the api's own pool. */
  const inRequest = (...sql: string[]) =>
    scope().run(acme, async () => {
      let last: any;
      for (const statement of sql) last = await scope().manager.query(statement);
      return last;
    });

  it('logs in as a role that is neither superuser, owner nor BYPASSRLS, and says who it is', async () => {
    const [who] = await sys.api!.get(DataSource).query(
      `SELECT session_user AS login, r.rolsuper, r.rolbypassrls, current_setting('application_name') AS app,
         (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = session_user`,
    );
    expect(who).toEqual({
      login: 'streamforge_app',
      rolsuper: false,
      rolbypassrls: false,
      app: 'streamforge-api',
      owned: '0',
    });
    const tables: { relname: string; relforcerowsecurity: boolean }[] = await sys.asOwner((db) =>
      db.query(
        `SELECT relname, relforcerowsecurity FROM pg_class
         WHERE relname IN ('accounts', 'api_keys', 'videos', 'upload_sessions', 'events', 'idempotency_keys', 'webhook_endpoints')`,
      ),
    );
    expect(tables).toHaveLength(7);
    expect(tables.filter((t) => !t.relforcerowsecurity)).toEqual([]);
  });

  it('RESET ROLE still sees only the caller’s rows', async () => {
    const rows = await inRequest('RESET ROLE', 'SELECT account_id FROM videos');
    expect(rows).toEqual([{ account_id: acme.accountId }]);
    const accounts = await inRequest('RESET ROLE', 'SELECT id FROM accounts');
    expect(accounts).toEqual([{ id: acme.accountId }]);
  });

  it('SET ROLE postgres is refused', async () => {
    await expect(inRequest('SET ROLE postgres', 'SELECT count(*) FROM videos')).rejects.toThrow(/permission denied/);
    await expect(inRequest('SET SESSION AUTHORIZATION postgres')).rejects.toThrow(/permission denied/);
  });

  it('SET row_security = off makes the query fail instead of showing everything', async () => {
    await expect(inRequest('SET LOCAL row_security = off', 'SELECT * FROM videos')).rejects.toThrow(
      /row-level security/,
    );
  });

  it('a query with no WHERE and no scope at all sees nothing', async () => {
    const db = sys.api!.get(DataSource);
    for (const table of ['accounts', 'api_keys', 'videos', 'upload_sessions', 'events', 'webhook_endpoints']) {
      expect([table, await db.query(`SELECT * FROM ${table}`)]).toEqual([table, []]);
    }
    expect(await db.query(`UPDATE videos SET title = 'pwned' RETURNING id`)).toEqual([[], 0]);
  });

  it('cannot touch the migrations table, create roles or read keys except by their secret', async () => {
    const db = sys.api!.get(DataSource);
    await expect(db.query('SELECT * FROM migrations')).rejects.toThrow(/permission denied/);
    await expect(db.query(`DELETE FROM migrations`)).rejects.toThrow(/permission denied/);
    await expect(db.query(`CREATE ROLE sf_evil`)).rejects.toThrow(/permission denied/);
    expect(await db.query(`SELECT * FROM sf_api_key_by_hash('')`)).toEqual([]);
    expect(await db.query(`SELECT * FROM sf_upload_by_client_secret('', '')`)).toEqual([]);
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

describe('the request transaction', () => {
  it('starts with the scope in the same round trip, then the work, then COMMIT on the same connection', async () => {
    const scope = sys.api!.get(RequestScope);
    const sent: { connection: Client; text: string }[] = [];
    const original = Client.prototype.query as (...args: unknown[]) => unknown;
    const query = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: any[]) {
      const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
      if (typeof text === 'string') sent.push({ connection: this, text });
      return original.apply(this, args) as never;
    });
    let title: string;
    try {
      title = await scope.run(acme, async () => {
        const [row] = await scope.manager.query('SELECT title FROM videos WHERE id = $1', [acmeVideo]);
        return row.title as string;
      });
    } finally {
      query.mockRestore();
    }
    expect(typeof title!).toBe('string');
    // Our connection is the one that carried the work: other connections of the process may be busy too.
    const work = sent.find((s) => s.text === 'SELECT title FROM videos WHERE id = $1');
    const ours = sent.filter((s) => s.connection === work?.connection);
    const start = ours.find((s) => s.text.startsWith('START TRANSACTION;'));
    expect(start?.text).toMatch(/^START TRANSACTION; SELECT set_config\('sf\.account_id', /);
    const onConnection = ours.map((s) => s.text);
    expect(onConnection).toEqual([start!.text, 'SELECT title FROM videos WHERE id = $1', 'COMMIT']);
  });

  it('under concurrent requests from two accounts, each write runs as its own caller', async () => {
    const callers = await Promise.all(
      ['conc-a', 'conc-b'].map(async (name) => client(sys.baseUrl, await sys.createKey(name))),
    );
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        callers[i % 2]('POST', '/v1/uploads', { filename: `c${i}.mp4`, size: 10, content_type: 'video/mp4' }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(24).fill(201));
    for (const [i, call] of callers.entries()) {
      const listed = await call('GET', '/v1/videos?limit=100');
      const mine = created.filter((_, n) => n % 2 === i).map((r) => r.body.video_id);
      expect(listed.body.data.map((v: { id: string }) => v.id).sort()).toEqual(mine.sort());
    }
  });
});
