/**
 * The transcode queue's promises, read back from Redis: what BullMQ stored for a job the api
 * enqueued on its real complete path. No worker runs, so the job stays waiting as stored.
 */
import { QUEUES, redisConnectionOptions } from '@streamforge/core';
import { Backoffs, type Job, Queue } from 'bullmq';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

const DAY = 24 * 3600;

let sys: TestSystem;
let api: ReturnType<typeof client>;
let queue: Queue;

beforeAll(async () => {
  sys = await startSystem({ api: true, worker: false });
  api = client(sys.baseUrl, await sys.createKey('acme'));
  queue = new Queue(QUEUES.transcode, {
    connection: redisConnectionOptions(sys.config.redis),
    prefix: sys.config.redis.prefix,
  });
});

afterAll(async () => {
  await queue?.close();
  await sys?.close();
});

/** Creates an upload, PUTs its bytes and completes it, as a customer does. */
async function completeUpload(): Promise<{ uploadId: string; videoId: string }> {
  const bytes = Buffer.from('not decoded by anyone: no worker runs in this file');
  const created = await api('POST', '/v1/uploads', {
    filename: 'a.mp4',
    size: bytes.length,
    content_type: 'video/mp4',
  });
  expect(created.status).toBe(201);
  const put = await fetch(created.body.part_urls[0].url, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'video/mp4' },
  });
  expect(put.status).toBe(200);
  expect((await api('POST', `/v1/uploads/${created.body.id}/complete`)).status).toBe(202);
  return { uploadId: created.body.id, videoId: created.body.video_id };
}

/** The job the api stored for `videoId`, found among every job in the queue and read back by id. */
async function storedJobFor(videoId: string): Promise<Job> {
  const all = await queue.getJobs();
  const mine = all.filter((j) => j.data?.videoId === videoId);
  expect(mine).toHaveLength(1);
  const job = await queue.getJob(mine[0].id!);
  expect(job).toBeDefined();
  return job!;
}

describe('the transcode queue contract, as stored in Redis', () => {
  it('a completed upload enqueues one waiting job: 4 attempts, 5/10/20 s backoff, kept 24 h done, 7 days failed', async () => {
    const { videoId } = await completeUpload();
    const job = await storedJobFor(videoId);

    expect(await job.getState()).toBe('waiting');
    expect(job.data).toMatchObject({ videoId });
    expect(job.opts.attempts).toBe(4);
    expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 5_000 });
    expect(job.opts.removeOnComplete).toEqual({ age: DAY });
    expect(job.opts.removeOnFail).toEqual({ age: 7 * DAY });

    // BullMQ's own arithmetic on the stored options: the waits before retries 1, 2 and 3.
    const backoff = Backoffs.normalize(job.opts.backoff!)!;
    const waits = [1, 2, 3].map((attemptsMade) =>
      Backoffs.calculate(backoff, attemptsMade, new Error('transient'), job, undefined),
    );
    expect(await Promise.all(waits)).toEqual([5_000, 10_000, 20_000]);
  });

  it('completing the same upload again (a client retry) stores no second job', async () => {
    const { uploadId, videoId } = await completeUpload();
    const first = await storedJobFor(videoId);
    expect((await api('POST', `/v1/uploads/${uploadId}/complete`)).status).toBe(202);
    expect((await storedJobFor(videoId)).id).toBe(first.id);
  });
});
