import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ObjectStorage, QUEUES, redisConnectionOptions } from '@streamforge/core';
import { createWorkerApp } from '@streamforge/worker';
import { Queue } from 'bullmq';
import { WORK_ROOT } from '../../worker/src/transcode/work-dirs';
import { generateClip } from '../support/clips';
import { EncoderGate } from '../support/encoder-gate';
import { exists } from './outputs';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import {
  deleteRedisPrefix,
  FAST_RECOVERY,
  settled,
  startWorkerProcess,
  transcoding,
  uploadAndComplete,
  waitForVideo,
  type WorkerProcess,
} from './system-helpers';

/** Encoders caught and held by a test; killed after each test, since some outlive their worker. */
const encoders: EncoderGate[] = [];
async function holdEncoder(w: WorkerProcess) {
  const encoder = await EncoderGate.catch(w.child.pid!);
  encoders.push(encoder);
  return encoder;
}
/** Lets the held encoder run until one of `ids` shows the transcoding stage; a failure shows the worker's log. */
async function stepUntilTranscoding(encoder: EncoderGate, w: WorkerProcess, ...ids: string[]) {
  try {
    await encoder.stepUntil(async () => {
      const videos = await Promise.all(ids.map((id) => api('GET', `/v1/videos/${id}`)));
      return videos.some((video) => transcoding(video.body));
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nworker log:\n${w.log()}`, { cause: error });
  }
}
/** One job at a time, so the job a test holds is the only one running. */
const ONE_AT_A_TIME = { WORKER_CONCURRENCY: '1' };
/**
 * A ceiling for this file's tests, not a wait: they go on as soon as each awaited state is reached.
 * Above the encoder gate's own deadlines, so a held encoder that never reaches its state fails with
 * the gate's message and the worker's log instead of jest's bare timeout (seen once, at 120 s, on a
 * machine busy with other encodes).
 */
jest.setTimeout(300_000);

let sys: TestSystem;
let api: ReturnType<typeof client>;
let work: string;
let clip: string;
const workers: WorkerProcess[] = [];
let inProcess: INestApplicationContext | undefined;

beforeAll(async () => {
  sys = await startSystem({ env: FAST_RECOVERY });
  api = client(sys.baseUrl, await sys.createKey('faults'));
  work = await mkdtemp(join(tmpdir(), 'sf-faults-'));
  clip = join(work, 'clip.mp4');
  await generateClip(clip, { seconds: 10, width: 640, height: 360 });
});

afterEach(async () => {
  for (const encoder of encoders.splice(0)) encoder.kill();
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  }
  await inProcess?.close();
  inProcess = undefined;
});

afterAll(async () => {
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function worker(extra: Record<string, string> = {}) {
  const w = await startWorkerProcess(sys.config, extra);
  workers.push(w);
  return w;
}

async function jobState(videoId: string) {
  const queue = new Queue(QUEUES.transcode, {
    connection: redisConnectionOptions(sys.config.redis),
    prefix: sys.config.redis.prefix,
  });
  try {
    const job = await queue.getJob(`${videoId}-1`);
    return { state: job ? await job.getState() : 'unknown', attemptsMade: job?.attemptsMade };
  } finally {
    await queue.close();
  }
}

describe('nothing is lost when workers or Redis fail', () => {
  it('SIGKILL mid-transcode: another worker takes the stalled job and the video ends ready', async () => {
    const doomed = await worker(ONE_AT_A_TIME);
    const id = await uploadAndComplete(api, clip);
    // Held mid-encode: the job cannot finish before the worker dies.
    const encoder = await holdEncoder(doomed);
    await stepUntilTranscoding(encoder, doomed, id);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect((await api('GET', `/v1/videos/${id}`)).body.status).toBe('processing');

    const deadDir = join(WORK_ROOT, String(doomed.child.pid));
    expect(await exists(deadDir)).toBe(true);
    await worker();
    const video = await waitForVideo(api, id, settled);
    expect(video.status).toBe('ready');
    // The killed worker's temp files are swept by the next worker on the host.
    expect(await exists(deadDir)).toBe(false);
    // The second run published under its own version; then (after `ready` is saved, so that a player
    // still on the killed run's playable outputs is never cut off) it removes that run's partial outputs.
    expect(video.playback.manifest_url).toMatch(/\/v2\/manifest\.json$/);
    const storage = new ObjectStorage(sys.config.s3);
    try {
      const versions = async () => {
        const keys = (await storage.listKeys('')).filter((k) => k.includes(`${id}/`));
        return { v1: keys.filter((k) => k.includes(`${id}/v1/`)), v2: keys.filter((k) => k.includes(`${id}/v2/`)) };
      };
      const left = await waitFor(versions, ({ v1 }) => v1.length === 0);
      expect(left.v2).toContainEqual(expect.stringMatching(/\/v2\/manifest\.json$/));
    } finally {
      storage.destroy();
    }
  });

  it('SIGTERM: the worker stops taking jobs, hands the current one back without spending an attempt, and exits', async () => {
    const leaving = await worker({ ...ONE_AT_A_TIME, WORKER_SHUTDOWN_GRACE_SECONDS: '0' });
    const first = await uploadAndComplete(api, clip);
    const second = await uploadAndComplete(api, clip);
    // Held mid-encode: a job is provably running when SIGTERM arrives. Which one is not known: the
    // first may be yielded while the previous test's killed worker still holds the account's slot.
    const encoder = await holdEncoder(leaving);
    await stepUntilTranscoding(encoder, leaving, first, second);
    leaving.child.kill('SIGTERM');
    const exit = await leaving.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    expect(await jobState(first)).toEqual({
      state: expect.stringMatching(/^(waiting|delayed|prioritized)$/),
      attemptsMade: 0,
    });
    // Never spent: still waiting, or yielded (delayed) if it was offered while the account's slot
    // was still held by the previous test's killed worker, whose lease outlives it.
    expect(await jobState(second)).toEqual({
      state: expect.stringMatching(/^(waiting|delayed|prioritized)$/),
      attemptsMade: 0,
    });
    for (const id of [first, second]) expect((await api('GET', `/v1/videos/${id}`)).body.status).toBe('processing');

    await worker();
    for (const id of [first, second]) expect((await waitForVideo(api, id, settled)).status).toBe('ready');
  });

  it('Redis loses every key while videos are processing: the reconciler re-queues them and they end ready', async () => {
    const first = await uploadAndComplete(api, clip);
    const second = await uploadAndComplete(api, clip);
    expect(await deleteRedisPrefix(sys.config)).toBeGreaterThan(0);
    expect((await jobState(first)).state).toBe('unknown');

    inProcess = await createWorkerApp(sys.config, { logger: false });
    for (const id of [first, second]) expect((await waitForVideo(api, id, settled)).status).toBe('ready');
    const events = await api('GET', '/v1/events?limit=100');
    expect(events.status).toBe(200);
    {
      const readies = events.body.data.filter((e: any) => e.type === 'video.ready').map((e: any) => e.data.object.id);
      for (const id of [first, second]) expect(readies.filter((r: string) => r === id)).toHaveLength(1);
    }
  });
});
