import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type AppConfig,
  dataSourceOptions,
  ObjectStorage,
  QUEUES,
  type QueueName,
  redisConnectionOptions,
} from '@streamforge/core';
import { APP_CONFIG } from './tokens';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceScheduler } from './maintenance/maintenance-scheduler';
import { ObjectSweep } from './maintenance/object-sweep';
import { RecordPruner } from './maintenance/record-pruner';
import { UploadExpiry } from './maintenance/upload-expiry';
import { AccountSlots } from './transcode/account-slots';
import { Reconciler } from './transcode/reconciler';
import { TranscodeService } from './transcode/transcode.service';
import { TranscodeProcessor } from './transcode/transcode.processor';
import { VideoStates } from './transcode/video-states';

/** One processor per queue; the type makes a queue without a handler a compile error. */
const PROCESSORS: Record<QueueName, Type> = {
  [QUEUES.transcode]: TranscodeProcessor,
  [QUEUES.maintenance]: MaintenanceProcessor,
};

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, 'streamforge-worker')),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redis), prefix: config.redis.prefix }),
        ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ObjectStorage, useFactory: () => new ObjectStorage(config.s3) },
        VideoStates,
        TranscodeService,
        Reconciler,
        AccountSlots,
        UploadExpiry,
        ObjectSweep,
        RecordPruner,
        MaintenanceScheduler,
        ...Object.values(PROCESSORS),
      ],
    };
  }
}
