import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobDispatcher, QUEUES } from '@streamforge/core';
import type { Queue } from 'bullmq';

/** The worker's side of the job contract in core: the reconciler, the relay and the sweep enqueue here. */
@Injectable()
export class JobQueue extends JobDispatcher {
  constructor(
    @InjectQueue(QUEUES.transcode) transcode: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
  ) {
    super({ transcode, webhooks }, [maintenance]);
  }
}
