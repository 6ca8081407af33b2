import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage, QUEUES, redisConnectionOptions } from '@streamforge/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MaintenanceProcessor } from '../../worker/src/maintenance/maintenance.processor';
import { generateClip } from '../support/clips';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { uploadAndComplete, waitForVideo } from '../transcode/system-helpers';

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

describe('lifecycle sweeps', () => {
  it('an upload left open past its expiry ends expired on schedule: multipart aborted, partial data gone, events sent', async () => {
    const created = await api('POST', '/v1/uploads', {
      filename: 'big.mp4',
      size: 6 * MiB,
      content_type: 'video/mp4',
    });
    expect(created.body).toMatchObject({ mode: 'multipart', part_count: 2 });
    const put = await fetch(created.body.part_urls[0].url, { method: 'PUT', body: Buffer.alloc(5 * MiB, 1) });
    expect(put.status).toBe(200);
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
    // The local S3 cannot abort multipart uploads, so check the request was made.
    expect(abortMultipart.mock.calls.filter(([key]) => key.endsWith(`/${videoId}/source`))).toHaveLength(1);
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

    const late = await fetch(created.body.part_urls[0].url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'video/mp4' },
    });
    // The store took it; the sweep (scheduled every second here, or this explicit run) removes it.
    expect(late.status).toBe(200);
    await sweep('sweep_objects');
    await waitFor(
      () => keysOf(videoId),
      (keys) => keys.length === 0,
    );
  });

  it('a video deleted while ffmpeg writes its segments: once the job settles and the sweep runs, nothing is left', async () => {
    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 30, width: 320, height: 180 });
    const id = await uploadAndComplete(api, clip);
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
    const events = await waitFor(
      () => db.query(`SELECT id FROM events WHERE id IN ('evt_old', 'evt_recent')`),
      (rows: unknown[]) => rows.length < 2,
    );
    expect(events).toEqual([{ id: 'evt_recent' }]);
    const keys = await db.query(`SELECT key FROM idempotency_keys WHERE key IN ('old', 'recent')`);
    expect(keys).toEqual([{ key: 'recent' }]);
    // Idempotent: another run changes nothing more.
    await sweep('prune_records');
    expect(await db.query(`SELECT id FROM events WHERE id = 'evt_recent'`)).toHaveLength(1);
  });
});
