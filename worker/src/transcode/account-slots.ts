import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, QUEUES, type TranscodeJob } from '@streamforge/core';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../tokens';

/**
 * Takes a slot for `member` in an account's set of running jobs when fewer than `cap` are held
 * (or when `force` allows borrowing). Members are leases: a worker that dies stops
 * renewing and its slot frees itself.
 * KEYS[1] the account's sorted set; ARGV: now ms, lease end ms, member, cap, force (1/0).
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local held = redis.call('ZSCORE', KEYS[1], ARGV[3])
if held or ARGV[5] == '1' or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** The two commands used here, on the queue's own (ioredis) connection. */
interface SlotCommands {
  eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
  zrem(key: string, member: string): Promise<number>;
}

export interface Slot {
  /** Keeps the lease alive while the job runs. */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Fair share across accounts: an account runs at most `WORKER_ACCOUNT_CONCURRENCY` transcodes at
 * once across every worker (counted in Redis, so all workers see the same numbers). Beyond that it
 * may borrow a free slot only when the worker keeps another slot free after lending it: the last
 * free slot is always left for an account that has nothing running, so a newcomer's short clip
 * never waits behind a busy account's backlog.
 */
@Injectable()
export class AccountSlots {
  constructor(
    @InjectQueue(QUEUES.transcode) private readonly queue: Queue<TranscodeJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A slot for `job`, or null when its account has its share and may not borrow: `mayBorrow` says
   * whether this worker would still have a free slot after starting the job.
   */
  async acquire(job: TranscodeJob, jobId: string, mayBorrow: boolean): Promise<Slot | null> {
    if (await this.take(job, jobId, mayBorrow)) return this.slot(job, jobId);
    return null;
  }

  private async take(job: TranscodeJob, jobId: string, force: boolean): Promise<boolean> {
    const redis = await this.redis();
    const now = Date.now();
    const taken = await redis.eval(
      ACQUIRE,
      1,
      this.key(job.accountId),
      now,
      now + this.leaseMs,
      jobId,
      this.config.worker.accountConcurrency,
      force ? '1' : '0',
    );
    return taken === 1;
  }

  private slot(job: TranscodeJob, jobId: string): Slot {
    return {
      renew: async () => {
        await this.take(job, jobId, true);
      },
      release: async () => {
        const redis = await this.redis();
        await redis.zrem(this.key(job.accountId), jobId);
      },
    };
  }

  private async redis(): Promise<SlotCommands> {
    return (await this.queue.client) as unknown as SlotCommands;
  }

  private key(accountId: string): string {
    return `${this.config.redis.prefix}:account-slots:${accountId}`;
  }

  /** Long enough to survive a missed renewal; a dead worker's slots free themselves after it. */
  get leaseMs(): number {
    return this.config.worker.lockDurationMs * 2;
  }
}
