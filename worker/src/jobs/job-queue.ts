import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import {
  enqueue,
  enqueueMany,
  type EnqueueOptions,
  type JobName,
  type JobPayloads,
  JOB_QUEUES,
  QUEUES,
  type QueueSet,
} from '@streamforge/core';
import type { Job, Queue } from 'bullmq';

/** The worker's side of the job contract in core: the reconciler, the relay and the sweep enqueue here. */
@Injectable()
export class JobQueue {
  private readonly queues: QueueSet;

  constructor(@InjectQueue(QUEUES.transcode) transcode: Queue, @InjectQueue(QUEUES.webhooks) webhooks: Queue) {
    this.queues = { transcode, webhooks };
  }

  enqueue<N extends JobName>(name: N, job: JobPayloads[N], opts?: EnqueueOptions): Promise<void> {
    return enqueue(this.queues, name, job, opts);
  }

  enqueueMany<N extends JobName>(name: N, jobs: Array<{ job: JobPayloads[N]; delayMs?: number }>): Promise<void> {
    return enqueueMany(this.queues, name, jobs);
  }

  /** The state of a job by the contract's id (`unknown` when Redis has no such job). */
  async jobState<N extends JobName>(name: N, jobId: string): Promise<Awaited<ReturnType<Job['getState']>>> {
    return this.queues[JOB_QUEUES[name]].getJobState(jobId);
  }
}
