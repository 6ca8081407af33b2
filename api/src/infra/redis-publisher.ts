import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig, redisConnectionOptions } from '@streamforge/core';
import Redis from 'ioredis';
import { APP_CONFIG } from './tokens';

/**
 * The api's one connection for publishing to Redis channels: key changes (`ApiKeyCache.announce`)
 * and deleted videos (`JobQueue.announceDeletion`). Nothing waits for Redis to come back: while it
 * is away a publish fails at once, and each caller says what that costs.
 */
@Injectable()
export class RedisPublisher implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({ ...redisConnectionOptions(config.redis), enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.redis.publish(channel, message);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
