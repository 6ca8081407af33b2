import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { QUEUES, type TranscodeJob, transcodeJobOptions } from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The api's only use of BullMQ: hand a completed upload to the worker. */
@Injectable()
export class TranscodeQueue {
  constructor(@InjectQueue(QUEUES.transcode) private readonly queue: Queue<TranscodeJob>) {}

  async enqueue(job: TranscodeJob): Promise<void> {
    await this.queue.add(QUEUES.transcode, job, transcodeJobOptions(job));
  }

  async ping(): Promise<void> {
    // Any round trip proves Redis answers; bullmq's client abstraction has no PING.
    const client = await this.queue.client;
    await client.get('streamforge:readyz');
  }
}
