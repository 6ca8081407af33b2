import { InjectQueue } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { JobDispatcher, letQueuesConnect, QUEUES } from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The worker's side of the job contract in core: the reconciler, the relay and the sweep enqueue here. */
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
}
