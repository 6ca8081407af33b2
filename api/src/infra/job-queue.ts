import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import {
  enqueue,
  enqueueMany,
  type EnqueueOptions,
  type JobName,
  type JobPayloads,
  QUEUES,
  type QueueSet,
} from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The api's use of BullMQ: hand work to the worker through the contract in core. */
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

  async ping(): Promise<void> {
    // Any round trip proves Redis answers; bullmq's client abstraction has no PING.
    const client = await this.queues.transcode.client;
    await client.get('streamforge:readyz');
  }
}
