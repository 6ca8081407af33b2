import { InjectQueue } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { JobDispatcher, letQueuesConnect, QUEUES } from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The api's use of BullMQ: hand work to the worker through the contract in core. */
@Injectable()
export class JobQueue extends JobDispatcher implements BeforeApplicationShutdown {
  constructor(
    @InjectQueue(QUEUES.transcode) transcode: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
  ) {
    super({ transcode, webhooks });
  }

  /** Nest closes the queues next: let their connections finish connecting first (see letQueuesConnect). */
  beforeApplicationShutdown() {
    return letQueuesConnect([this.queues.transcode, this.queues.webhooks, this.maintenance]);
  }

  async ping(): Promise<void> {
    // Any round trip proves Redis answers; bullmq's client abstraction has no PING.
    const client = await this.queues.transcode.client;
    await client.get('streamforge:readyz');
  }
}
