import { loadConfig, QUEUES, randomBase62, redisConnectionOptions, type TranscodeJob } from '@streamforge/core';
import { Queue } from 'bullmq';
import { dropRedisPrefix } from '../../scripts/scratch';
import { AccountSlots } from '../../worker/src/transcode/account-slots';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two workers' views of the same Redis: what one takes, the other sees. */
let queue: Queue<TranscodeJob>;
let slots: AccountSlots;
let other: AccountSlots;
const config = loadConfig({
  NODE_ENV: 'test',
  REDIS_URL,
  REDIS_PREFIX: `sft_slots_${randomBase62(8).toLowerCase()}`,
  WORKER_ACCOUNT_CONCURRENCY: '1',
  WORKER_LOCK_DURATION_MS: '1000',
});

beforeAll(() => {
  queue = new Queue(QUEUES.transcode, {
    connection: redisConnectionOptions(config.redis),
    prefix: config.redis.prefix,
  });
  slots = new AccountSlots(queue, config);
  other = new AccountSlots(queue, config);
});
afterAll(async () => {
  await queue?.close();
  await dropRedisPrefix(REDIS_URL, config.redis.prefix);
});

const job = (accountId: string, n: number): TranscodeJob => ({ videoId: `vid_${n}`, accountId, attempt: 1 });

describe('AccountSlots', () => {
  it('gives each account its share across workers, lends beyond it only when asked, and frees on release', async () => {
    const a1 = await slots.acquire(job('acct_a', 1), 'a1', false);
    expect(a1).not.toBeNull();
    // A is at its share of one, whichever worker asks.
    expect(await other.acquire(job('acct_a', 2), 'a2', false)).toBeNull();
    // Another account is not held back by A.
    const b1 = await other.acquire(job('acct_b', 3), 'b1', false);
    expect(b1).not.toBeNull();
    // A worker with a slot to spare may lend it beyond the share.
    const a3 = await slots.acquire(job('acct_a', 4), 'a3', true);
    expect(a3).not.toBeNull();
    // The same job asking again (a stalled job taken over) keeps its slot.
    expect(await other.acquire(job('acct_a', 1), 'a1', false)).not.toBeNull();

    await a1!.release();
    await a3!.release();
    expect(await other.acquire(job('acct_a', 2), 'a2', false)).not.toBeNull();
    await b1!.release();
  });

  it('frees the slot of a worker that died (stopped renewing) once its lease runs out', async () => {
    const held = await slots.acquire(job('acct_c', 1), 'c1', false);
    expect(held).not.toBeNull();
    expect(await other.acquire(job('acct_c', 2), 'c2', false)).toBeNull();
    // Nobody renews c1: the lease (2 × the 1 s lock) lapses.
    const freed = await waitForSlot(() => other.acquire(job('acct_c', 2), 'c2', false));
    expect(freed).not.toBeNull();
  });
});

async function waitForSlot<T>(take: () => Promise<T | null>): Promise<T | null> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const slot = await take();
    if (slot || Date.now() > deadline) return slot;
    await new Promise((r) => setTimeout(r, 200));
  }
}
