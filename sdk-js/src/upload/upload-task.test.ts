import { ApiTransport } from '../core/http';
import { BadRequestError, UploadError } from '../core/errors';
import type { Upload } from '../core/types';
import { PartNetworkError } from './errors';
import {
  MemoryResumeStore,
  type FileSource,
  type PartPutRequest,
  type PartPutResponse,
  type PartTransport,
} from './ports';
import type { UploadState } from './state';
import { UploadTask, type UploadOptions } from './upload-task';

const MiB = 1024 * 1024;

/**
 * A scripted API and storage, in memory: tests say how storage answers each PUT and read back
 * what the uploader asked of the API.
 */
function harness(opts: {
  size: number;
  partSize: number | null;
  storage?: Array<PartPutResponse | Error>;
  /** Extra fields of the create answer, such as part URLs signed long ago. */
  created?: Partial<Upload>;
}) {
  const partCount = opts.partSize ? Math.ceil(opts.size / opts.partSize) : 1;
  const recorded = new Map<number, string>();
  const apiCalls: string[] = [];
  let status: Upload['status'] = 'open';
  let urlVersion = 0;
  const upload = (): Upload =>
    ({
      id: 'upl_1',
      object: 'upload',
      created: 0,
      livemode: false,
      status,
      video_id: 'vid_1',
      filename: 'f.bin',
      content_type: 'video/mp4',
      size: opts.size,
      mode: opts.partSize ? 'multipart' : 'single',
      part_size: opts.partSize,
      part_count: partCount,
      parts: [...recorded].sort((a, b) => a[0] - b[0]).map(([part_number, etag]) => ({ part_number, etag })),
      expires_at: Math.floor(Date.now() / 1000) + 86_400,
    }) as Upload;
  const apiAnswers: Record<string, (body: any) => Response> = {};
  const fetch = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    const key = `${init.method} ${path}`;
    apiCalls.push(key);
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    if (apiAnswers[key]) return apiAnswers[key](body);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status });
    switch (key) {
      case 'POST /v1/uploads':
        return json(201, { ...upload(), ...opts.created });
      case 'GET /v1/uploads/upl_1':
        return json(200, upload());
      case 'POST /v1/uploads/upl_1/part_urls': {
        urlVersion += 1;
        const numbers: number[] = body.part_numbers;
        return json(200, {
          ...upload(),
          part_urls: numbers.map((n) => ({ part_number: n, url: `http://s3.test/p${n}?v=${urlVersion}`, size: 0 })),
          part_urls_expire_at: Math.floor(Date.now() / 1000) + 3600,
        });
      }
      case 'POST /v1/uploads/upl_1/parts':
        for (const p of body.parts) recorded.set(p.part_number, p.etag);
        return json(200, upload());
      case 'POST /v1/uploads/upl_1/complete':
        status = 'completed';
        return json(202, upload());
      case 'DELETE /v1/uploads/upl_1':
        status = 'aborted';
        return json(200, upload());
      case 'GET /v1/videos/vid_1':
        return json(200, { id: 'vid_1', object: 'video', status: 'processing' });
    }
    return json(404, { error: { type: 'not_found_error', code: 'nope', message: key } });
  }) as unknown as typeof globalThis.fetch;

  const storageScript = [...(opts.storage ?? [])];
  const puts: Array<{ url: string; size: number }> = [];
  const transport: PartTransport<string> = {
    async put(req: PartPutRequest<string>) {
      puts.push({ url: req.url, size: req.size });
      req.onBytes(req.size);
      const next = storageScript.shift();
      if (next instanceof Error) throw next;
      return next ?? { status: 200, etag: `"etag-${req.url}"`, retryAfter: null, body: '' };
    },
  };
  const file: FileSource<string> = {
    name: 'f.bin',
    size: opts.size,
    type: 'video/mp4',
    fingerprint: async () => 'fp',
    slice: (start, end) => `${start}-${end}`,
  };
  const http = new ApiTransport({
    baseUrl: 'http://api.test',
    credential: 'sf_test_x',
    fetch,
    retryBaseMs: 1,
    retryCapMs: 1,
  });
  const store = new MemoryResumeStore();
  const start = (options: UploadOptions = {}, concurrency = 2) =>
    new UploadTask<string, string>(
      {
        input: 'f.bin',
        baseTransport: http,
        keyTransport: http,
        open: async () => file,
        transport,
        store,
        concurrency,
      },
      { retryBaseMs: 1, retryCapMs: 2, ...options },
    );
  return { start, puts, apiCalls, recorded, store, apiAnswers };
}

test('the happy path walks the states in order and records every part', async () => {
  const h = harness({ size: 12 * MiB, partSize: 5 * MiB });
  const task = h.start();
  const states: UploadState['status'][] = [];
  task.on('state', (s) => states.push(s.status));
  const result = await task;
  expect(states).toEqual(['preparing', 'uploading', 'completing', 'done']);
  expect([...h.recorded.keys()].sort()).toEqual([1, 2, 3]);
  expect(h.puts.map((p) => p.size).sort((a, b) => a - b)).toEqual([2 * MiB, 5 * MiB, 5 * MiB]);
  expect(result.video).toMatchObject({ id: 'vid_1' });
  expect(await h.store.get('http://api.test|fp')).toBeUndefined(); // forgotten once done
});

test('part URLs come in batches: one request covers the parts in flight and the next ones', async () => {
  const h = harness({ size: 30 * MiB, partSize: 5 * MiB });
  await h.start({}, 2);
  expect(h.apiCalls.filter((c) => c.endsWith('/part_urls'))).toHaveLength(1);
});

test('part URLs past their refresh time are never sent to storage: fresh ones are signed first', async () => {
  const stale = (n: number) => ({ part_number: n, url: `http://s3.test/p${n}?stale`, size: 5 * MiB });
  const h = harness({
    size: 10 * MiB,
    partSize: 5 * MiB,
    // Signed long ago (a resumed session, a laptop that slept): expired ten minutes ago.
    created: { part_urls: [stale(1), stale(2)], part_urls_expire_at: Math.floor(Date.now() / 1000) - 600 },
  });
  await h.start();
  expect(h.apiCalls.filter((c) => c.endsWith('/part_urls'))).toHaveLength(1);
  expect(h.puts.map((p) => p.url).sort()).toEqual(['http://s3.test/p1?v=1', 'http://s3.test/p2?v=1']);
});

test('a 403 (expired URL) makes the uploader sign that part again', async () => {
  const h = harness({
    size: 5 * MiB,
    partSize: null,
    storage: [{ status: 403, etag: null, retryAfter: null, body: '<Code>AccessDenied</Code>' }],
  });
  await h.start();
  expect(h.puts).toHaveLength(2);
  expect(h.puts[0].url).not.toBe(h.puts[1].url);
});

test('the failure counter resets when a part is committed, so scattered failures never exhaust it', async () => {
  const drop = () => new PartNetworkError('reset');
  const ok = null as unknown as PartPutResponse; // an empty slot: the default success
  // Two failures before each of four parts: eight in all, but never more than two in a row.
  const h = harness({
    size: 20 * MiB,
    partSize: 5 * MiB,
    storage: [drop(), drop(), ok, drop(), drop(), ok, drop(), drop(), ok, drop(), drop()],
  });
  await expect(h.start({ maxFailures: 2 }, 1)).resolves.toMatchObject({ uploadId: 'upl_1' });

  const h2 = harness({ size: 5 * MiB, partSize: null, storage: [drop(), drop(), drop()] });
  const error = await h2.start({ maxFailures: 2 }).done.catch((e) => e);
  expect(error).toBeInstanceOf(UploadError);
  expect(error.code).toBe('retries_exhausted');
});

test('storage refusing a part for good (400) and an unreadable ETag fail fast with a typed error', async () => {
  const h = harness({
    size: 5 * MiB,
    partSize: null,
    storage: [{ status: 400, etag: null, retryAfter: null, body: 'BadDigest' }],
  });
  await expect(h.start().done).rejects.toMatchObject({ code: 'storage_rejected' });
  expect(h.puts).toHaveLength(1);

  const cors = harness({
    size: 5 * MiB,
    partSize: null,
    storage: [{ status: 200, etag: null, retryAfter: null, body: '' }],
  });
  const error = await cors.start().done.catch((e) => e);
  expect(error.code).toBe('etag_unreadable');
  expect(error.message).toMatch(/ExposeHeader/);
});

test('a 4xx from the API fails fast with its error class', async () => {
  const h = harness({ size: 5 * MiB, partSize: null });
  h.apiAnswers['POST /v1/uploads'] = () =>
    new Response(
      JSON.stringify({
        error: { type: 'invalid_request_error', code: 'parameter_invalid', message: 'size too big', param: 'size' },
      }),
      { status: 400 },
    );
  const task = h.start();
  await expect(task.done).rejects.toBeInstanceOf(BadRequestError);
  expect(task.state.status).toBe('failed');
  expect(h.apiCalls).toEqual(['POST /v1/uploads']);
});

test('a saved session is resumed and its recorded parts are not sent again', async () => {
  const h = harness({ size: 15 * MiB, partSize: 5 * MiB });
  h.recorded.set(2, '"etag-2"');
  await h.store.set({
    key: 'http://api.test|fp',
    uploadId: 'upl_1',
    videoId: 'vid_1',
    clientSecret: null,
    size: 15 * MiB,
    partSize: 5 * MiB,
    partCount: 3,
    expiresAt: 4_000_000_000,
    savedAt: 0,
  });
  await h.start();
  expect(h.apiCalls).not.toContain('POST /v1/uploads');
  expect(h.puts.map((p) => new URL(p.url).pathname).sort()).toEqual(['/p1', '/p3']);
});

test('a session already completed (crash during complete) finishes without sending anything', async () => {
  const h = harness({ size: 15 * MiB, partSize: 5 * MiB });
  await h.start();
  const putsBefore = h.puts.length;
  await h.store.set({
    key: 'http://api.test|fp',
    uploadId: 'upl_1',
    videoId: 'vid_1',
    clientSecret: null,
    size: 15 * MiB,
    partSize: 5 * MiB,
    partCount: 3,
    expiresAt: 4_000_000_000,
    savedAt: 0,
  });
  const again = await h.start();
  expect(again.upload.status).toBe('completed');
  expect(h.puts.length).toBe(putsBefore);
});

test('an expired saved session is garbage-collected and a new upload is created', async () => {
  const h = harness({ size: 5 * MiB, partSize: null });
  await h.store.set({
    key: 'http://api.test|fp',
    uploadId: 'upl_old',
    videoId: 'vid_old',
    clientSecret: null,
    size: 5 * MiB,
    partSize: null,
    partCount: 1,
    expiresAt: 1,
    savedAt: 0,
  });
  await h.start();
  expect(h.apiCalls).not.toContain('GET /v1/uploads/upl_old');
  expect(h.apiCalls).toContain('POST /v1/uploads');
});
