/**
 * `RequestScope.call` — the hot read's one round trip, with no explicit transaction — keeps
 * row-level security: the function it calls sets the scope in the statement's own implicit
 * transaction and reads as the row-level-security role; the scope is gone after.
 */
import { DataSource } from 'typeorm';
import { RequestScope, type ScopedStatement } from '../../api/src/common/request-scope';
import { GET_VIDEO } from '../../api/src/videos/videos.service';
import { client } from '../support/http';
import { expectPoolUnscoped } from '../support/scope-checks';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let acme: { accountId: string; livemode: boolean };
const videos: Record<string, string> = {};

beforeAll(async () => {
  sys = await startSystem();
  for (const name of ['acme', 'globex']) {
    const api = client(sys.baseUrl, await sys.createKey(name));
    const upload = await api('POST', '/v1/uploads', { filename: `${name}.mp4`, size: 10, content_type: 'video/mp4' });
    videos[name] = upload.body.video_id;
  }
  const [row] = await sys.asOwner((db) => db.query(`SELECT id FROM accounts WHERE name = 'acme'`));
  acme = { accountId: row.id, livemode: false };
});
afterAll(() => sys?.close());

const scope = () => sys.api!.get(RequestScope);

/** A second statement on the same function, with its own name. */
const WHO: ScopedStatement = {
  name: 'test_scoped_video_who',
  text: `SELECT v.id, current_user AS role, current_setting('sf.account_id', true) AS scope
         FROM sf_scoped_video($1, $2, $3) v`,
};

describe('the scoped video function as a prepared statement', () => {
  it('answers the caller’s video and nothing of another account or mode', async () => {
    const [own] = await scope().call<{ id: string; status: string }>(acme, GET_VIDEO, videos.acme);
    expect(own).toMatchObject({ id: videos.acme, status: 'pending_upload', livemode: false });
    expect(await scope().call(acme, GET_VIDEO, videos.globex)).toEqual([]);
    expect(await scope().call({ ...acme, livemode: true }, GET_VIDEO, videos.acme)).toEqual([]);
  });

  it('reads as the row-level-security role with the caller’s scope, which ends with the call', async () => {
    // Twenty calls over a pool of ten: every connection has run the statement, and sees nothing after.
    for (let i = 0; i < 20; i++) {
      expect(await scope().call(acme, WHO, videos.acme)).toEqual([
        { id: videos.acme, role: 'streamforge_app', scope: acme.accountId },
      ]);
    }
    await expectPoolUnscoped(sys.api!.get(DataSource));
  });

  it('runs as a statement prepared under its own name, so each connection plans it once', async () => {
    const prepared: ScopedStatement = {
      name: 'test_scoped_video_prepared',
      text: `SELECT (SELECT count(*) FROM pg_prepared_statements WHERE name = 'test_scoped_video_prepared') AS n
             FROM sf_scoped_video($1, $2, $3)`,
    };
    for (let i = 0; i < 12; i++) expect(await scope().call(acme, prepared, videos.acme)).toEqual([{ n: '1' }]);
  });

  it('values are parameters: an injected quote is only an id that matches nothing', async () => {
    expect(await scope().call(acme, GET_VIDEO, `${videos.globex}' OR true --`)).toEqual([]);
    expect(await scope().call({ ...acme, accountId: `${acme.accountId}' OR true --` }, GET_VIDEO, videos.acme)).toEqual(
      [],
    );
  });

  it('turning row security off in the same statement still shows only the caller’s rows', async () => {
    const count: ScopedStatement = {
      name: 'test_scoped_video_row_security_off',
      text: `SELECT set_config('row_security', 'off', true), (SELECT count(*) FROM videos) AS count
             FROM sf_scoped_video($1, $2, $3)`,
    };
    expect(await scope().call(acme, count, videos.acme)).toEqual([{ set_config: 'off', count: '1' }]);
  });

  it('the function runs as its caller, so row-level security is what it reads through', async () => {
    const [fn] = await sys.asOwner((db) =>
      db.query(
        `SELECT prosecdef, proconfig, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
         FROM pg_proc p WHERE proname = 'sf_scoped_video'`,
      ),
    );
    expect(fn).toEqual({ prosecdef: false, proconfig: ['search_path=pg_catalog, public'], public_execute: false });
  });
});

it('GET /v1/videos/{id} answers the owner and 404 to another account', async () => {
  const acmeApi = client(sys.baseUrl, await sys.createKey('acme'));
  const own = await acmeApi('GET', `/v1/videos/${videos.acme}`);
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ id: videos.acme, object: 'video', status: 'pending_upload', livemode: false });
  const theirs = await acmeApi('GET', `/v1/videos/${videos.globex}`);
  expect(theirs.status).toBe(404);
  expect(theirs.body.error.type).toBe('not_found_error');
});

it('the hot read answers exactly what the ORM-mapped list answers for the same video', async () => {
  const acmeApi = client(sys.baseUrl, await sys.createKey('acme'));
  const same = async () => {
    const one = await acmeApi('GET', `/v1/videos/${videos.acme}`);
    const list = await acmeApi('GET', '/v1/videos');
    expect(one.status).toBe(200);
    expect(list.body.data).toEqual([one.body]);
    return one.body;
  };
  await same();
  await sys.asOwner((db) =>
    db.query(
      `UPDATE videos SET status = 'ready', title = 'T', metadata = '{"k":"v"}', duration = 12.345,
         width = 1280, height = 720, output_prefix = 'out/x', manifest_key = 'out/x/manifest.json',
         renditions = '[{"name":"720p","width":1280,"height":720,"bitrate":2800000}]',
         created_at = '2026-01-02T03:04:05.678Z' WHERE id = $1`,
      [videos.acme],
    ),
  );
  expect(await same()).toMatchObject({
    status: 'ready',
    title: 'T',
    metadata: { k: 'v' },
    duration: 12.345,
    width: 1280,
    created: Date.parse('2026-01-02T03:04:05Z') / 1000,
    renditions: [{ name: '720p', width: 1280, height: 720, bitrate: 2800000 }],
  });
  await sys.asOwner((db) =>
    db.query(`UPDATE videos SET status = 'failed', error_code = 'decode_failed', error_message = 'm' WHERE id = $1`, [
      videos.acme,
    ]),
  );
  expect(await same()).toMatchObject({ status: 'failed', error: { code: 'decode_failed', message: 'm' } });
});
