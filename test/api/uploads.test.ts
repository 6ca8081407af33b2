import { ObjectStorage, recordEvent } from '@streamforge/core';
import { RequestScope } from '../../api/src/common/request-scope';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let api: ReturnType<typeof client>;
const MiB = 1024 * 1024;

beforeAll(async () => {
  sys = await startSystem({ env: { UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB), UPLOAD_PART_SIZE: String(5 * MiB) } });
  api = client(sys.baseUrl, await sys.createKey('acme'));
});
afterAll(() => sys?.close());

const create = (size: number, headers: Record<string, string> = {}) =>
  api('POST', '/v1/uploads', { filename: 'a.mp4', size, content_type: 'video/mp4' }, headers);

/**
 * The API key's lookup, which the api sends or not depending on its key cache (an entry lives 10 s,
 * and is dropped while Redis is slow to answer): left out of the statements counted below, so that
 * what they count does not depend on a clock.
 */
const isKeyLookup = (statement: string) => statement.includes('sf_api_key_by_hash(');

describe('upload sessions', () => {
  /** The statements the api sends while `send` runs, but for the key's lookup. */
  async function statementsOf(send: () => Promise<{ status: number }>): Promise<string[]> {
    const db = sys.api!.get(DataSource);
    const statements: string[] = [];
    const logQuery = jest.spyOn(db.logger, 'logQuery').mockImplementation((query) => void statements.push(query));
    try {
      expect((await send()).status).toBe(201);
    } finally {
      logQuery.mockRestore();
    }
    return statements.filter((q) => !isKeyLookup(q)).map((q) => q.replace(/\s+/g, ' '));
  }

  it('creates the video, its upload and its event in one statement, with no transaction around it', async () => {
    expect(await statementsOf(() => create(1000))).toEqual(['SELECT FROM sf_scoped_create_upload($1, $2, $3, $4, $5)']);
    const keyed = await statementsOf(() => create(1000, { 'Idempotency-Key': 'one-statement' }));
    // With an Idempotency-Key the same statement runs in a transaction whose first message also
    // claims the key (its lock and its lookup, one call) and whose last also writes the key's record,
    // once, with the response: three round trips in all.
    expect(keyed).toHaveLength(3);
    expect(keyed[0]).toMatch(/^START TRANSACTION; SELECT set_config\('sf\.account_id', /);
    expect(keyed[0]).toContain("; SELECT * FROM sf_idempotency_claim('acct_");
    expect(keyed[0]).toContain("', false, 'one-statement')");
    expect(keyed[1]).toBe('SELECT FROM sf_scoped_create_upload($1, $2, $3, $4, $5)');
    expect(keyed[2]).toMatch(
      /^INSERT INTO idempotency_keys \(.*\) VALUES \('acct_\w+', false, 'one-statement', '[0-9a-f]{64}', 201, '\{.*\}'::jsonb\) ON CONFLICT .*; COMMIT$/,
    );
  });

  it('sends a keyed POST as three messages: the claim with the start, the record with COMMIT', async () => {
    const query = jest.spyOn(Client.prototype, 'query');
    try {
      const sent = await create(1000, { 'Idempotency-Key': "it's a \\ quoted key" });
      expect(sent.status).toBe(201);
      const messages = query.mock.calls
        .map(([config]: unknown[]) =>
          typeof config === 'string' ? config.replace(/\s+/g, ' ') : (config as { name: string }).name,
        )
        .filter((message) => !isKeyLookup(message));
      expect(messages).toHaveLength(3);
      expect(messages[1]).toBe('sf_create_upload'); // a named prepared statement
      expect(messages[2].endsWith('; COMMIT')).toBe(true);
    } finally {
      query.mockRestore();
    }
    // The key, quoted into both messages, is the one stored and replayed.
    const again = await create(1000, { 'Idempotency-Key': "it's a \\ quoted key" });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const stored = await sys.asOwner((db) =>
      db.query(`SELECT response_status FROM idempotency_keys WHERE key = $1`, ["it's a \\ quoted key"]),
    );
    expect(stored).toEqual([{ response_status: 201 }]);
  });

  it.each([
    ['without', {}],
    ['with', { 'Idempotency-Key': 'rows-as-the-orm-reads-them' }],
  ])(
    'the rows written %s an Idempotency-Key read back as created: the video, its upload, its event',
    async (_, headers) => {
      const created = await api(
        'POST',
        '/v1/uploads',
        { filename: 'b.mp4', size: 7 * MiB, content_type: 'video/mp4', title: 'T', metadata: { k: 'v' } },
        headers,
      );
      expect(created.status).toBe(201);
      const video = await api('GET', `/v1/videos/${created.body.video_id}`);
      expect(video.body).toMatchObject({
        status: 'pending_upload',
        title: 'T',
        metadata: { k: 'v' },
        renditions: [],
        playable: false,
      });
      expect(video.body.created).toBe(created.body.created);
      expect((await api('GET', '/v1/videos')).body.data).toContainEqual(video.body);
      const upload = await api('GET', `/v1/uploads/${created.body.id}`);
      const { client_secret: _secret, part_urls: _urls, part_urls_expire_at: _expiry, ...view } = created.body;
      expect(upload.body).toEqual(view);
      expect(upload.body).toMatchObject({ size: 7 * MiB, part_size: 5 * MiB, part_count: 2, parts: [] });
      const events = await api('GET', '/v1/events?type=video.created&limit=1');
      expect(events.body.data[0].data.object).toEqual(video.body);
      expect(events.body.data[0].created).toBe(video.body.created);
      // The stored rows are what the database's own defaults would have made of an ORM insert.
      const [row] = await sys.asOwner((db) =>
        db.query(
          `SELECT v.updated_at = v.created_at AS video_stamped, u.updated_at = u.created_at AS upload_stamped,
                e.relayed_at IS NULL AS unrelayed, u.parts = '{}'::jsonb AS no_parts
         FROM videos v JOIN upload_sessions u ON u.video_id = v.id JOIN events e ON e.data->'object'->>'id' = v.id
         WHERE v.id = $1`,
          [created.body.video_id],
        ),
      );
      expect(row).toEqual({ video_stamped: true, upload_stamped: true, unrelayed: true, no_parts: true });
    },
  );

  it.each([
    ['without', {}],
    ['with', { 'Idempotency-Key': 'the-write-fails' }],
  ])('a write that fails %s an Idempotency-Key aborts the multipart upload created for it', async (_, headers) => {
    const scope = sys.api!.get(RequestScope);
    const storage = sys.api!.get(ObjectStorage);
    const write = jest.spyOn(scope, 'write').mockRejectedValueOnce(new Error('the database went away'));
    const created = jest.spyOn(storage, 'createMultipart');
    const aborted = jest.spyOn(storage, 'abortMultipart');
    try {
      const response = await api(
        'POST',
        '/v1/uploads',
        { filename: 'c.mp4', size: 7 * MiB, content_type: 'video/mp4' },
        headers,
      );
      expect(response.status).toBe(500);
      expect(response.body.error.type).toBe('api_error');
      expect(created).toHaveBeenCalledTimes(1);
      const [key] = created.mock.calls[0];
      expect(aborted).toHaveBeenCalledWith(key, await created.mock.results[0].value);
    } finally {
      write.mockRestore();
      created.mockRestore();
      aborted.mockRestore();
    }
  });

  it('a key record that fails to write with COMMIT rolls the whole request back, and the key stays free', async () => {
    const scope = sys.api!.get(RequestScope);
    const storage = sys.api!.get(ObjectStorage);
    const original = scope.commitWith.bind(scope);
    // The record's statement replaced by one that fails: Postgres must then skip the COMMIT sent with it.
    const commitWith = jest.spyOn(scope, 'commitWith').mockImplementationOnce(() => original(() => 'SELECT 1 / 0'));
    const aborted = jest.spyOn(storage, 'abortMultipart');
    const body = { filename: 'd.mp4', size: 7 * MiB, content_type: 'video/mp4', title: 'record-fails' };
    const count = async () =>
      (await sys.asOwner((db) => db.query(`SELECT count(*)::int AS n FROM videos WHERE title = 'record-fails'`)))[0]
        .n as number;
    try {
      const failed = await api('POST', '/v1/uploads', body, { 'Idempotency-Key': 'record-fails' });
      expect(failed.status).toBe(500);
      expect(failed.body.error.type).toBe('api_error');
      expect(await count()).toBe(0);
      expect(aborted).toHaveBeenCalledTimes(1);
    } finally {
      commitWith.mockRestore();
      aborted.mockRestore();
    }
    // Nothing was recorded under the key and its lock went with the rollback: the retry runs afresh.
    const retried = await api('POST', '/v1/uploads', body, { 'Idempotency-Key': 'record-fails' });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await count()).toBe(1);
  });

  it('the entities name every column of their tables, as the one-statement insert needs', async () => {
    const db = sys.api!.get(DataSource);
    for (const table of ['videos', 'upload_sessions', 'events']) {
      const columns = await sys.asOwner((owner) =>
        owner.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public'`,
          [table],
        ),
      );
      const entity = db.entityMetadatas.find((m) => m.tableName === table)!;
      expect(entity.columns.map((c) => c.databaseName).sort()).toEqual(
        columns.map((c: { column_name: string }) => c.column_name).sort(),
      );
    }
  });

  it('prepares each shape of insert once per connection: the next insert of that shape reuses it', async () => {
    const rolledBack = sys.asOwner((db) =>
      db.transaction(async (manager) => {
        const [{ id: accountId }] = await manager.query(`SELECT id FROM accounts WHERE name = 'acme'`);
        const prepared = () =>
          manager.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'sf_insert_%'`);
        const record = () => recordEvent(manager, { accountId, livemode: false, type: 'video.created', object: {} });
        const first = await record();
        const statements = await prepared();
        expect(statements).toHaveLength(1);
        expect(statements[0].statement).toMatch(/^INSERT INTO "events" \(/);
        const second = await record();
        expect(await prepared()).toEqual(statements);
        // What the database fills in still comes back through the prepared statement.
        expect(second.createdAt).toBeInstanceOf(Date);
        expect(second.id).not.toBe(first.id);
        throw new Error('roll back');
      }),
    );
    await expect(rolledBack).rejects.toThrow('roll back');
  });

  it('names the real problem: a missing field, a wrong type, the configured size limit', async () => {
    const missing = await api('POST', '/v1/uploads', { filename: 'x.mp4', size: 12 });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param: 'content_type',
      message: 'Missing required param: content_type.',
    });

    const wrongType = await api('POST', '/v1/uploads', { filename: 'x.mp4', size: '12', content_type: 'video/mp4' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatchObject({ code: 'parameter_invalid', param: 'size' });
    expect(wrongType.body.error.message).toMatch(/size must be an integer/);
    expect(wrongType.body.error.message).not.toMatch(/greater than/);

    const tooLarge = await create(50 * 1024 * MiB + 1);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error).toMatchObject({ code: 'upload_too_large', param: 'size' });
    expect(tooLarge.body.error.message).toContain(String(50 * 1024 * MiB));
  });

  it('binds presigned URLs to the declared length and never outlives the session', async () => {
    const { body } = await create(12 * MiB);
    expect(body.part_urls.map((p: any) => p.size)).toEqual([5 * MiB, 5 * MiB, 2 * MiB]);
    for (const part of body.part_urls) {
      const url = new URL(part.url);
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
      expect(url.searchParams.get('partNumber')).toBe(String(part.part_number));
      expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(3600);
    }
    expect(body.part_urls_expire_at).toBeLessThanOrEqual(body.expires_at);
  });

  it('signs only parts that exist and records ETags idempotently', async () => {
    const { body } = await create(12 * MiB);
    const bad = await api('POST', `/v1/uploads/${body.id}/part_urls`, { part_numbers: [4] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('part_numbers');
    await api('POST', `/v1/uploads/${body.id}/parts`, { parts: [{ part_number: 2, etag: '"a"' }] });
    await api('POST', `/v1/uploads/${body.id}/parts`, {
      parts: [
        { part_number: 2, etag: '"b"' },
        { part_number: 1, etag: '"c"' },
      ],
    });
    const got = await api('GET', `/v1/uploads/${body.id}`);
    expect(got.body.parts).toEqual([
      { part_number: 1, etag: '"c"' },
      { part_number: 2, etag: '"b"' },
    ]);
    const next = await api('POST', `/v1/uploads/${body.id}/part_urls`, {});
    expect(next.body.part_urls.map((p: any) => p.part_number)).toEqual([3]);
    const incomplete = await api('POST', `/v1/uploads/${body.id}/complete`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toMatchObject({ code: 'upload_incomplete', param: 'parts' });
  });

  it('aborts: the video fails with source_missing, the session refuses more work, status tells the browser', async () => {
    const { body } = await create(1000);
    const browser = client(sys.baseUrl, body.client_secret);
    const aborted = await browser('DELETE', `/v1/uploads/${body.id}`);
    expect(aborted.body.status).toBe('aborted');
    const status = await browser('GET', `/v1/uploads/${body.id}/status`);
    expect(status.body).toMatchObject({
      object: 'upload_status',
      upload_status: 'aborted',
      video_status: 'failed',
      error: { code: 'source_missing' },
    });
    const more = await browser('POST', `/v1/uploads/${body.id}/part_urls`, {});
    expect(more.status).toBe(400);
    expect(more.body.error.code).toBe('upload_not_open');
    const events = await api('GET', '/v1/events?type=video.failed');
    expect(events.body.data[0].data.object.id).toBe(body.video_id);
  });

  it('refuses to complete an expired session', async () => {
    const { body } = await create(1000);
    await sys.asOwner((db) =>
      db.query(`UPDATE upload_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [body.id]),
    );
    const res = await api('POST', `/v1/uploads/${body.id}/complete`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('upload_expired');
  });
});
