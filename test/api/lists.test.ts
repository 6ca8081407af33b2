import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let api: ReturnType<typeof client>;
const created: string[] = [];

beforeAll(async () => {
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '10000' } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  for (let i = 0; i < 25; i++) {
    const upload = await api('POST', '/v1/uploads', { filename: `${i}.mp4`, size: 10, content_type: 'video/mp4' });
    created.push(upload.body.video_id);
  }
});
afterAll(() => sys?.close());

const newestFirst = () => [...created].reverse();

describe('cursor lists', () => {
  it('pages newest first with starting_after until has_more is false', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await api('GET', `/v1/videos?limit=10${cursor ? `&starting_after=${cursor}` : ''}`);
      expect(page.body).toMatchObject({ object: 'list', url: '/v1/videos' });
      seen.push(...page.body.data.map((v: any) => v.id));
      if (!page.body.has_more) break;
      cursor = page.body.data.at(-1).id;
    }
    expect(seen).toEqual(newestFirst());
  });

  it('pages backwards with ending_before', async () => {
    const order = newestFirst();
    const page = await api('GET', `/v1/videos?limit=5&ending_before=${order[10]}`);
    expect(page.body.data.map((v: any) => v.id)).toEqual(order.slice(5, 10));
    expect(page.body.has_more).toBe(true);
  });

  it('stays stable while new objects are inserted between pages', async () => {
    const first = await api('GET', '/v1/videos?limit=5');
    const extra = await api('POST', '/v1/uploads', { filename: 'new.mp4', size: 10, content_type: 'video/mp4' });
    const second = await api('GET', `/v1/videos?limit=5&starting_after=${first.body.data.at(-1).id}`);
    const ids = [...first.body.data, ...second.body.data].map((v: any) => v.id);
    expect(new Set(ids).size).toBe(10);
    expect(ids).not.toContain(extra.body.video_id);
    expect(ids).toEqual(newestFirst().slice(0, 10));
    created.push(extra.body.video_id);
  });

  it('filters by status and creation time', async () => {
    const pending = await api('GET', '/v1/videos?status=pending_upload&limit=100');
    expect(pending.body.data.length).toBe(created.length);
    expect((await api('GET', '/v1/videos?status=ready')).body.data).toEqual([]);
    const now = Math.floor(Date.now() / 1000);
    expect((await api('GET', `/v1/videos?created[gte]=${now + 3600}`)).body.data).toEqual([]);
    expect(
      (await api('GET', `/v1/videos?limit=100&created[lte]=${now}&created[gte]=${now - 3600}`)).body.data.length,
    ).toBe(created.length);
  });

  it('lists uploads and events the same way, and refuses bad limits and foreign cursors', async () => {
    expect((await api('GET', '/v1/uploads?limit=3')).body.data).toHaveLength(3);
    expect((await api('GET', '/v1/events?limit=3')).body.has_more).toBe(true);
    const tooMany = await api('GET', '/v1/videos?limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.param).toBe('limit');
    const other = client(sys.baseUrl, await sys.createKey('globex'));
    const foreign = await other('GET', `/v1/videos?starting_after=${created[0]}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.param).toBe('starting_after');
  });
});
