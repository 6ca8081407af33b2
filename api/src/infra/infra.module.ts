import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig, dataSourceOptions, ObjectStorage, QUEUES, redisConnectionOptions } from '@streamforge/core';
import { APP_CONFIG } from './tokens';
import { TranscodeQueue } from './transcode-queue';
import { RequestScope } from '../common/request-scope';

/** Postgres, Redis, S3 and the config: everything outside the process, provided once. */
@Global()
@Module({})
export class InfraModule implements OnApplicationShutdown {
  constructor(@Inject(ObjectStorage) private readonly storage: ObjectStorage) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfraModule,
      imports: [
        // The api logs in as the row-level-security role, never as the owner.
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseAppUrl, 'streamforge-api')),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redis), prefix: config.redis.prefix }),
        BullModule.registerQueue({ name: QUEUES.transcode }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ObjectStorage, useFactory: () => new ObjectStorage(config.s3) },
        TranscodeQueue,
        RequestScope,
      ],
      exports: [APP_CONFIG, ObjectStorage, TranscodeQueue, RequestScope],
    };
  }

  onApplicationShutdown() {
    this.storage.destroy();
  }
}
