import type { JobsOptions, Queue } from 'bullmq';
import type { AppConfig } from '../config';
import { letQueuesConnect } from './handshakes';

/**
 * Every queue StreamForge uses. Each queue has its own worker with its own concurrency, so a burst
 * of webhooks never waits behind a transcode and the reverse. The worker refuses to start without
 * a processor for each.
 */
export const QUEUES = {
  transcode: 'transcode',
  webhooks: 'webhooks',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface TranscodeJob {
  videoId: string;
  accountId: string;
  /** The video's processing attempt this job belongs to; it fences outputs and dedups the job. */
  attempt: number;
}

/** The lifecycle sweeps; each runs on a schedule (repeatable jobs), one run at a time across workers. */
export const MAINTENANCE_TASKS = ['expire_uploads', 'sweep_objects', 'prune_records'] as const;
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

export interface MaintenanceJob {
  task: MaintenanceTask;
}

export interface WebhookDeliveryJob {
  deliveryId: string;
  /** Attempts the delivery had made when this job was queued; a job for a stale count does nothing. */
  attempt: number;
}

/**
 * The job contract: job name → payload, the queue it runs on, and its options. Adding a job means
 * adding one entry to each map below; the types make a missing entry a compile error.
 */
export interface JobPayloads {
  transcode: TranscodeJob;
  'webhook.deliver': WebhookDeliveryJob;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUES = {
  transcode: QUEUES.transcode,
  'webhook.deliver': QUEUES.webhooks,
} as const satisfies { readonly [N in JobName]: QueueName };

/** The queues jobs are enqueued on; `maintenance` is fed by its own schedule (repeatable jobs). */
export type EnqueuedQueueName = (typeof JOB_QUEUES)[JobName];

const DAY = 24 * 3600;

/** Options per job, so the api, the reconciler and the relay enqueue identically. */
const JOB_OPTIONS: { readonly [N in JobName]: (job: JobPayloads[N]) => JobsOptions & { jobId: string } } = {
  transcode: (job) => ({
    // One job per video attempt: enqueueing twice is a no-op while the job exists.
    jobId: `${job.videoId}-${job.attempt}`,
    // The first try plus three retries after 5 s, 10 s and 20 s; bad media skips them (UnrecoverableError).
    attempts: 4,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: DAY },
    removeOnFail: { age: 7 * DAY },
  }),
  'webhook.deliver': (job) => ({
    // One job per delivery attempt. The deliveries table is the record, so finished jobs go at once;
    // a job queued again after that finds the attempt already made and does nothing.
    jobId: `${job.deliveryId}-${job.attempt}`,
    // The schedule lives in the table; BullMQ only retries an attempt the worker could not record.
    attempts: 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { age: DAY },
  }),
};

export function jobOptions<N extends JobName>(name: N, job: JobPayloads[N]): JobsOptions & { jobId: string } {
  return JOB_OPTIONS[name](job);
}

/** The queues a process has opened, by name. */
export type QueueSet = { readonly [Q in EnqueuedQueueName]: Queue };

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

/**
 * The one way to add a job: the right queue, the contract's options, a typed payload. The api and
 * the worker each wrap it in an injectable of their own (they open the queues through Nest).
 */
export class JobDispatcher {
  /** `alsoOpen`: the process's other queues, for the shutdown wait below. */
  constructor(
    protected readonly queues: QueueSet,
    private readonly alsoOpen: Queue[] = [],
  ) {}

  /**
   * Nest calls this on the injectable (before its own shutdown hooks close the queues): every queue
   * of the process finishes its Redis handshake first (see letQueuesConnect).
   */
  beforeApplicationShutdown(): Promise<void> {
    return letQueuesConnect([...Object.values(this.queues), ...this.alsoOpen]);
  }

  async enqueue<N extends JobName>(name: N, job: JobPayloads[N], opts: EnqueueOptions = {}): Promise<void> {
    const options = jobOptions(name, job);
    await this.queues[JOB_QUEUES[name]].add(name, job, opts.delayMs ? { ...options, delay: opts.delayMs } : options);
  }

  /** Many jobs of one kind in one round trip per queue (the relay and the sweep). */
  async enqueueMany<N extends JobName>(name: N, jobs: Array<{ job: JobPayloads[N]; delayMs?: number }>): Promise<void> {
    if (!jobs.length) return;
    await this.queues[JOB_QUEUES[name]].addBulk(
      jobs.map(({ job, delayMs }) => {
        const options = jobOptions(name, job);
        return { name, data: job, opts: delayMs ? { ...options, delay: delayMs } : options };
      }),
    );
  }

  /** The state of a job by the contract's id (`unknown` when Redis has no such job). */
  jobState<N extends JobName>(name: N, jobId: string): ReturnType<Queue['getJobState']> {
    return this.queues[JOB_QUEUES[name]].getJobState(jobId);
  }
}

/** A sweep is idempotent and runs again at the next tick, so a failed run is not retried. */
export function maintenanceJobOptions(_job: MaintenanceJob): JobsOptions {
  return {
    attempts: 1,
    removeOnComplete: { count: 10 },
    removeOnFail: { age: DAY, count: 100 },
  };
}

/** The Redis channel on which the api announces deleted videos to the workers (the api's `JobQueue.announceDeletion`). */
export const videoDeletionsChannel = (prefix: string) => `${prefix}:videos:deleted`;

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
