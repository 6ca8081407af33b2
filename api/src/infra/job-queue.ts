import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, JobDispatcher, QUEUES, videoDeletionsChannel } from '@streamforge/core';
import type { Queue } from 'bullmq';
import { RedisPublisher } from './redis-publisher';
import { APP_CONFIG } from './tokens';

/** The api's use of BullMQ: hand work to the worker through the contract in core. */
@Injectable()
export class JobQueue extends JobDispatcher {
  private readonly deletions: string;

  constructor(
    @InjectQueue(QUEUES.transcode) transcode: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly publisher: RedisPublisher,
  ) {
    super({ transcode, webhooks });
    this.deletions = videoDeletionsChannel(config.redis.prefix);
  }

  async ping(): Promise<void> {
    // Any round trip proves Redis answers; bullmq's client abstraction has no PING.
    const client = await this.queues.transcode.client;
    await client.get('streamforge:readyz');
  }

  /**
   * Tells every worker that `videoId` is gone, so a run transcoding it stops now rather than at its
   * next progress write or segment, which would find the video gone too: this only makes it sooner
   * and frees the job's slot. Pub/sub keeps nothing: a worker not listening at that moment falls
   * back on those checks.
   */
  async announceDeletion(videoId: string): Promise<void> {
    await this.publisher.publish(this.deletions, videoId);
  }
}
