/**
 * `RequestScope.read` — the hot read path's one round trip, with no explicit transaction — keeps
 * row-level security: the scope is set in the same implicit transaction as the query and gone after.
 */
import { DataSource } from 'typeorm';
import { RequestScope } from '../../api/src/common/request-scope';
import { client } from '../support/http';
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

it('a read with no WHERE sees only the caller’s rows, as the row-level-security role', async () => {
  const rows = await scope().read<{ id: string; role: string }>(
    acme,
    () => 'SELECT id, current_user AS role FROM videos',
  );
  expect(rows).toEqual([{ id: videos.acme, role: 'streamforge_app' }]);
  expect(await scope().read(acme, (literal) => `SELECT id FROM videos WHERE id = ${literal(videos.globex)}`)).toEqual(
    [],
  );
  expect(await scope().read({ ...acme, livemode: true }, () => 'SELECT id FROM videos')).toEqual([]);
});

it('the scope ends with the read: the pooled connection afterwards sees nothing', async () => {
  await scope().read(acme, () => 'SELECT id FROM videos');
  const db = sys.api!.get(DataSource);
  for (let i = 0; i < 10; i++) {
    const [{ account }] = await db.query(`SELECT current_setting('sf.account_id', true) AS account`);
    expect(account || null).toBeNull();
    expect(await db.query('SELECT id FROM videos')).toEqual([]);
  }
});

it('values are quoted: an injected quote stays inside the literal', async () => {
  const hostile = `${videos.globex}' OR true --`;
  expect(await scope().read(acme, (literal) => `SELECT id FROM videos WHERE id = ${literal(hostile)}`)).toEqual([]);
});

it('turning row security off inside the read still shows only the caller’s rows', async () => {
  const [row] = await scope().read<{ count: string }>(
    acme,
    () => `SELECT set_config('row_security', 'off', true), (SELECT count(*) FROM videos) AS count`,
  );
  expect(row.count).toBe('1');
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
