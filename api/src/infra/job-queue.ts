import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobDispatcher, QUEUES } from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The api's use of BullMQ: hand work to the worker through the contract in core. */
@Injectable()
export class JobQueue extends JobDispatcher {
  constructor(@InjectQueue(QUEUES.transcode) transcode: Queue, @InjectQueue(QUEUES.webhooks) webhooks: Queue) {
    super({ transcode, webhooks });
  }

  async ping(): Promise<void> {
    // Any round trip proves Redis answers; bullmq's client abstraction has no PING.
    const client = await this.queues.transcode.client;
    await client.get('streamforge:readyz');
  }
}
