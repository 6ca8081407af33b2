import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig, redisConnectionOptions, videoDeletionsChannel } from '@streamforge/core';
import Redis from 'ioredis';
import { APP_CONFIG } from '../tokens';
import { TranscodeService } from './transcode.service';

/**
 * Hears the api announce a deleted video (its `JobQueue.announceDeletion`) and stops this worker's
 * run of it at once, so the job's slot and its cores are free for the next video without waiting for
 * the run's next progress write or segment. A message missed while Redis is away costs only that
 * wait: the run's own checks still find the video gone.
 */
@Injectable()
export class DeletionListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeletionListener.name);
  private readonly channel: string;
  /** A connection of its own: a subscribed connection can do nothing else. */
  private readonly subscriber: Redis;

  constructor(
    private readonly transcoder: TranscodeService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = videoDeletionsChannel(config.redis.prefix);
    this.subscriber = new Redis({ ...redisConnectionOptions(config.redis), lazyConnect: true });
    this.subscriber.on('error', () => undefined);
    // On every (re)connection, however long Redis was away; subscribing twice is harmless.
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel).catch((error: Error) => {
        this.logger.warn(`not listening for deleted videos: ${error.message}`);
      });
    });
    this.subscriber.on('message', (channel: string, videoId: string) => {
      if (channel !== this.channel) return;
      this.transcoder
        .stopDeleted(videoId)
        .catch((error: Error) => this.logger.warn(`deleted video ${videoId} not stopped at once: ${error.message}`));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Connected before the worker counts as started: a connection closed while still being made
    // kept the process alive for seconds after shutdown. Without Redis the worker starts anyway and
    // ioredis keeps trying.
    await this.subscriber.connect().catch((error: Error) => {
      this.logger.warn(`not listening for deleted videos yet: ${error.message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.subscriber.disconnect();
  }
}
