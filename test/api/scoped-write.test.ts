/**
 * `sf_scoped_create_upload` — `POST /v1/uploads` as one statement with no explicit transaction —
 * keeps row-level security: it sets the caller's scope in the statement's own transaction and
 * inserts as the row-level-security role, so a row of another account or mode is refused whatever
 * the api passes, the three rows commit or vanish together, and the scope ends with the call.
 */
import { DataSource } from 'typeorm';
import { RequestScope } from '../../api/src/common/request-scope';
import { CREATE_UPLOAD } from '../../api/src/uploads/uploads.service';
import { client } from '../support/http';
import { expectPoolUnscoped } from '../support/scope-checks';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let acme: { accountId: string; livemode: boolean };
let globex: { accountId: string; livemode: boolean };
/** Rows as the api sends them, taken from a real upload (then given new ids). */
let template: { video: Record<string, unknown>; upload: Record<string, unknown>; event: Record<string, unknown> };

beforeAll(async () => {
  sys = await startSystem();
  const api = client(sys.baseUrl, await sys.createKey('acme'));
  await sys.createKey('globex');
  const created = await api('POST', '/v1/uploads', { filename: 'a.mp4', size: 10, content_type: 'video/mp4' });
  const accounts = await sys.asOwner((db) => db.query(`SELECT id, name FROM accounts`));
  const id = (name: string) => accounts.find((a: { name: string }) => a.name === name).id;
  acme = { accountId: id('acme'), livemode: false };
  globex = { accountId: id('globex'), livemode: false };
  const [rows] = await sys.asOwner((db) =>
    db.query(
      `SELECT to_jsonb(v) AS video, to_jsonb(u) AS upload, to_jsonb(e) AS event
       FROM videos v JOIN upload_sessions u ON u.video_id = v.id JOIN events e ON e.data->'object'->>'id' = v.id
       WHERE v.id = $1`,
      [created.body.video_id],
    ),
  );
  template = rows;
});
afterAll(() => sys?.close());

const scope = () => sys.api!.get(RequestScope);
let n = 0;

/** Fresh rows of `owner` (acme's unless told), consistent with each other. */
function rows(owner = acme, change: { video?: object; upload?: object; event?: object } = {}) {
  n += 1;
  const [video, upload, event] = [`vid_scopedwrite${n}`, `upl_scopedwrite${n}`, `evt_scopedwrite${n}`];
  const own = { account_id: owner.accountId, livemode: owner.livemode };
  return {
    ids: { video, upload, event },
    values: [
      { ...template.video, ...own, id: video, upload_session_id: upload, source_key: `k/${video}`, ...change.video },
      { ...template.upload, ...own, id: upload, video_id: video, object_key: `k/${video}`, ...change.upload },
      { ...template.event, ...own, id: event, ...change.event },
    ].map((row) => JSON.stringify(row)),
  };
}

const stored = (ids: { video: string; upload: string; event: string }) =>
  sys.asOwner((db) =>
    db.query(
      `SELECT (SELECT count(*) FROM videos WHERE id = $1)::int AS videos,
              (SELECT count(*) FROM upload_sessions WHERE id = $2)::int AS uploads,
              (SELECT count(*) FROM events WHERE id = $3)::int AS events`,
      [ids.video, ids.upload, ids.event],
    ),
  );

describe('the scoped upload-creating function', () => {
  it('writes the caller’s three rows in one statement', async () => {
    const { ids, values } = rows();
    expect(await scope().write(acme, CREATE_UPLOAD, ...values)).toEqual([{}]);
    expect(await stored(ids)).toEqual([{ videos: 1, uploads: 1, events: 1 }]);
  });

  it.each([
    ['every row another account’s', () => rows(globex)],
    ['the video another account’s', () => rows(acme, { video: { account_id: globex.accountId } })],
    ['the upload another account’s', () => rows(acme, { upload: { account_id: globex.accountId } })],
    ['the event another account’s', () => rows(acme, { event: { account_id: globex.accountId } })],
    ['the event in live mode', () => rows(acme, { event: { livemode: true } })],
  ])('refuses rows outside the caller’s scope (%s) and writes none of the three', async (_, make) => {
    const { ids, values } = make();
    await expect(scope().write(acme, CREATE_UPLOAD, ...values)).rejects.toThrow(/row-level security/);
    expect(await stored(ids)).toEqual([{ videos: 0, uploads: 0, events: 0 }]);
  });

  it('a row that breaks a constraint rolls back the rows before it', async () => {
    const { ids, values } = rows(acme, { event: { type: null } });
    await expect(scope().write(acme, CREATE_UPLOAD, ...values)).rejects.toThrow(/null value/);
    expect(await stored(ids)).toEqual([{ videos: 0, uploads: 0, events: 0 }]);
  });

  it('values are parameters: an injected quote in a row is only text', async () => {
    const { ids, values } = rows(acme, { video: { title: `x'); DELETE FROM videos; --` } });
    await scope().write(acme, CREATE_UPLOAD, ...values);
    const [video] = await sys.asOwner((db) => db.query(`SELECT title FROM videos WHERE id = $1`, [ids.video]));
    expect(video.title).toBe(`x'); DELETE FROM videos; --`);
  });

  it('the scope ends with the statement: the pool’s connections see nothing after', async () => {
    for (let i = 0; i < 12; i++) await scope().write(acme, CREATE_UPLOAD, ...rows().values);
    await expectPoolUnscoped(sys.api!.get(DataSource));
  });

  it('runs as its caller and only the app role may call it', async () => {
    const [fn] = await sys.asOwner((db) =>
      db.query(
        `SELECT prosecdef, proconfig, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
                has_function_privilege('streamforge_app', p.oid, 'EXECUTE') AS app_execute
         FROM pg_proc p WHERE proname = 'sf_scoped_create_upload'`,
      ),
    );
    expect(fn).toEqual({
      prosecdef: false,
      proconfig: ['search_path=pg_catalog, public'],
      public_execute: false,
      app_execute: true,
    });
  });
});
