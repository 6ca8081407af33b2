import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage, QUEUES, redisConnectionOptions } from '@streamforge/core';
import { Queue } from 'bullmq';
import { generateSparseTimestamps, generateTruncatedClip } from '../support/clips';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { TEST_LADDER } from './outputs';
import { settled, uploadAndComplete, waitForVideo } from './system-helpers';

/**
 * The sparse file costs 36,002 frames × (160x90 + 320x180) through the test ladder: 26.8 media
 * seconds. The account may start 40 per day, so a second copy is refused.
 */
const ACCOUNT_MEDIA_SECONDS_PER_DAY = 40;

let sys: TestSystem;
let storage: ObjectStorage;
let api: ReturnType<typeof client>;
let work: string;

beforeAll(async () => {
  sys = await startSystem({
    worker: true,
    env: {
      TRANSCODE_LADDER: TEST_LADDER,
      TRANSCODE_ACCOUNT_MEDIA_SECONDS_PER_DAY: String(ACCOUNT_MEDIA_SECONDS_PER_DAY),
    },
  });
  storage = new ObjectStorage(sys.config.s3);
  api = client(sys.baseUrl, await sys.createKey('heavy-media'));
  work = await mkdtemp(join(tmpdir(), 'sf-heavy-'));
});
afterAll(async () => {
  storage?.destroy();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const keysOf = async (videoId: string) => (await storage.listKeys('')).filter((k) => k.includes(`/${videoId}/`));
/** Objects go once the failure is committed, so the API can say `failed` a moment before they are gone. */
const keysLeft = (videoId: string) =>
  waitFor(
    () => keysOf(videoId),
    (keys) => keys.length === 0,
    60_000,
  );

async function attemptsMade(videoId: string): Promise<number | undefined> {
  const queue = new Queue(QUEUES.transcode, {
    connection: redisConnectionOptions(sys.config.redis),
    prefix: sys.config.redis.prefix,
  });
  try {
    // The video turns ready inside the job; BullMQ counts the attempt when the job then completes.
    const job = await waitFor(
      () => queue.getJob(`${videoId}-1`),
      (j) => j !== undefined && j.finishedOn !== undefined,
    );
    return job?.attemptsMade;
  } finally {
    await queue.close();
  }
}

async function eventTypes(videoId: string): Promise<string[]> {
  const events = await api('GET', '/v1/events?limit=100');
  return events.body.data
    .filter((e: any) => e.data.object.id === videoId)
    .map((e: any) => e.type)
    .reverse();
}

const FAILED_SHOWS_NOTHING = {
  status: 'failed',
  playable: false,
  playback: null,
  renditions: [],
  duration: null,
  width: null,
  height: null,
  progress: null,
};

describe('hostile and heavy media: work in proportion, states that tell the truth', () => {
  it('a 7 KB file declaring 600 s at 60 fps: progress moves while ffmpeg fills the gap, ready in one run', async () => {
    const source = join(work, 'sparse60.mkv');
    await generateSparseTimestamps(source);
    const id = await uploadAndComplete(api, source);

    const percents: number[] = [];
    const video = await waitForVideo(
      api,
      id,
      (v) => {
        if (v.progress?.stage === 'transcoding') percents.push(v.progress.percent);
        return settled(v);
      },
      240_000,
    );
    expect(video).toMatchObject({ status: 'ready', error: null });
    expect(video.duration).toBeGreaterThan(590);
    // ffmpeg printed nothing while encoding the duplicated frames; finished segments moved the bar.
    expect(Math.max(...percents)).toBeGreaterThan(0);
    expect(new Set(percents).size).toBeGreaterThan(1);
    // One run, no retry: the first output version was published and the job made no failed attempt.
    expect(video.playback.manifest_url).toMatch(/\/v1\/manifest\.json$/);
    expect(await attemptsMade(id)).toBe(1);
    expect(await eventTypes(id)).not.toContain('video.failed');
  }, 300_000);

  it('the same file again in the same account exceeds its daily media seconds: failed once, with limits_exceeded, nothing stored', async () => {
    const source = join(work, 'sparse60.mkv');
    const id = await uploadAndComplete(api, source);
    const video = await waitForVideo(api, id, settled);
    expect(video).toMatchObject({ ...FAILED_SHOWS_NOTHING, error: { code: 'limits_exceeded' } });
    expect(video.error.message).toMatch(/media seconds/);
    expect(await keysLeft(id)).toEqual([]);
    expect((await eventTypes(id)).filter((t) => t === 'video.failed')).toHaveLength(1);
  });

  it('a truncated MP4 announced playable, then failed: no playback, no stale size or duration, no objects', async () => {
    const source = join(work, 'truncated.mp4');
    await generateTruncatedClip(source, { seconds: 20, width: 320, height: 180, fraction: 0.4 });
    const id = await uploadAndComplete(api, source);
    const video = await waitForVideo(api, id, settled);

    expect(await eventTypes(id)).toEqual(['video.created', 'video.processing', 'video.playable', 'video.failed']);
    expect(video).toMatchObject({ ...FAILED_SHOWS_NOTHING, error: { code: 'corrupt_media' } });
    expect(await keysLeft(id)).toEqual([]);
    // The event customers receive carries the same truthful picture.
    const events = await api('GET', '/v1/events?limit=100');
    const failed = events.body.data.find((e: any) => e.type === 'video.failed' && e.data.object.id === id);
    expect(failed.data.object).toMatchObject(FAILED_SHOWS_NOTHING);
  });
});
