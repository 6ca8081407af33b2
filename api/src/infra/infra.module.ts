import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type AppConfig,
  dataSourceOptions,
  type HostResolver,
  ObjectStorage,
  QUEUES,
  redisConnectionOptions,
  systemResolver,
} from '@streamforge/core';
import { APP_CONFIG, HOST_RESOLVER } from './tokens';
import { JobQueue } from './job-queue';
import { RedisPublisher } from './redis-publisher';
import { RequestScope } from '../common/request-scope';
import { ApiKeyCache } from '../auth/api-key-cache';
import { Idempotency } from '../idempotency/idempotency';
import { RequestTransaction } from '../common/request-transaction';

/** Postgres, Redis, S3 and the config: everything outside the process, provided once. */
@Global()
@Module({})
export class InfraModule implements OnApplicationShutdown {
  constructor(@Inject(ObjectStorage) private readonly storage: ObjectStorage) {}

  static forRoot(config: AppConfig, resolveHost: HostResolver = systemResolver): DynamicModule {
    return {
      module: InfraModule,
      imports: [
        // The api logs in as the row-level-security role, never as the owner.
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseAppUrl, 'streamforge-api')),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redis), prefix: config.redis.prefix }),
        // Only the queues the api adds to: each opens its own Redis connection.
        ...[QUEUES.transcode, QUEUES.webhooks].map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: HOST_RESOLVER, useValue: resolveHost },
        { provide: ObjectStorage, useFactory: () => new ObjectStorage(config.s3) },
        RedisPublisher,
        JobQueue,
        RequestScope,
        ApiKeyCache,
        Idempotency,
        RequestTransaction,
      ],
      exports: [APP_CONFIG, HOST_RESOLVER, ObjectStorage, JobQueue, RequestScope, ApiKeyCache, RequestTransaction],
    };
  }

  onApplicationShutdown() {
    this.storage.destroy();
  }
}
