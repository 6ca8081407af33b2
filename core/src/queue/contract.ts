import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../config';

/** Every queue StreamForge uses. The worker refuses to start without a processor for each. */
export const QUEUES = {
  transcode: 'transcode',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface TranscodeJob {
  videoId: string;
  accountId: string;
  /** The video's processing attempt this job belongs to; it fences outputs and dedups the job. */
  attempt: number;
}

/** The lifecycle sweeps; each runs on a schedule, one run at a time across workers. */
export const MAINTENANCE_TASKS = ['expire_uploads', 'sweep_objects', 'prune_records'] as const;
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

export interface MaintenanceJob {
  task: MaintenanceTask;
}

export interface JobPayloads {
  transcode: TranscodeJob;
  maintenance: MaintenanceJob;
}

const DAY = 24 * 3600;

/** Job options live here only, so the api and a reconciler enqueue identically. */
export function transcodeJobOptions(job: TranscodeJob): JobsOptions {
  return {
    // One job per video attempt: enqueueing twice is a no-op while the job exists.
    jobId: `${job.videoId}-${job.attempt}`,
    // The first try plus three retries after 5 s, 10 s and 20 s; bad media skips them (UnrecoverableError).
    attempts: 4,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: DAY },
    removeOnFail: { age: 7 * DAY },
  };
}

/** A sweep is idempotent and runs again at the next tick, so a failed run is not retried. */
export function maintenanceJobOptions(_job: MaintenanceJob): JobsOptions {
  return {
    attempts: 1,
    removeOnComplete: { count: 10 },
    removeOnFail: { age: DAY, count: 100 },
  };
}

/** ioredis options from REDIS_URL (BullMQ takes options, not a URL). */
export function redisConnectionOptions(config: AppConfig['redis']) {
  const url = new URL(config.url);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}
