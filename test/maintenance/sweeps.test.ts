import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListPartsCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { ObjectStorage, QUEUES, redisConnectionOptions } from '@streamforge/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MaintenanceProcessor } from '../../worker/src/maintenance/maintenance.processor';
import { generateClip } from '../support/clips';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { waitForVideo } from '../transcode/system-helpers';

const MiB = 1024 * 1024;
/** Short enough that a test watches uploads expire; the sweeps tick every second. */
const TTL_SECONDS = 3;

let sys: TestSystem;
let storage: ObjectStorage;
let api: ReturnType<typeof client>;
let work: string;
const abortMultipart = jest.spyOn(ObjectStorage.prototype, 'abortMultipart');

beforeAll(async () => {
  sys = await startSystem({
    worker: true,
    env: {
      UPLOAD_SESSION_TTL_SECONDS: String(TTL_SECONDS),
      MAINTENANCE_INTERVAL_SECONDS: '1',
      UPLOAD_MULTIPART_THRESHOLD: String(5 * MiB),
      UPLOAD_PART_SIZE: String(5 * MiB),
      // Keeps ffmpeg writing segments while the test deletes the video.
      TRANSCODE_PRESET: 'veryslow',
      WORKER_CONCURRENCY: '1',
    },
  });
  storage = new ObjectStorage(sys.config.s3);
  api = client(sys.baseUrl, await sys.createKey('sweeps'));
  work = await mkdtemp(join(tmpdir(), 'sf-sweeps-'));
});
afterAll(async () => {
  storage?.destroy();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const keysOf = async (videoId: string) => (await storage.listKeys('')).filter((k) => k.includes(`/${videoId}/`));
const sweep = (task: 'expire_uploads' | 'sweep_objects' | 'prune_records') =>
  sys.worker!.get(MaintenanceProcessor).runExclusive(task);

async function eventsOf(id: string) {
  const events = await api('GET', '/v1/events?limit=100');
  return events.body.data.filter((e: any) => e.data.object.id === id);
}

/** The object key a presigned URL writes: the path after the bucket. */
const sourceKeyOf = (url: URL) => decodeURIComponent(url.pathname).split('/').slice(2).join('/');

/**
 * A single-PUT upload given an hour instead of this file's 3 s TTL (and a part URL signed for it),
 * so a slow PUT on a busy machine does not outlive its session or its URL.
 */
async function uploadAndCompleteUnhurried(path: string): Promise<string> {
  const bytes = await readFile(path);
  const created = await api('POST', '/v1/uploads', {
    filename: 'clip.mp4',
    size: bytes.length,
    content_type: 'video/mp4',
  });
  expect(created.status).toBe(201);
  await sys.asOwner((db) =>
    db.query(`UPDATE upload_sessions SET expires_at = now() + interval '1 hour' WHERE id = $1`, [created.body.id]),
  );
  const fresh = await api('POST', `/v1/uploads/${created.body.id}/part_urls`, { part_numbers: [1] });
  expect(fresh.status).toBe(200);
  const put = await fetch(fresh.body.part_urls[0].url, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'video/mp4' },
  });
  expect(put.status).toBe(200);
  expect((await api('POST', `/v1/uploads/${created.body.id}/complete`)).status).toBe(202);
  return created.body.video_id;
}

describe('lifecycle sweeps', () => {
  it('an upload left open past its expiry ends expired on schedule: multipart aborted, partial data gone, events sent', async () => {
    const created = await api('POST', '/v1/uploads', {
      filename: 'big.mp4',
      size: 6 * MiB,
      content_type: 'video/mp4',
    });
    expect(created.body).toMatchObject({ mode: 'multipart', part_count: 2 });
    // Part 1 lands with the store's credentials: the presigned URL lives only as long as the 3 s
    // session, and the store (like S3) refuses it once expired, which a busy machine can reach.
    const partUrl = new URL(created.body.part_urls[0].url);
    const target = {
      Bucket: sys.config.s3.bucket,
      Key: sourceKeyOf(partUrl),
      UploadId: partUrl.searchParams.get('uploadId')!,
    };
    const s3 = new S3Client({
      region: sys.config.s3.region,
      endpoint: sys.config.s3.endpoint,
      forcePathStyle: true,
      credentials: sys.config.s3.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await s3.send(new UploadPartCommand({ ...target, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 1) }));
    const { id, video_id: videoId } = created.body;

    // Nothing but the scheduled maintenance jobs runs the expiry here.
    const upload = await waitFor(
      () => api('GET', `/v1/uploads/${id}`),
      (r) => r.body.status !== 'open',
      60_000,
    );
    expect(upload.body.status).toBe('expired');
    const video = (await api('GET', `/v1/videos/${videoId}`)).body;
    expect(video).toMatchObject({ status: 'failed', error: { code: 'upload_expired' }, playback: null });

    expect((await eventsOf(id)).map((e: any) => e.type)).toEqual(['upload.expired']);
    expect((await eventsOf(id))[0].data.object).toMatchObject({ id, object: 'upload', status: 'expired' });
    expect((await eventsOf(videoId)).map((e: any) => e.type)).toEqual(['video.failed', 'video.created']);
    expect(abortMultipart.mock.calls.filter(([key]) => key.endsWith(`/${videoId}/source`))).toHaveLength(1);
    // Aborted in the store: the stored part is gone with the upload.
    await expect(s3.send(new ListPartsCommand(target))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    s3.destroy();
    expect(await keysOf(videoId)).toEqual([]);
    // Completing it now is refused.
    expect((await api('POST', `/v1/uploads/${id}/complete`)).status).toBe(400);
  });

  it('a PUT that lands on an aborted upload after the abort is swept away', async () => {
    const bytes = Buffer.from('late bytes');
    const created = await api('POST', '/v1/uploads', {
      filename: 'late.mp4',
      size: bytes.length,
      content_type: 'video/mp4',
    });
    const videoId = created.body.video_id;
    expect((await api('DELETE', `/v1/uploads/${created.body.id}`)).status).toBe(200);
    await waitFor(
      () => keysOf(videoId),
      (keys) => keys.length === 0,
    );

    // A PUT sent with the URL before it expired lands now (written with the store's credentials, as
    // the URL may have expired by this point on a busy machine); the sweep (scheduled every second
    // here, or this explicit run) removes it.
    await storage.putBuffer(sourceKeyOf(new URL(created.body.part_urls[0].url)), bytes, 'video/mp4');
    expect(await keysOf(videoId)).toHaveLength(1);
    await sweep('sweep_objects');
    await waitFor(
      () => keysOf(videoId),
      (keys) => keys.length === 0,
    );
  });

  it('a video deleted while ffmpeg writes its segments: once the job settles and the sweep runs, nothing is left', async () => {
    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 30, width: 320, height: 180 });
    const id = await uploadAndCompleteUnhurried(clip);
    await waitForVideo(api, id, (v) => v.playable || v.status !== 'processing');
    expect(await keysOf(id)).not.toEqual([]);
    expect((await api('DELETE', `/v1/videos/${id}`)).status).toBe(200);

    const queue = new Queue(QUEUES.transcode, {
      connection: redisConnectionOptions(sys.config.redis),
      prefix: sys.config.redis.prefix,
    });
    try {
      const state = await waitFor(
        async () => (await queue.getJob(`${id}-1`))?.getState(),
        (s) => s === 'completed' || s === 'failed',
      );
      // The run noticed its video was gone and stopped: nothing to retry.
      expect(state).toBe('completed');
    } finally {
      await queue.close();
    }
    await sweep('sweep_objects');
    expect(await keysOf(id)).toEqual([]);
  });

  it('prunes idempotency keys and events past their retention, and nothing newer', async () => {
    const db = sys.worker!.get(DataSource);
    const [{ account_id: accountId }] = await db.query(`SELECT account_id FROM videos LIMIT 1`);
    await db.query(
      `INSERT INTO events (id, account_id, livemode, type, data, created_at) VALUES
         ('evt_old', $1, false, 'video.updated', '{"object":{}}', now() - interval '31 days'),
         ('evt_recent', $1, false, 'video.updated', '{"object":{}}', now() - interval '29 days')`,
      [accountId],
    );
    await db.query(
      `INSERT INTO idempotency_keys (account_id, livemode, key, request_hash, created_at) VALUES
         ($1, false, 'old', 'h', now() - interval '25 hours'), ($1, false, 'recent', 'h', now() - interval '23 hours')`,
      [accountId],
    );
    // This run, or the scheduled one that holds the lock at the same moment.
    await sweep('prune_records');
    // The scheduled run may be midway (events pruned, keys not yet): wait for both tables.
    const { events, keys } = await waitFor(
      async () => ({
        events: await db.query(`SELECT id FROM events WHERE id IN ('evt_old', 'evt_recent')`),
        keys: await db.query(`SELECT key FROM idempotency_keys WHERE key IN ('old', 'recent')`),
      }),
      (rows: { events: unknown[]; keys: unknown[] }) => rows.events.length < 2 && rows.keys.length < 2,
    );
    expect(events).toEqual([{ id: 'evt_recent' }]);
    expect(keys).toEqual([{ key: 'recent' }]);
    // Idempotent: another run changes nothing more.
    await sweep('prune_records');
    expect(await db.query(`SELECT id FROM events WHERE id = 'evt_recent'`)).toHaveLength(1);
  });
});
